from http import HTTPStatus
from typing import Any

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.extended_error_model import ExtendedErrorModel
from ...models.message import Message
from ...models.send_message_response import SendMessageResponse
from ...types import Response


def _get_kwargs(
    *,
    body: Message,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/message/send",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> ExtendedErrorModel | SendMessageResponse:
    if response.status_code == 201:
        response_201 = SendMessageResponse.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ExtendedErrorModel.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ExtendedErrorModel.from_dict(response.json())

        return response_401

    if response.status_code == 402:
        response_402 = ExtendedErrorModel.from_dict(response.json())

        return response_402

    response_default = ExtendedErrorModel.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Response[ExtendedErrorModel | SendMessageResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: Message,
) -> Response[ExtendedErrorModel | SendMessageResponse]:
    """Send an SMS Message

    Args:
        body (Message): SMS message object

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExtendedErrorModel | SendMessageResponse]
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
    body: Message,
) -> ExtendedErrorModel | SendMessageResponse | None:
    """Send an SMS Message

    Args:
        body (Message): SMS message object

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExtendedErrorModel | SendMessageResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: Message,
) -> Response[ExtendedErrorModel | SendMessageResponse]:
    """Send an SMS Message

    Args:
        body (Message): SMS message object

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExtendedErrorModel | SendMessageResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: Message,
) -> ExtendedErrorModel | SendMessageResponse | None:
    """Send an SMS Message

    Args:
        body (Message): SMS message object

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExtendedErrorModel | SendMessageResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
