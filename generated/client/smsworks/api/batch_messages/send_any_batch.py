from http import HTTPStatus
from typing import Any

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.batch_message_response import BatchMessageResponse
from ...models.extended_error_model import ExtendedErrorModel
from ...models.message import Message
from ...types import Response


def _get_kwargs(
    *,
    body: list[Message],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/batch/any",
    }

    _kwargs["json"] = []
    for componentsschemas_message_array_item_data in body:
        componentsschemas_message_array_item = componentsschemas_message_array_item_data.to_dict()
        _kwargs["json"].append(componentsschemas_message_array_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> BatchMessageResponse | ExtendedErrorModel:
    if response.status_code == 201:
        response_201 = BatchMessageResponse.from_dict(response.json())

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
) -> Response[BatchMessageResponse | ExtendedErrorModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: list[Message],
) -> Response[BatchMessageResponse | ExtendedErrorModel]:
    """Sends a collection of unique SMS messages. Batches may contain up to 5000 messages at a time.

    Args:
        body (list[Message]): An array of Messages, 1 to 5000 of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchMessageResponse | ExtendedErrorModel]
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
    body: list[Message],
) -> BatchMessageResponse | ExtendedErrorModel | None:
    """Sends a collection of unique SMS messages. Batches may contain up to 5000 messages at a time.

    Args:
        body (list[Message]): An array of Messages, 1 to 5000 of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchMessageResponse | ExtendedErrorModel
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: list[Message],
) -> Response[BatchMessageResponse | ExtendedErrorModel]:
    """Sends a collection of unique SMS messages. Batches may contain up to 5000 messages at a time.

    Args:
        body (list[Message]): An array of Messages, 1 to 5000 of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BatchMessageResponse | ExtendedErrorModel]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: list[Message],
) -> BatchMessageResponse | ExtendedErrorModel | None:
    """Sends a collection of unique SMS messages. Batches may contain up to 5000 messages at a time.

    Args:
        body (list[Message]): An array of Messages, 1 to 5000 of them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BatchMessageResponse | ExtendedErrorModel
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
