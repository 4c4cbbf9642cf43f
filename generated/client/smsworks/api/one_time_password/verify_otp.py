from http import HTTPStatus
from typing import Any

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.error_model import ErrorModel
from ...models.otp_verify import OTPVerify
from ...models.otp_verify_response import OTPVerifyResponse
from ...types import Response


def _get_kwargs(
    *,
    body: OTPVerify,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/otp/verify",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> ErrorModel | OTPVerifyResponse:
    if response.status_code == 200:
        response_200 = OTPVerifyResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorModel.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorModel.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorModel.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorModel.from_dict(response.json())

        return response_409

    response_default = ErrorModel.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Response[ErrorModel | OTPVerifyResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: OTPVerify,
) -> Response[ErrorModel | OTPVerifyResponse]:
    """Verifies a One-Time Passcode. A passcode verifies once, within its validity; after that the OTP is
    VERIFIED or EXPIRED and never verifies again.

    Args:
        body (OTPVerify): Schema for the /otp/verify method

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorModel | OTPVerifyResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: OTPVerify,
) -> ErrorModel | OTPVerifyResponse | None:
    """Verifies a One-Time Passcode. A passcode verifies once, within its validity; after that the OTP is
    VERIFIED or EXPIRED and never verifies again.

    Args:
        body (OTPVerify): Schema for the /otp/verify method

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorModel | OTPVerifyResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OTPVerify,
) -> Response[ErrorModel | OTPVerifyResponse]:
    """Verifies a One-Time Passcode. A passcode verifies once, within its validity; after that the OTP is
    VERIFIED or EXPIRED and never verifies again.

    Args:
        body (OTPVerify): Schema for the /otp/verify method

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorModel | OTPVerifyResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: OTPVerify,
) -> ErrorModel | OTPVerifyResponse | None:
    """Verifies a One-Time Passcode. A passcode verifies once, within its validity; after that the OTP is
    VERIFIED or EXPIRED and never verifies again.

    Args:
        body (OTPVerify): Schema for the /otp/verify method

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorModel | OTPVerifyResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
