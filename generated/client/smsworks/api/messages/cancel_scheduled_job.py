from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.cancelled_message_response import CancelledMessageResponse
from ...models.extended_error_model import ExtendedErrorModel
from ...types import Response


def _get_kwargs(
    messageid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/messages/schedule/{messageid}".format(
            messageid=quote(str(messageid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> CancelledMessageResponse | ExtendedErrorModel:
    if response.status_code == 200:
        response_200 = CancelledMessageResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ExtendedErrorModel.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ExtendedErrorModel.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ExtendedErrorModel.from_dict(response.json())

        return response_409

    response_default = ExtendedErrorModel.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Response[CancelledMessageResponse | ExtendedErrorModel]:
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
) -> Response[CancelledMessageResponse | ExtendedErrorModel]:
    """Cancels a scheduled SMS message

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelledMessageResponse | ExtendedErrorModel]
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
) -> CancelledMessageResponse | ExtendedErrorModel | None:
    """Cancels a scheduled SMS message

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelledMessageResponse | ExtendedErrorModel
    """

    return sync_detailed(
        messageid=messageid,
        client=client,
    ).parsed


async def asyncio_detailed(
    messageid: str,
    *,
    client: AuthenticatedClient,
) -> Response[CancelledMessageResponse | ExtendedErrorModel]:
    """Cancels a scheduled SMS message

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CancelledMessageResponse | ExtendedErrorModel]
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
) -> CancelledMessageResponse | ExtendedErrorModel | None:
    """Cancels a scheduled SMS message

    Args:
        messageid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CancelledMessageResponse | ExtendedErrorModel
    """

    return (
        await asyncio_detailed(
            messageid=messageid,
            client=client,
        )
    ).parsed
