from http import HTTPStatus
from typing import Any

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.extended_error_model import ExtendedErrorModel
from ...models.message_volume_response import MessageVolumeResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/messages/volume",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> ExtendedErrorModel | MessageVolumeResponse:
    if response.status_code == 200:
        response_200 = MessageVolumeResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ExtendedErrorModel.from_dict(response.json())

        return response_401

    response_default = ExtendedErrorModel.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Response[ExtendedErrorModel | MessageVolumeResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ExtendedErrorModel | MessageVolumeResponse]:
    """Retrieve the number of messages sent since midnight last night

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExtendedErrorModel | MessageVolumeResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> ExtendedErrorModel | MessageVolumeResponse | None:
    """Retrieve the number of messages sent since midnight last night

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExtendedErrorModel | MessageVolumeResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[ExtendedErrorModel | MessageVolumeResponse]:
    """Retrieve the number of messages sent since midnight last night

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExtendedErrorModel | MessageVolumeResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> ExtendedErrorModel | MessageVolumeResponse | None:
    """Retrieve the number of messages sent since midnight last night

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExtendedErrorModel | MessageVolumeResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
