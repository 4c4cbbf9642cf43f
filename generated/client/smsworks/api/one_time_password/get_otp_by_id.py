from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.error_model import ErrorModel
from ...models.otp_verify_response import OTPVerifyResponse
from ...types import Response


def _get_kwargs(
    messageid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/otp/{messageid}".format(
            messageid=quote(str(messageid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> ErrorModel | OTPVerifyResponse:
    if response.status_code == 200:
        response_200 = OTPVerifyResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorModel.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorModel.from_dict(response.json())

        return response_404

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
    messageid: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorModel | OTPVerifyResponse]:
    """Retrieve an OTP by its message ID

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorModel | OTPVerifyResponse]
    """

    kwargs = _get_kwargs(
        messageid=messageid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    messageid: str,
    *,
    client: AuthenticatedClient,
) -> ErrorModel | OTPVerifyResponse | None:
    """Retrieve an OTP by its message ID

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorModel | OTPVerifyResponse
    """

    return sync_detailed(
        messageid=messageid,
        client=client,
    ).parsed


async def asyncio_detailed(
    messageid: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorModel | OTPVerifyResponse]:
    """Retrieve an OTP by its message ID

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorModel | OTPVerifyResponse]
    """

    kwargs = _get_kwargs(
        messageid=messageid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    messageid: str,
    *,
    client: AuthenticatedClient,
) -> ErrorModel | OTPVerifyResponse | None:
    """Retrieve an OTP by its message ID

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorModel | OTPVerifyResponse
    """

    return (
        await asyncio_detailed(
            messageid=messageid,
            client=client,
        )
    ).parsed
