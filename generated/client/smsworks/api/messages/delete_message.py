from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.deleted_message_response import DeletedMessageResponse
from ...models.error_model import ErrorModel
from ...types import Response


def _get_kwargs(
    messageid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/messages/{messageid}".format(
            messageid=quote(str(messageid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> DeletedMessageResponse | ErrorModel:
    if response.status_code == 200:
        response_200 = DeletedMessageResponse.from_dict(response.json())

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

    response_default = ErrorModel.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Response[DeletedMessageResponse | ErrorModel]:
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
) -> Response[DeletedMessageResponse | ErrorModel]:
    """Delete the message with the matching messageid

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeletedMessageResponse | ErrorModel]
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
) -> DeletedMessageResponse | ErrorModel | None:
    """Delete the message with the matching messageid

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeletedMessageResponse | ErrorModel
    """

    return sync_detailed(
        messageid=messageid,
        client=client,
    ).parsed


async def asyncio_detailed(
    messageid: str,
    *,
    client: AuthenticatedClient,
) -> Response[DeletedMessageResponse | ErrorModel]:
    """Delete the message with the matching messageid

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeletedMessageResponse | ErrorModel]
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
) -> DeletedMessageResponse | ErrorModel | None:
    """Delete the message with the matching messageid

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeletedMessageResponse | ErrorModel
    """

    return (
        await asyncio_detailed(
            messageid=messageid,
            client=client,
        )
    ).parsed
