"""Delivery reports: what The SMS Works POSTs to a message's ``deliveryreporturl`` when its status changes.

The body is the message's ``MessageResponse``, as ``get_message_by_id`` returns it. A receiver in Starlette::

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from smsworks.webhooks import parse_delivery_report

    async def delivery_report(request: Request) -> Response:
        try:
            report = parse_delivery_report(await request.body())
        except ValueError as error:
            return Response(str(error), status_code=400)
        print(report.messageid, report.status)
        return Response(status_code=204)

    app = Starlette(routes=[Route("/sms/delivery", delivery_report, methods=["POST"])])
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from smsworks.models import MessageResponse
from smsworks.wire import normalise_body

# (name, whether it is text) of each field the model requires; they are named as on the wire.
_REQUIRED = tuple(
    (field.name, field.type in (str, "str"))
    for field in attrs.fields(MessageResponse)
    if field.default is attrs.NOTHING and field.init
)


def parse_delivery_report(body: bytes | str | Mapping[str, Any]) -> MessageResponse:
    """The ``MessageResponse`` in a delivery report's body (the raw bytes, their text, or the decoded JSON).

    Raises :class:`ValueError` naming the field when the body is not a delivery report: not JSON, not an
    object, ``messageid`` or ``status`` missing or not text (a number is read as its text). Every other field may be
    left out, and unknown ones are kept in ``additional_properties``.
    """
    if isinstance(body, bytes | str):
        try:
            data: Any = json.loads(body)
        except ValueError as error:
            raise ValueError(f"delivery report: body is not JSON ({error})") from error
    else:
        data = body
    if not isinstance(data, Mapping):
        raise ValueError(f"delivery report: body must be a JSON object, not {type(data).__name__}")
    # A report is the message's record: read as liberally as get_message_by_id reads it (ids as numbers, fields left out).
    data = normalise_body("getMessageById", 200, dict(data))
    for name, text in _REQUIRED:
        if name not in data:
            raise ValueError(f"delivery report: {name}: is required")
        if text and not isinstance(data[name], str):
            raise ValueError(
                f"delivery report: {name}: must be text, not {type(data[name]).__name__}"
            )
    try:
        return MessageResponse.from_dict(dict(data))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(f"delivery report: {type(error).__name__}: {error}") from error


__all__ = ["parse_delivery_report"]
