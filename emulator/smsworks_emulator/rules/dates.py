"""The date texts the service reads and writes.

The service's examples show ``schedule`` as JavaScript ``Date.toString()`` text
(``Wed Jul 19 2017 20:26:28 GMT+0100 (BST)``), and its clients just as often send ISO 8601; both
are accepted. Dates go out the way ``JSON.stringify(new Date())`` writes them:
``2017-07-19T19:26:28.000Z``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

ACCEPTED_FORMS = (
    "ISO 8601 (e.g. '2017-07-19T19:26:28Z', '2017-07-19T20:26:28+01:00', '2017-07-19') "
    "or JavaScript Date text (e.g. 'Wed Jul 19 2017 20:26:28 GMT+0100 (BST)')"
)

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

# Date.prototype.toString (ECMA-262 21.4.4.41): weekday, month, day, year, time, "GMT" and the
# offset, then an implementation-defined zone name in parentheses that we read past.
_JAVASCRIPT_DATE = re.compile(
    r"(?P<weekday>[A-Za-z]{3}) (?P<month>[A-Za-z]{3}) (?P<day>\d{1,2}) (?P<year>\d{4}) "
    r"(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2}) "
    r"GMT(?P<sign>[+-])(?P<offset_hours>\d{2})(?P<offset_minutes>\d{2})"
    r"(?: \([^()]*\))?",
    re.ASCII,
)


class DateError(ValueError):
    """A date text cannot be read; the message names the field and the accepted forms."""


def parse_schedule(text: str, *, field: str = "schedule") -> datetime:
    """Read an ISO 8601 or JavaScript ``Date.toString()`` text as an aware UTC datetime.

    A naive ISO 8601 time is taken as UTC, and a date alone as midnight UTC.
    """
    if not isinstance(text, str):
        raise DateError(f"{field}: must be a date as text, not {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise DateError(f"{field}: is required; accepted forms: {ACCEPTED_FORMS}")
    javascript = _JAVASCRIPT_DATE.fullmatch(stripped)
    try:
        if javascript:
            moment = _from_javascript(javascript, text, field)
        else:
            moment = _from_iso(stripped, text, field)
        return moment.astimezone(UTC)
    except OverflowError as error:
        # An offset that carries the time past year 1 or 9999.
        raise DateError(f"{field}: {text!r} is outside the years 1-9999 in UTC") from error


def format_iso(moment: datetime) -> str:
    """Write ``moment`` as ``JSON.stringify`` does: UTC, milliseconds, ``Z``.

    A naive ``moment`` is taken as UTC. Precision below a millisecond is dropped, as a
    JavaScript Date cannot hold it.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        utc = moment.astimezone(UTC)
    except OverflowError as error:
        raise DateError(f"moment: {moment!r} is outside the years 1-9999 in UTC") from error
    # Not strftime: its %Y does not pad years below 1000 to four digits on glibc.
    return (
        f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T"
        f"{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d}.{utc.microsecond // 1000:03d}Z"
    )


def _from_iso(stripped: str, text: str, field: str) -> datetime:
    try:
        moment = datetime.fromisoformat(stripped)
    except ValueError as error:
        raise DateError(
            f"{field}: {text!r} is not a date ({error}); accepted forms: {ACCEPTED_FORMS}"
        ) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _from_javascript(match: re.Match[str], text: str, field: str) -> datetime:
    month_name = match["month"].lower()
    if month_name not in _MONTHS:
        raise DateError(f"{field}: {text!r} has an unknown month {match['month']!r}")
    weekday_name = match["weekday"].lower()
    if weekday_name not in _WEEKDAYS:
        raise DateError(f"{field}: {text!r} has an unknown weekday {match['weekday']!r}")
    offset_hours, offset_minutes = int(match["offset_hours"]), int(match["offset_minutes"])
    if offset_hours > 23 or offset_minutes > 59:
        raise DateError(f"{field}: {text!r} has an impossible UTC offset")
    offset = timedelta(hours=offset_hours, minutes=offset_minutes)
    zone = timezone(-offset if match["sign"] == "-" else offset)
    try:
        moment = datetime(
            int(match["year"]),
            _MONTHS.index(month_name) + 1,
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"]),
            tzinfo=zone,
        )
    except ValueError as error:
        raise DateError(f"{field}: {text!r} is not a real date or time ({error})") from error
    # The weekday is read past, as JavaScript's Date.parse does: "Sun Sep 03 2020" is
    # 3 September 2020, a Thursday. The date names the day; a weekday that disagrees is a
    # slip of whoever wrote the text, not a second date to choose between.
    return moment


def to_ms(moment: datetime) -> int:
    """Milliseconds since the Unix epoch: how times are stored."""
    return (
        int(moment.timestamp() * 1000 + 0.5) if moment.tzinfo else to_ms(moment.replace(tzinfo=UTC))
    )


def from_ms(milliseconds: int) -> datetime:
    return datetime.fromtimestamp(milliseconds / 1000, UTC)


def iso_ms(milliseconds: int) -> str:
    """A stored time as the API writes dates."""
    return format_iso(from_ms(milliseconds))
