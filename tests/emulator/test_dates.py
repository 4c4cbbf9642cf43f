"""Schedules read ISO 8601 and JavaScript Date text; dates are written as JSON.stringify does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsworks_emulator.rules.dates import DateError, format_iso, parse_schedule

BST = timezone(timedelta(hours=1))
JAVASCRIPT_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
JAVASCRIPT_MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


@pytest.mark.parametrize(
    "text",
    [
        "Wed Jul 19 2017 20:26:28 GMT+0100 (BST)",
        "Wed Jul 19 2017 20:26:28 GMT+0100 (British Summer Time)",
        "Wed Jul 19 2017 20:26:28 GMT+0100",
        "Wed Jul 19 2017 19:26:28 GMT+0000 (Coordinated Universal Time)",
        "Wed Jul 19 2017 15:26:28 GMT-0400 (Eastern Daylight Time)",
        "Thu Jul 20 2017 04:56:28 GMT+0930 (ACST)",
        "2017-07-19T19:26:28Z",
        "2017-07-19T19:26:28.000Z",
        "2017-07-19T20:26:28+01:00",
        "2017-07-19T19:26:28",
        "2017-07-19 19:26:28",
        "20170719T192628Z",
        "  2017-07-19T19:26:28Z  ",
    ],
)
def test_every_accepted_form_reads_as_the_same_utc_moment(text: str) -> None:
    moment = parse_schedule(text)
    assert moment == datetime(2017, 7, 19, 19, 26, 28, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(0)


def test_the_vendors_own_example_reads() -> None:
    moment = parse_schedule("Tue Apr 25 2023 16:47:00 GMT+0100 (British Summer Time)")
    assert moment == datetime(2023, 4, 25, 15, 47, tzinfo=UTC)


def test_a_date_alone_is_midnight_utc() -> None:
    assert parse_schedule("2017-07-19") == datetime(2017, 7, 19, tzinfo=UTC)


def test_a_single_digit_day_is_read() -> None:
    assert parse_schedule("Sun Jul 9 2017 10:00:00 GMT+0000") == datetime(
        2017, 7, 9, 10, tzinfo=UTC
    )


def test_a_wrong_weekday_is_read_past_as_javascript_does() -> None:
    # 19 July 2017 was a Wednesday; Date.parse("Thu Jul 19 2017 ...") gives that Wednesday.
    assert parse_schedule("Thu Jul 19 2017 20:26:28 GMT+0100 (BST)") == datetime(
        2017, 7, 19, 19, 26, 28, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "is required"),
        ("tomorrow", "is not a date"),
        ("19/07/2017 20:26", "is not a date"),
        ("2017-07-19T25:00:00Z", "is not a date"),
        ("2017-02-30", "is not a date"),
        ("Wed Jul 19 2017 20:26:28", "is not a date"),
        ("Wed Jul 19 2017 20:26:28 GMT+01:00", "is not a date"),
        ("Wed Jux 19 2017 20:26:28 GMT+0100", "unknown month"),
        ("Wex Jul 19 2017 20:26:28 GMT+0100", "unknown weekday"),
        ("Thu Feb 30 2017 20:26:28 GMT+0100", "not a real date"),
        ("Wed Jul 19 2017 24:26:28 GMT+0100", "not a real date"),
        ("Wed Jul 19 2017 20:26:28 GMT+2500", "impossible UTC offset"),
        ("0001-01-01T00:00:00+01:00", "outside the years 1-9999"),
    ],
)
def test_anything_else_is_refused_naming_the_field(text: str, problem: str) -> None:
    with pytest.raises(DateError, match=f"^schedule: .*{problem}"):
        parse_schedule(text)


def test_the_error_shows_the_accepted_forms_and_the_field_asked_about() -> None:
    with pytest.raises(DateError, match=r"^from: .*ISO 8601.*GMT\+0100 \(BST\)"):
        parse_schedule("next week", field="from")


def test_format_is_what_json_stringify_writes() -> None:
    assert format_iso(datetime(2017, 7, 19, 20, 26, 28, tzinfo=BST)) == "2017-07-19T19:26:28.000Z"
    assert format_iso(datetime(2017, 7, 19, 19, 26, 28, 123999)) == "2017-07-19T19:26:28.123Z"
    assert format_iso(datetime(5, 1, 1, tzinfo=UTC)) == "0005-01-01T00:00:00.000Z"


def javascript_text(moment: datetime) -> str:
    """What Date.prototype.toString gives, written here from the ECMAScript definition."""
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return (
        f"{JAVASCRIPT_WEEKDAYS[moment.weekday()]} {JAVASCRIPT_MONTHS[moment.month - 1]} "
        f"{moment.day:02d} {moment.year:04d} {moment.hour:02d}:{moment.minute:02d}:"
        f"{moment.second:02d} GMT{sign}{hours:02d}{rest:02d} (Some Zone)"
    )


OFFSETS = st.integers(-12 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
MOMENTS = st.datetimes(
    min_value=datetime(1000, 1, 2), max_value=datetime(9999, 12, 30), timezones=OFFSETS
)


@given(MOMENTS)
def test_format_then_parse_keeps_the_moment_to_the_millisecond(moment: datetime) -> None:
    read_back = parse_schedule(format_iso(moment))
    assert read_back.tzinfo == UTC
    assert timedelta(0) <= moment - read_back < timedelta(milliseconds=1)
    assert format_iso(read_back) == format_iso(moment)


@given(MOMENTS)
def test_javascript_text_reads_as_its_moment(moment: datetime) -> None:
    assert parse_schedule(javascript_text(moment)) == moment.replace(microsecond=0)


@given(MOMENTS, st.integers(1, 6))
def test_javascript_text_with_another_weekday_reads_as_its_date(
    moment: datetime, shift: int
) -> None:
    right = javascript_text(moment)
    wrong_weekday = JAVASCRIPT_WEEKDAYS[(moment.weekday() + shift) % 7]
    assert parse_schedule(wrong_weekday + right[3:]) == parse_schedule(right)


@given(st.text(max_size=60))
def test_any_text_gives_a_utc_moment_or_a_date_error(text: str) -> None:
    try:
        moment = parse_schedule(text)
    except DateError as error:
        message = str(error)
        assert message.startswith("schedule: ")
    else:
        assert moment.utcoffset() == timedelta(0)
