from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.country_response import CountryResponse
from ...models.error_model import ErrorModel
from ...types import Response


def _get_kwargs(
    countrycode: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/credits/{countrycode}".format(
            countrycode=quote(str(countrycode), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx2.Response) -> CountryResponse | ErrorModel:
    if response.status_code == 200:
        response_200 = CountryResponse.from_dict(response.json())

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
) -> Response[CountryResponse | ErrorModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    countrycode: str,
    *,
    client: AuthenticatedClient,
) -> Response[CountryResponse | ErrorModel]:
    """Returns the number of credits one SMS part sent to the given country costs. A message of several
    parts costs that many times as much.

    Args:
        countrycode (str):  Example: GB.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CountryResponse | ErrorModel]
    """

    kwargs = _get_kwargs(
        countrycode=countrycode,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    countrycode: str,
    *,
    client: AuthenticatedClient,
) -> CountryResponse | ErrorModel | None:
    """Returns the number of credits one SMS part sent to the given country costs. A message of several
    parts costs that many times as much.

    Args:
        countrycode (str):  Example: GB.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CountryResponse | ErrorModel
    """

    return sync_detailed(
        countrycode=countrycode,
        client=client,
    ).parsed


async def asyncio_detailed(
    countrycode: str,
    *,
    client: AuthenticatedClient,
) -> Response[CountryResponse | ErrorModel]:
    """Returns the number of credits one SMS part sent to the given country costs. A message of several
    parts costs that many times as much.

    Args:
        countrycode (str):  Example: GB.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CountryResponse | ErrorModel]
    """

    kwargs = _get_kwargs(
        countrycode=countrycode,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    countrycode: str,
    *,
    client: AuthenticatedClient,
) -> CountryResponse | ErrorModel | None:
    """Returns the number of credits one SMS part sent to the given country costs. A message of several
    parts costs that many times as much.

    Args:
        countrycode (str):  Example: GB.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CountryResponse | ErrorModel
    """

    return (
        await asyncio_detailed(
            countrycode=countrycode,
            client=client,
        )
    ).parsed
