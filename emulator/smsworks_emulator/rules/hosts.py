"""Host names: which ones are this machine, and the name a request's ``Host`` header gives.

A server bound to loopback is out of other machines' reach, not out of web pages' reach: a page on
a name its author re-points at 127.0.0.1 (DNS rebinding) is same-origin with the server, so the
only sign of it is the ``Host`` the browser sends. Names that cannot be rebound are the loopback
addresses themselves and ``localhost`` (browsers resolve it and its subdomains locally).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Collection

ANY_HOST = "*"
"""In an allow-list of host names: every name (for throwaway setups; rebinding is then possible)."""


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` (a name or an address, lower case, no brackets) always means this machine."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The name in a ``Host`` header (``[::1]:8080`` -> ``::1``, ``Example.test.:80`` -> ``example.test``)."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        name = value[1:end] if end > 0 else value[1:]
    elif value.count(":") == 1:
        name = value.partition(":")[0]
    else:
        name = value  # no port, or a bare IPv6 address (not valid in Host, but unambiguous)
    return name.rstrip(".")


def host_allowed(name: str, allowed: Collection[str], own: str | None = None) -> bool:
    """Whether a request naming host ``name`` may be answered.

    ``allowed``: names given by the user; ``*`` allows any, ``.example.test`` a name and its
    subdomains. ``own``: the address the request arrived on (the server's side of the connection),
    which a client can only name by having connected to it.
    """
    if is_loopback_host(name) or (own is not None and name == own.lower().strip("[]")):
        return True
    if ANY_HOST in allowed or name in allowed:
        return True
    return any(
        entry.startswith(".") and (name == entry[1:] or name.endswith(entry)) for entry in allowed
    )


def allowed_host_problem(entry: str) -> str | None:
    """What is wrong with ``entry`` as an allow-list name (``None``: nothing)."""
    if entry == ANY_HOST:
        return None
    problem = f"{entry!r} is not a host name: give the name alone, without scheme, port or path"
    if not entry or entry != entry.strip():
        return problem
    if not _is_ipv6(entry) and any(c in entry for c in "/:@ "):
        return problem
    return None


def _is_ipv6(entry: str) -> bool:
    try:
        return ipaddress.ip_address(entry.strip("[]")).version == 6
    except ValueError:
        return False
