"""What the drift proxy keeps of a message: never a token, a phone number only as its country code and last
two digits, message content only as its length and encoding (unless content is kept on purpose).

Everything the proxy records (findings, the exchange journal, the reports, the log, the page) goes through one
:class:`Redactor` first; the bytes forwarded to and from the upstream are never touched.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import replace
from typing import Any

from smsworks_emulator.drift import Finding
from smsworks_emulator.http.journal import REDACTED, redact
from smsworks_emulator.rules.numbers import mask_numbers, masked_number
from smsworks_emulator.rules.segments import ContentError, segment_text

PHONE_KEYS = frozenset({"destination", "destinations", "sender", "from", "to"})
"""Fields of the spec that hold phone numbers (a sender may be a name instead: a name is kept)."""
CONTENT_KEYS = frozenset({"content", "template", "keyword"})
"""Fields that hold what a message says (an inbound message's keyword is its first word)."""
SECRET_KEYS = frozenset({"passcode"})
"""Fields as secret as a token: a one-time passcode is never kept (tokens: :func:`redact`)."""
BODY_VIEW_BYTES = 65536
"""A longer body is recorded by its size alone: walking a 5000-message batch for the journal costs more
than checking it."""
TEXT_EXCERPT = 2048

_PHONE_TEXT = re.compile(r"\+?[0-9 ().\-]+")


def phone(value: object) -> str:
    """``+44…23`` of ``447700900123``, ``0…23`` of a national ``07700900123``, ``…23`` when unreadable."""
    return masked_number(value)


def content_summary(value: object) -> dict[str, object]:
    """``{"characters": 27, "encoding": "GSM"}``: what is kept of a message's content."""
    if not isinstance(value, str):
        return {"type": type(value).__name__}
    try:
        encoding: str | None = segment_text(value).encoding
    except ContentError:
        encoding = None  # empty, or longer than any message: its length says enough
    return {"characters": len(value), "encoding": encoding}


def describe_content(value: object) -> str:
    summary = content_summary(value)
    if "type" in summary:
        return f"[content: a {summary['type']}]"
    encoding = f", {summary['encoding']}" if summary["encoding"] else ""
    return f"[content: {summary['characters']} characters{encoding}]"


class Redactor:
    """Applies the redaction rules; ``keep_content`` keeps message content (tokens and numbers never are)."""

    def __init__(self, keep_content: bool = False) -> None:
        self.keep_content = keep_content

    def text(self, text: str) -> str:
        """Free text with every token and every phone number in it redacted."""
        cleaned: str = redact(text)
        return mask_numbers(cleaned)

    def value(self, value: Any, key: str | None = None) -> Any:
        """A parsed JSON value, redacted field by field (``key``: the field that holds it)."""
        if key is not None:
            lowered = key.lower()
            if lowered in SECRET_KEYS:
                return REDACTED
            if lowered in CONTENT_KEYS and not self.keep_content:
                return content_summary(value)
            if lowered in PHONE_KEYS:
                if isinstance(value, list):
                    return [self._number(item) for item in value]
                return self._number(value)
        if isinstance(value, dict):
            return {name: self.value(item, str(name)) for name, item in redact(value).items()}
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def _number(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int):
            return self.value(value)
        if isinstance(value, int) or _PHONE_TEXT.fullmatch(value.strip() or "x"):
            return phone(value)
        return self.text(value)  # a sender name

    def body(self, body: bytes, content_type: str | None) -> Any:
        """What the journal shows of a body: its redacted JSON, or its size and what it is."""
        if not body:
            return None
        if len(body) > BODY_VIEW_BYTES:
            return {"bytes": len(body)}
        try:
            return self.value(json.loads(body))
        except ValueError:
            pass
        if self.keep_content:
            return self.text(body[:TEXT_EXCERPT].decode("utf-8", "replace"))
        return {"bytes": len(body), "content_type": content_type, "json": False}

    def finding(self, finding: Finding) -> Finding:
        """``finding`` with the value it quotes redacted as the field it came from would be."""
        key = finding.pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        seen = finding.seen
        if finding.kind == "unparseable-body":
            excerpt, _, error = seen.rpartition(" (")
            if not self.keep_content or not excerpt:
                seen = f"a body that is not JSON ({error}" if error else "a body that is not JSON"
        elif finding.kind in ("enum", "pattern"):
            seen = self._quoted(seen, key)
        return replace(finding, seen=self.text(seen))

    def _quoted(self, seen: str, key: str) -> str:
        """A value the checker quotes (its ``repr``), redacted as its field's value is."""
        try:
            value = ast.literal_eval(seen)
        except (ValueError, SyntaxError):
            return seen
        redacted = self.value(value, key or None)
        if isinstance(redacted, dict) and key.lower() in CONTENT_KEYS:
            return describe_content(value)
        return repr(redacted)
