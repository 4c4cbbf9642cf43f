from http import HTTPStatus
from typing import Any

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.batch_to_schedule import BatchToSchedule
from ...models.extended_error_model import ExtendedErrorModel
from ...models.scheduled_batch_response import ScheduledBatchResponse
from ...types import Response


def _get_kwargs(
    *,
    body: BatchToSchedule,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/batch/schedule",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> ExtendedErrorModel | ScheduledBatchResponse:
    if response.status_code == 200:
        response_200 = ScheduledBatchResponse.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ScheduledBatchResponse.from_dict(response.json())

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
) -> Response[ExtendedErrorModel | ScheduledBatchResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BatchToSchedule,
) -> Response[ExtendedErrorModel | ScheduledBatchResponse]:
    """Schedules a batch of SMS messages to be sent at the date time you specify

    Args:
        body (BatchToSchedule): A batch to send later, at its schedule.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExtendedErrorModel | ScheduledBatchResponse]
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
    body: BatchToSchedule,
) -> ExtendedErrorModel | ScheduledBatchResponse | None:
    """Schedules a batch of SMS messages to be sent at the date time you specify

    Args:
        body (BatchToSchedule): A batch to send later, at its schedule.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExtendedErrorModel | ScheduledBatchResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BatchToSchedule,
) -> Response[ExtendedErrorModel | ScheduledBatchResponse]:
    """Schedules a batch of SMS messages to be sent at the date time you specify

    Args:
        body (BatchToSchedule): A batch to send later, at its schedule.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExtendedErrorModel | ScheduledBatchResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BatchToSchedule,
) -> ExtendedErrorModel | ScheduledBatchResponse | None:
    """Schedules a batch of SMS messages to be sent at the date time you specify

    Args:
        body (BatchToSchedule): A batch to send later, at its schedule.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExtendedErrorModel | ScheduledBatchResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
