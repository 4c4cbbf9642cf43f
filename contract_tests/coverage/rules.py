"""Every documented rule, the check that holds the target to it, and what shows this run reached it.

A rule comes from a row of ``docs/spec-rules.md`` or a behaviour ``docs/emulator.md`` states
(``source`` names which; ``test_rules.py`` fails when a row of either has no rule here). It is
reached when the check calls :func:`reach` with its name after comparing the target's answer in
that situation, and, for the rules the spec states, when the traffic drew each ``drawn`` kind.
A rule its target cannot exercise names why in ``not_on``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contract_tests.coverage.recorder import COVERAGE

MODEL = "test_every_answer_and_balance_equal_the_model"
FUZZ = "test_operation_honours_the_spec"
REPORTS = "test_a_failed_delivery_report_is_retried_until_received"

CLOCK = "needs the emulator's clock (the live service's is real; a run cannot wait for it)"
FORCED = "needs a forced outcome (the drama numbers) and the emulator's clock"
INBOUND = "needs inbound injection, which only the emulator offers"
BALANCE = "needs the balance set low, which only the emulator's control endpoints do"
ONE_NUMBER = "a live run texts one number only: no batch of many, no second customer"
EMULATOR_ONLY = "an emulator promise (its webhook receiver, its clock) the live service cannot show"
NO_SEND = "the operation costs credits: schemathesis leaves it out against the sandbox"


@dataclass(frozen=True)
class Rule:
    name: str
    source: str
    """``spec-rules.md: <the row's first words>`` or ``emulator.md: <area>``."""
    text: str
    check: str
    """Where the check is: the test, and the model rule inside it."""
    tests: tuple[str, ...] = (MODEL,)
    """The test functions whose runs reach it: it is judged when all of them ran and passed."""
    event: bool = True
    """Reached through :func:`reach` (else only through ``drawn``)."""
    drawn: tuple[tuple[str, str, str], ...] = ()
    """``(operationId, field, kind)`` the traffic must draw."""
    not_on: dict[str, str] = field(default_factory=dict)
    """Target -> why it cannot exercise the rule."""


def sandbox(why: str) -> dict[str, str]:
    return {"sandbox": why}


def _spec(name: str, row: str, text: str, *drawn: tuple[str, str, str], **kw: object) -> Rule:
    return Rule(
        name,
        f"spec-rules.md: {row}",
        text,
        "schemathesis' negative data and checks (declared_status, negative_data_rejection)",
        tests=(FUZZ,),
        event=False,
        drawn=drawn,
        **kw,  # type: ignore[arg-type]
    )


RULES: tuple[Rule, ...] = (
    # -- docs/spec-rules.md, rules the spec states ---------------------------------------------
    _spec(
        "sender-pattern",
        "sender",
        "1-11 letters and digits or 1-15 digits with an optional +",
        ("sendMessage", "sender", "off-pattern"),
        ("sendOtp", "sender", "off-pattern"),
    ),
    _spec(
        "destination-pattern",
        "destination",
        "international digits, 7-15, optional +",
        ("sendMessage", "destination", "off-pattern"),
        ("getMessages", "destination", "off-pattern"),
    ),
    _spec(
        "content-length",
        "content",
        "content 1 to 1280 characters",
        ("sendMessage", "content", "maximal"),
        ("sendMessage", "content", "past-max"),
        ("sendMessage", "content", "empty"),
    ),
    _spec(
        "tag-length",
        "tag",
        "tag at most 280 characters",
        ("sendMessage", "tag", "maximal"),
        ("sendMessage", "tag", "past-max"),
    ),
    _spec("ttl-minimum", "ttl", "ttl at least 1 minute", ("sendMessage", "ttl", "below-minimum")),
    _spec(
        "report-url-scheme",
        "deliveryreporturl",
        "the report URL starts with http:// or https://",
        ("sendMessage", "deliveryreporturl", "off-pattern"),
    ),
    _spec(
        "integer-bounds",
        "validity",
        "validity 1-2880, limit 1-1000, skip >= 0, OTP length 4-10, OTP validity >= 1",
        ("sendMessage", "validity", "past-max"),
        ("sendMessage", "validity", "below-minimum"),
        ("getMessages", "limit", "past-max"),
        ("getMessages", "limit", "maximum"),
        ("getMessages", "skip", "below-minimum"),
        ("sendOtp", "length", "past-max"),
        ("sendOtp", "length", "below-minimum"),
        ("sendOtp", "validity", "below-minimum"),
    ),
    _spec(
        "binary-hex",
        "binary content",
        "binary content is whole octets as hex digits",
        ("sendBinaryMessage", "content", "off-pattern"),
    ),
    _spec(
        "schedule-required",
        "schedule",
        "schedule is required on the schedule operations",
        ("scheduleMessage", "schedule", "absent"),
        ("scheduleBatch", "schedule", "absent"),
    ),
    Rule(
        "date-forms",
        "spec-rules.md: dates",
        "schedule, from and to in ISO 8601 (date, date-time) or JavaScript Date text; others refused",
        "the model (schedule, schedule_batch, search's from/to) and schemathesis",
        tests=(MODEL, FUZZ),
        event=False,
        drawn=(
            ("scheduleMessage", "schedule", "iso-datetime"),
            ("scheduleMessage", "schedule", "js-date-text"),
            ("scheduleMessage", "schedule", "iso-date"),
            ("scheduleMessage", "schedule", "off-pattern"),
            ("getMessages", "from", "iso-datetime"),
            ("getMessages", "from", "js-date-text"),
            ("getMessages", "to", "iso-datetime"),
            ("getMessages", "to", "js-date-text"),
        ),
        not_on=sandbox("date bounds need the emulator's clock to land on a message's creation"),
    ),
    _spec(
        "otp-template",
        "OTP `template`",
        "the template contains {{passcode}}",
        ("sendOtp", "template", "off-pattern"),
        not_on=sandbox(NO_SEND),
    ),
    _spec(
        "otp-passcode",
        "OTP `passcode`",
        "a supplied passcode is 4-10 digits",
        ("sendOtp", "passcode", "off-pattern"),
        not_on=sandbox(NO_SEND),
    ),
    _spec(
        "query-status",
        "`Query.status`",
        "Query.status is one of six statuses",
        *(
            ("getMessages", "status", f"={s}")
            for s in ("SENT", "DELIVERED", "EXPIRED", "UNDELIVERABLE", "REJECTED", "INCOMING")
        ),
        ("getMessages", "status", "off-enum"),
    ),
    Rule(
        "batch-size",
        "spec-rules.md: a batch holds",
        "a batch holds 1 to 5000 messages; 5001 is refused naming destinations",
        "test_model.py: ModelMachine.hostile (destinations), and schemathesis",
        tests=(MODEL, FUZZ),
        drawn=(("sendBatch", "destinations", "past-max"), ("sendBatch", "destinations", "empty")),
        not_on=sandbox(ONE_NUMBER),
    ),
    Rule(
        "declared-statuses",
        "spec-rules.md: every status an operation answers",
        "every status an operation answers is declared on it",
        "st_checks.declared_status, and the report's statuses table",
        tests=(FUZZ,),
        event=False,
    ),
    Rule(
        "valid-examples",
        "spec-rules.md: request examples",
        "the spec's request examples are valid for the service",
        "schemathesis' examples phase (test_operation_honours_the_spec)",
        tests=(FUZZ,),
        event=False,
    ),
    # -- docs/spec-rules.md, rules the spec cannot state ---------------------------------------
    Rule(
        "schedule-in-the-past",
        "spec-rules.md: a schedule in the past",
        "a schedule in the past is 400",
        "test_model.py: ModelMachine.schedule",
        not_on=sandbox("a live run schedules a day ahead, far from its real clock"),
    ),
    Rule(
        "number-forms",
        "spec-rules.md: a number is one number however written",
        "a numeric sender searched for as +447..., 447..., 07... or 0044... finds the message",
        "test_model.py: ModelMachine.search (sender in each written form)",
        not_on=sandbox("a live run sends from its account's sender name, not a number"),
    ),
    Rule(
        "country-code-pattern",
        "spec-rules.md: countrycode of GET /credits/{countrycode}",
        "a country code is two capital letters; otherwise 400",
        "test_model.py: ModelMachine.quote (malformed codes)",
    ),
    Rule(
        "country-unknown",
        "spec-rules.md: a well-formed country code of no country",
        "a well-formed code of no country with phone numbers (ZZ, AQ) is 404",
        "test_model.py: ModelMachine.quote (codes of no country)",
    ),
    Rule(
        "otp-metadata-size",
        "spec-rules.md: OTP `metadata`",
        "OTP metadata at most 1024 bytes as JSON; one past is 400",
        "test_model.py: ModelMachine.otp_metadata",
    ),
    Rule(
        "otp-wrong-passcode",
        "spec-rules.md: a wrong passcode",
        "a wrong passcode is 400, up to the limit",
        "test_model.py: ModelMachine.otp_verify, otp_exhaust",
    ),
    Rule(
        "otp-locked",
        "spec-rules.md: a wrong passcode",
        "after 5 wrong passcodes the OTP is locked: 409, the right passcode too",
        "test_model.py: ModelMachine.otp_exhaust",
    ),
    Rule(
        "otp-verifies-once",
        "spec-rules.md: a passcode verifies once",
        "a passcode verifies once: a second verify is 409",
        "test_model.py: ModelMachine.otp_verify",
    ),
    Rule(
        "cancel-once",
        "spec-rules.md: a schedule is cancelled once",
        "a cancelled schedule cancelled again is 409 (messages and batches)",
        "test_model.py: ModelMachine.cancel, cancel_batch",
    ),
    Rule(
        "cancel-after-sent",
        "spec-rules.md: a schedule is cancelled once",
        "a schedule cancelled after it was sent is 409",
        "test_model.py: ModelMachine.cancel",
        not_on=sandbox(CLOCK),
    ),
    Rule(
        "unknown-ids",
        "spec-rules.md: unknown ids",
        "an unknown id is 404 (message, batch, schedule, OTP)",
        "test_model.py: ModelMachine.read, delete, otp_read, cancel",
    ),
    Rule(
        "insufficient-credits",
        "spec-rules.md: the balance pays",
        "402 when the balance cannot pay; nothing charged",
        "test_model.py: ModelMachine.send, batch, schedule (low opening balances)",
        not_on=sandbox(BALANCE),
    ),
    Rule(
        "malformed-body",
        "spec-rules.md: a body is UTF-8 JSON",
        "a body that is not UTF-8 JSON, or has an unpaired surrogate, is 400",
        "test_model.py: ModelMachine.malformed_body",
    ),
    # -- docs/emulator.md: behaviour -----------------------------------------------------------
    Rule(
        "price-per-country",
        "emulator.md: prices",
        "a country's quote is what one part of a send there is charged",
        "test_model.py: ModelMachine.quote_then_send",
        not_on=sandbox("a live run texts its one number only, in one country"),
    ),
    Rule(
        "price-gsm",
        "emulator.md: credits",
        "GSM 03.38: 1 credit to 160 characters, then per 153; extension characters twice",
        "test_model.py: ModelMachine.send, send_on_a_boundary (the pricing oracle)",
    ),
    Rule(
        "price-ucs2",
        "emulator.md: credits",
        "UCS-2: 70 in one part, 67 per part beyond (or the vendor's 70: a reading)",
        "test_model.py: ModelMachine.send_on_a_boundary",
    ),
    Rule(
        "price-non-uk",
        "emulator.md: credits",
        "non-UK destinations cost double",
        "test_model.py: ModelMachine.send",
        not_on=sandbox(ONE_NUMBER),
    ),
    Rule(
        "send-kinds",
        "emulator.md: send, flash, binary",
        "send, flash and binary answer 201 with the price; binary content is hex octets",
        "test_model.py: ModelMachine.send, send_binary",
    ),
    Rule(
        "read-back",
        "emulator.md: send, flash, binary",
        "a message reads back as sent: destination as E.164, tag, metadata",
        "test_model.py: ModelMachine.read",
    ),
    Rule(
        "delivered-after-delay",
        "emulator.md: lifecycle",
        "SENT, then DELIVERED after the delivery delay",
        "test_model.py: ModelMachine.read after advance",
        not_on=sandbox(CLOCK),
    ),
    Rule(
        "validity-expiry",
        "emulator.md: lifecycle",
        "a message not final when its validity runs out ends EXPIRED, refunded",
        "test_model.py: ModelMachine.read, search (validity 1-2 minutes, clock moves)",
        not_on=sandbox(FORCED),
    ),
    Rule(
        "refund-failed",
        "emulator.md: lifecycle",
        "EXPIRED and UNDELIVERABLE UK messages are refunded",
        "test_model.py: balances_equal_the_model",
        not_on=sandbox(FORCED),
    ),
    Rule(
        "rejected-never-charged",
        "emulator.md: lifecycle",
        "a REJECTED message is never charged",
        "test_model.py: ModelMachine.send",
        not_on=sandbox(FORCED),
    ),
    Rule(
        "ttl-purge",
        "emulator.md: lifecycle",
        "ttl minutes after its final status the message is deleted",
        "test_model.py: ModelMachine.read (ttl 1-2 minutes, clock moves)",
        not_on=sandbox(CLOCK),
    ),
    Rule(
        "report-retried",
        "emulator.md: delivery reports",
        "a report not answered 2xx is retried",
        "test_emulator_only.py",
        tests=(REPORTS,),
        not_on=sandbox(EMULATOR_ONLY),
    ),
    Rule(
        "schedule-fires",
        "emulator.md: schedules",
        "a schedule is paid when scheduled and sent when due, with the schedule's id",
        "test_model.py: ModelMachine.advance, read",
        not_on=sandbox(CLOCK),
    ),
    Rule(
        "schedule-cancel-refund",
        "emulator.md: schedules",
        "a cancelled schedule is refunded",
        "test_model.py: ModelMachine.cancel, cancel_batch",
    ),
    Rule(
        "schedule-list",
        "emulator.md: schedules",
        "GET /messages/schedule lists SCHEDULED, PROCESSED and CANCELLED",
        "test_model.py: ModelMachine.list_schedules",
    ),
    Rule(
        "batch-whole",
        "emulator.md: batches",
        "a batch of N makes N messages, charged whole or not at all",
        "test_model.py: ModelMachine.batch",
        not_on=sandbox(ONE_NUMBER),
    ),
    Rule(
        "filters",
        "emulator.md: queries",
        "/messages filters on status, destination, sender, keyword, from/to, credits, metadata, unread",
        "test_model.py: ModelMachine.search",
        drawn=tuple(
            ("getMessages", name, "present")
            for name in (
                "status",
                "destination",
                "sender",
                "keyword",
                "from",
                "to",
                "credits",
                "metadata",
                "unread",
            )
        ),
        not_on=sandbox(INBOUND + "; keyword, unread and the date bounds need it or the clock"),
    ),
    Rule(
        "paging",
        "emulator.md: queries",
        "newest first, limit and skip",
        "test_model.py: ModelMachine.search",
    ),
    Rule(
        "failed-scope",
        "emulator.md: queries",
        "/messages/failed lists EXPIRED, UNDELIVERABLE and REJECTED",
        "test_model.py: ModelMachine.search (scope failed)",
        not_on=sandbox(FORCED),
    ),
    Rule(
        "inbox-marks-read",
        "emulator.md: queries",
        "/messages/inbox lists unread incoming messages and marks them read",
        "test_model.py: ModelMachine.search (scope inbox)",
        not_on=sandbox(INBOUND),
    ),
    Rule(
        "volume",
        "emulator.md: queries",
        "/messages/volume counts messages sent since midnight, UK time",
        "test_model.py: ModelMachine.volume",
    ),
    Rule(
        "otp-verified",
        "emulator.md: OTP",
        "the right passcode verifies (200 VERIFIED); the record reads VERIFIED",
        "test_model.py: ModelMachine.otp_verify, otp_read",
    ),
    Rule(
        "otp-expired",
        "emulator.md: OTP",
        "after its validity the OTP answers 200 EXPIRED",
        "test_model.py: ModelMachine.otp_verify (late)",
        not_on=sandbox(CLOCK),
    ),
    Rule(
        "otp-generated-passcode",
        "emulator.md: OTP",
        "without a passcode a numeric one of 6 digits is generated and put into the template",
        "test_model.py: ModelMachine.otp_send",
    ),
    Rule(
        "otp-without-messageid",
        "emulator.md: OTP",
        "without messageid the newest OTP sent with that passcode is used",
        "test_model.py: ModelMachine.otp_verify",
    ),
    Rule(
        "utils-test",
        "emulator.md: utils",
        "/utils/test answers 200 for a valid token",
        "test_model.py: ModelMachine.utils",
    ),
    Rule(
        "token-expiry",
        "emulator.md: tokens and customers",
        "an expired token is 401, judged by the clock; no token is 401",
        "test_model.py: ModelMachine.token_expiry, no_token",
        not_on=sandbox(EMULATOR_ONLY),
    ),
    Rule(
        "isolation",
        "emulator.md: tokens and customers",
        "a customer never sees another's messages, schedules or OTPs: 404",
        "test_model.py: ModelMachine.read, cancel, otp_read as the other customer",
        not_on=sandbox(ONE_NUMBER),
    ),
)
BY_NAME = {rule.name: rule for rule in RULES}


def reach(name: str) -> None:
    """The check of rule ``name`` compared the target's answer in the rule's situation."""
    if name not in BY_NAME:
        raise KeyError(f"no documented rule {name!r} in contract_tests/coverage/rules.py")
    COVERAGE.reach(name)
