from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ...client import AuthenticatedClient, Client
from ...models.extended_error_model import ExtendedErrorModel
from ...types import Response


def _get_kwargs(
    errorcode: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/utils/errors/{errorcode}".format(
            errorcode=quote(str(errorcode), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx2.Response) -> ExtendedErrorModel:
    if response.status_code == 401:
        response_401 = ExtendedErrorModel.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ExtendedErrorModel.from_dict(response.json())

        return response_404

    response_default = ExtendedErrorModel.from_dict(response.json())

    return response_default


def _build_response(*, client: AuthenticatedClient | Client, response: httpx2.Response) -> Response[ExtendedErrorModel]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    errorcode: str,
    *,
    client: AuthenticatedClient,
) -> Response[ExtendedErrorModel]:
    """Returns a sample error object for the given error code. Useful for designing code to react to errors
    when they occur for real.

    Args:
        errorcode (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExtendedErrorModel]
    """

    kwargs = _get_kwargs(
        errorcode=errorcode,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    errorcode: str,
    *,
    client: AuthenticatedClient,
) -> ExtendedErrorModel | None:
    """Returns a sample error object for the given error code. Useful for designing code to react to errors
    when they occur for real.

    Args:
        errorcode (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExtendedErrorModel
    """

    return sync_detailed(
        errorcode=errorcode,
        client=client,
    ).parsed


async def asyncio_detailed(
    errorcode: str,
    *,
    client: AuthenticatedClient,
) -> Response[ExtendedErrorModel]:
    """Returns a sample error object for the given error code. Useful for designing code to react to errors
    when they occur for real.

    Args:
        errorcode (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExtendedErrorModel]
    """

    kwargs = _get_kwargs(
        errorcode=errorcode,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    errorcode: str,
    *,
    client: AuthenticatedClient,
) -> ExtendedErrorModel | None:
    """Returns a sample error object for the given error code. Useful for designing code to react to errors
    when they occur for real.

    Args:
        errorcode (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExtendedErrorModel
    """

    return (
        await asyncio_detailed(
            errorcode=errorcode,
            client=client,
        )
    ).parsed
