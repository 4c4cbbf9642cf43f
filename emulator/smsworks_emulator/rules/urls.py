"""The one check a delivery-report URL gets before anything is posted to it."""

from __future__ import annotations


def is_http_url(value: object) -> bool:
    """Whether ``value`` is text starting ``http://`` or ``https://``."""
    return isinstance(value, str) and value.startswith(("http://", "https://"))
