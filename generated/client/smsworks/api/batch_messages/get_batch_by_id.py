from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.error_model import ErrorModel
from ...models.message_response import MessageResponse
from ...types import Response


def _get_kwargs(
    batchid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/batch/{batchid}".format(
            batchid=quote(str(batchid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> ErrorModel | list[MessageResponse]:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = MessageResponse.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[ErrorModel | list[MessageResponse]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    batchid: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorModel | list[MessageResponse]]:
    """Retrieve all messages in a batch with the given batch ID

    Args:
        batchid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorModel | list[MessageResponse]]
    """

    kwargs = _get_kwargs(
        batchid=batchid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    batchid: str,
    *,
    client: AuthenticatedClient,
) -> ErrorModel | list[MessageResponse] | None:
    """Retrieve all messages in a batch with the given batch ID

    Args:
        batchid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorModel | list[MessageResponse]
    """

    return sync_detailed(
        batchid=batchid,
        client=client,
    ).parsed


async def asyncio_detailed(
    batchid: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorModel | list[MessageResponse]]:
    """Retrieve all messages in a batch with the given batch ID

    Args:
        batchid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorModel | list[MessageResponse]]
    """

    kwargs = _get_kwargs(
        batchid=batchid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    batchid: str,
    *,
    client: AuthenticatedClient,
) -> ErrorModel | list[MessageResponse] | None:
    """Retrieve all messages in a batch with the given batch ID

    Args:
        batchid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorModel | list[MessageResponse]
    """

    return (
        await asyncio_detailed(
            batchid=batchid,
            client=client,
        )
    ).parsed
