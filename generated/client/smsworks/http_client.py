"""The check on a client a user hands in: ``httpx_client=`` and ``set_httpx_client`` take ``httpx2`` clients.

httpx2 is httpx's successor under a new module name, so an ``httpx.Client`` looks right but is a different
class: its transports, errors and timeouts are the old library's, and our calls would fail deep inside it.
The mistake is caught when the client is handed in, with the one-line fix.
"""

from __future__ import annotations

from typing import TypeVar

C = TypeVar("C")


def checked_http_client(client: C, expected: type[C], argument: str = "httpx_client") -> C:
    """``client`` when it is an ``expected`` (``httpx2.Client`` or ``httpx2.AsyncClient``), else a TypeError."""
    if isinstance(client, expected):
        return client
    given = type(client)
    wanted = f"{expected.__module__.split('.')[0]}.{expected.__name__}"
    package = given.__module__.split(".")[0]
    if package in ("httpx", "httpcore"):
        raise TypeError(
            f"{argument}: got {package}.{given.__name__}, but smsworks runs on httpx2, the maintained "
            f"successor of httpx; build the client with httpx2 instead: `import httpx2` and "
            f"`{wanted}(...)` with the same arguments (pip install httpx2)"
        )
    raise TypeError(
        f"{argument}: expected an {wanted}, got {given.__module__}.{given.__qualname__}"
    )
