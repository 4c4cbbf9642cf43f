from http import HTTPStatus
from typing import Any

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.error_model import ErrorModel
from ...models.extended_error_model import ExtendedErrorModel
from ...models.otp import OTP
from ...models.otp_response import OTPResponse
from ...types import Response


def _get_kwargs(
    *,
    body: OTP,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/otp/send",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> ErrorModel | ExtendedErrorModel | OTPResponse:
    if response.status_code == 201:
        response_201 = OTPResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorModel.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorModel.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ExtendedErrorModel.from_dict(response.json())

        return response_402

    response_default = ErrorModel.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Response[ErrorModel | ExtendedErrorModel | OTPResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: OTP,
) -> Response[ErrorModel | ExtendedErrorModel | OTPResponse]:
    """Generates and sends a One-Time Password

    Args:
        body (OTP): Parameters for the generation and sending of One-Time Passwords

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorModel | ExtendedErrorModel | OTPResponse]
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
    body: OTP,
) -> ErrorModel | ExtendedErrorModel | OTPResponse | None:
    """Generates and sends a One-Time Password

    Args:
        body (OTP): Parameters for the generation and sending of One-Time Passwords

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorModel | ExtendedErrorModel | OTPResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OTP,
) -> Response[ErrorModel | ExtendedErrorModel | OTPResponse]:
    """Generates and sends a One-Time Password

    Args:
        body (OTP): Parameters for the generation and sending of One-Time Passwords

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorModel | ExtendedErrorModel | OTPResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: OTP,
) -> ErrorModel | ExtendedErrorModel | OTPResponse | None:
    """Generates and sends a One-Time Password

    Args:
        body (OTP): Parameters for the generation and sending of One-Time Passwords

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorModel | ExtendedErrorModel | OTPResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
