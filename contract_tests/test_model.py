"""Random sequences of calls, every answer and every balance compared with the reference model.

The machine drives the target through the generated client (:mod:`contract_tests.model.driver`)
and the model (:mod:`contract_tests.model.service`) in step. After each step, the answer's status
and every field the model knows, and each customer's balance, must equal the model's. A failure
prints hypothesis' shortest sequence as a script, and the requests and answers of that sequence.

Against the sandbox only the rules that need no control endpoint run, to its one permitted
number, every send's cost reserved from the credit budget first.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from contract_tests import pricing
from contract_tests.budget import BudgetExceeded, CreditBudget, predicted_cost
from contract_tests.coverage.recorder import COVERAGE
from contract_tests.coverage.rules import reach
from contract_tests.model.countries import COUNTRY_NUMBERS, MALFORMED, NOT_COUNTRIES
from contract_tests.model.driver import Answer, call
from contract_tests.model.limits import max_items, max_length, schema
from contract_tests.model.numbers import international, written_forms
from contract_tests.model.readings import (
    NUMERIC_SENDER_PLUS,
    QUESTIONS,
    SCHEDULE_ANSWER_STATUS,
    SCHEDULE_BATCH_ANSWER_STATUS,
    UCS2_PART_SIZE,
    UNREAD_FILTER_ON_OUTGOING,
    VERIFY_WITHOUT_MESSAGEID,
    VOLUME_AFTER_DELETE,
    Question,
    Readings,
)
from contract_tests.model.service import (
    OTP_METADATA_LIMIT_BYTES,
    OTP_WRONG_PASSCODE_LIMIT,
    REJECTED_NUMBER,
    TIMED_OUTCOMES,
    UK_TIME,
    Expected,
    ServiceModel,
)
from contract_tests.strategies import content_near_part_edges
from contract_tests.targets import CONTROL, NO_SEND_REASON, Target
from smsworks import AuthenticatedClient

ORDINARY = ("447712345678", "447712345679", "33612345678")
"""Delivered after the delay (the last one outside the UK, at the non-UK rate)."""
FORCED = (*TIMED_OUTCOMES, REJECTED_NUMBER)
"""docs/emulator.md's numbers with a forced outcome (each its own timeline)."""
VALIDITY = st.none() | st.sampled_from([1, 2, 2880])
"""Minutes; ``None`` sends none (the default 2880). Only on a controlled clock, which can reach them."""
TTL = st.none() | st.sampled_from([1, 2])
"""Minutes after its final status the message is deleted; only on a controlled clock, as validity."""
FILTERS = (
    "status",
    "destination",
    "sender",
    "credits",
    "metadata",
    "from",
    "to",
    "keyword",
    "unread",
)
"""Every filter of ``Query`` but the paging ones, which every search sends."""
DATE_FORMS = 3
"""ISO 8601 in UTC, at +01:00, and JavaScript Date text (see ``_date``)."""
OFFSETS_MS = (0, 0, 0, -1, 1, -1000, 1000)
"""Date bounds from a message's creation time: on it (inclusive), a millisecond off, a second."""
SEARCH: dict[str, st.SearchStrategy[Any]] = {
    "who": st.integers(0, 1),
    "primary": st.sampled_from(FILTERS),
    "extra": st.sets(st.sampled_from(FILTERS), max_size=2),
    "plus": st.booleans(),
    "skip": st.sampled_from([0, 0, 0, 1, 2]),
    "limit": st.sampled_from([None, None, 1, 2]),
    "scope": st.sampled_from(["search", "search", "search", "failed", "inbox"]),
    "offset_ms": st.sampled_from(OFFSETS_MS),
    "zone": st.integers(0, DATE_FORMS - 1),
    "form": st.integers(0, 3),
}
"""A search's draws: a filter from a message, maybe two more, paging, scope, date offsets."""
HOSTILE_FIELDS = (
    "content",
    "tag",
    "sender",
    "destinations",
    "metadata",
    "query-metadata",
    "query-limit",
)
"""Each list and string of a request with a declared limit (or none, then long), for ``hostile``."""
REAL_CLOCK_OTP_VALIDITY = 3600
"""Seconds added to an OTP's validity where the clock is real and the run cannot move it."""
OPENING_CREDITS = (1000.0, 12.0, 3.0, 0.0)
EXTRA_TEXT = " \n\r\t\f€{}[]~|^\\ЖжёÇç😀👍 ab"
MODEL_BALANCE_TOLERANCE = 1e-6


def _content() -> st.SearchStrategy[str]:
    """Any text the spec allows: whitespace at either end, line breaks, extension characters,
    emoji, and the part boundaries of both encodings."""
    general = st.text(
        st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from(EXTRA_TEXT),
        min_size=1,
        max_size=200,
    )
    edges = content_near_part_edges()
    return st.one_of(edges, edges, edges, general, st.sampled_from(["  padded  ", "a\nb"]))


def _fits(content: str) -> bool:
    try:
        pricing.count_parts(content)
    except pricing.TooLong:
        return False
    return True


CONTENT = _content().filter(_fits)
BOUNDARIES = (
    *("a" * n for n in (160, 161, 306, 307, 1280)),
    "€" * 80,
    "€" * 80 + "a",
    "a" * 152 + "€" + "a" * 152,
    *("ж" * n for n in (70, 71, 134, 135, 140, 141, 201, 202)),
    "😀" * 35,
    "😀" * 35 + "a",
    "ж" * 66 + "😀" + "ж" * 66,
)
"""Contents on the part boundaries of both encodings, where the readings of a part differ."""
ALPHA_SENDER = st.text(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=11
)
NUMERIC_SENDER = st.from_regex(r"\A\+?[0-9]{1,15}\Z")
SENDER = ALPHA_SENDER | NUMERIC_SENDER
TAG = st.none() | st.text("abc XYZ-_\n😀", max_size=20)
METADATA = st.none() | st.lists(
    st.fixed_dictionaries(
        {"key": st.sampled_from(["k", "order", "ж"]), "value": st.sampled_from(["1", "2", " x "])}
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda pair: pair["key"],
)


PLUS_ONE = timezone(timedelta(hours=1))


def _date(ms: int, form: int) -> tuple[str, int]:
    """``ms`` as a date text of the spec and the moment the text means: ISO 8601 in UTC (form 0)
    or at +01:00 (form 1), to the millisecond; JavaScript ``Date.toString()`` text at +01:00
    (form 2), to the second."""
    moment = datetime.fromtimestamp(ms / 1000, tz=UTC if form == 0 else PLUS_ONE)
    if form == 2:
        return moment.strftime("%a %b %d %Y %H:%M:%S GMT+0100 (BST)"), ms - ms % 1000
    zone = "Z" if form == 0 else "+01:00"
    text = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}{zone}"
    return text, ms


@dataclass
class Journal:
    """What the sequence sent and got, for the failure message."""

    lines: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.lines.append(text)
        del self.lines[:-60]

    def text(self) -> str:
        return "\n".join(self.lines)


class ModelMismatch(AssertionError):
    pass


def _agrees(expected: Any, actual: Any) -> str | None:
    """Why ``actual`` is not ``expected`` (``None`` when it is): known fields only."""
    if isinstance(expected, frozenset):
        return (
            None if actual in expected else f"{actual!r} is not one of {sorted(expected, key=repr)}"
        )
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return f"expected an object, got {actual!r}"
        for key, value in expected.items():
            if key not in actual:
                return f"{key!r} is missing"
            why = _agrees(value, actual[key])
            if why:
                return f"{key}: {why}"
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return f"expected a list, got {actual!r}"
        ids = [item.get("messageid") for item in expected if isinstance(item, dict)]
        got = [item.get("messageid") for item in actual if isinstance(item, dict)]
        if len(expected) != len(actual) or (any(ids) and ids != got):
            return f"expected {len(expected)} items {ids}, got {len(actual)} {got}"
        for index, (one, other) in enumerate(zip(expected, actual, strict=True)):
            why = _agrees(one, other)
            if why:
                return f"[{index}] {why}"
        return None
    if isinstance(expected, float) and isinstance(actual, int | float):
        return (
            None
            if abs(expected - actual) < MODEL_BALANCE_TOLERANCE
            else f"{actual!r} != {expected!r}"
        )
    return None if expected == actual else f"{actual!r} != {expected!r}"


def _answer_agrees(expected: Expected, answer: Answer) -> str | None:
    if answer.status != expected.status:
        return f"status {answer.status}, the model says {expected.status}"
    if expected.status >= 400:
        if not isinstance(answer.body, dict) or not isinstance(answer.body.get("message"), str):
            return "an error answer without the error model's message"
        return None
    return None if expected.body is None else _agrees(expected.body, answer.body)


def _search_rule(bundle: Bundle[Any]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The rule decorator of a search, drawing ``sent`` from ``bundle`` (two rules share it)."""
    return rule(
        sent=bundle,
        who=SEARCH["who"],
        primary=SEARCH["primary"],
        extra=SEARCH["extra"],
        plus=SEARCH["plus"],
        skip=SEARCH["skip"],
        limit=SEARCH["limit"],
        scope=SEARCH["scope"],
        offset_ms=SEARCH["offset_ms"],
        zone=SEARCH["zone"],
        form=SEARCH["form"],
    )


def build_machine(
    target: Target,
    budget: CreditBudget | None,
    findings: dict[str, str],
    test: str | None = None,
) -> type[RuleBasedStateMachine]:
    """The machine class bound to ``target`` (every rule, or the sandbox's subset)."""
    controlled = target.control is not None
    sandbox_number = None if target.settings.send is None else target.settings.send.destination
    destinations = (
        st.sampled_from(ORDINARY + FORCED) if controlled else st.just(sandbox_number or "")
    )
    # On the emulator targets a sender may also be one of the numbers, in any written form.
    senders = (
        SENDER
        | st.builds(
            lambda number, form: written_forms(number)[form % len(written_forms(number))],
            st.sampled_from(ORDINARY),
            st.integers(0, 3),
        )
        if controlled
        else SENDER
    )

    readings = Readings(learn=not controlled)
    """One per run: a target that answered by one reading is held to it in every sequence."""
    watched = target.drift_watched
    """The run's own target: its rules count in the coverage report (a target broken on purpose's do not)."""

    def hit(*rules: str) -> None:
        if watched:
            for name in rules:
                reach(name)

    def decided(question: Question, answer: Answer) -> None:
        followed = readings.followed(question)
        findings[question.name] = followed
        if watched and followed in question.candidates:
            documented = not readings.learn and question.documented_by_emulator is not None
            told = "docs/emulator.md; held to it, first by: " if documented else ""
            COVERAGE.decide(question.name, followed, told + answer.show())

    class ModelMachine(RuleBasedStateMachine):
        messages = Bundle("messages")
        schedules = Bundle("schedules")
        batch_schedules = Bundle("batch_schedules")
        batches = Bundle("batches")
        otps = Bundle("otps")

        def __init__(self) -> None:
            super().__init__()
            self.journal = Journal()
            self.run = uuid.uuid4().hex[:12]
            self.readings = readings
            self.customers: list[str] = []
            self.clients: dict[str, AuthenticatedClient] = {}
            self.model: ServiceModel | None = None
            self.started_on = datetime.now(UK_TIME).date()

        # -- wiring -----------------------------------------------------------------------
        @initialize(
            opening=st.sampled_from(OPENING_CREDITS), other=st.sampled_from(OPENING_CREDITS)
        )
        def open_accounts(self, opening: float, other: float) -> None:
            now_ms = round(target.now().timestamp() * 1000) if controlled else 0
            self.model = ServiceModel(now_ms, timed=controlled, readings=self.readings)
            if controlled:
                for credits in (opening, other):
                    customer = target.new_customer()
                    target.set_balance(customer, credits)
                    self._add_customer(customer, credits)
            else:
                customer = target.new_customer()
                self.clients[customer] = target.client(customer)
                opening_balance = self._call(customer, "balance").body["credits"]
                self._add_customer(customer, float(opening_balance))
            self.journal.add(f"# customers {self.customers}")

        def teardown(self) -> None:
            """Each sequence's clients closed with it (a long run would leave their sockets open)."""
            for client in self.clients.values():
                client.get_httpx_client().close()
            self.clients.clear()

        def _add_customer(self, customer: str, credits: float) -> None:
            self.customers.append(customer)
            self.clients.setdefault(customer, target.client(customer))
            assert self.model is not None
            self.model.open_account(customer, credits)

        @property
        def m(self) -> ServiceModel:
            assert self.model is not None
            return self.model

        def _who(self, index: int) -> str:
            return self.customers[index % len(self.customers)]

        def _call(self, customer: str, operation: str, body: Any = None, ident: str = "") -> Answer:
            answer = call(self.clients[customer], operation, body, ident)
            who = self.customers.index(customer) if customer in self.customers else "?"
            shown = "" if body is None else repr(body)[:300]
            self.journal.add(f"customer {who}: {operation} {ident} {shown}\n    -> {answer.show()}")
            return answer

        def _fail(self, what: str) -> None:
            raise ModelMismatch(
                f"{what}\nrequests and answers of this sequence:\n{self.journal.text()}"
            )

        def _learn_senders(self, answer: Answer) -> None:
            """A numeric sender sent with '+' tells the two readings apart (see readings.py)."""
            items = answer.body if isinstance(answer.body, list) else [answer.body]
            for item in items:
                if not isinstance(item, dict) or item.get("messageid") is None:
                    continue
                for account in self.m.customers.values():
                    message = account.messages.get(item["messageid"])
                    if message is not None and message.sender.startswith("+"):
                        kept = item.get("sender") == message.sender
                        self.readings.keep(NUMERIC_SENDER_PLUS, ("kept",) if kept else ("dropped",))
                        decided(NUMERIC_SENDER_PLUS, answer)

        def _expect(self, expected: Expected, answer: Answer, what: str) -> None:
            why = _answer_agrees(expected, answer)
            if why:
                self._fail(f"{what}: {why}")
            if answer.status == 200:
                self._learn_senders(answer)

        def _by_reading(
            self, question: Question, options: dict[str, Expected], answer: Answer, what: str
        ) -> str:
            """Keep the readings the answer agrees with; fail when none does."""
            agreeing = tuple(r for r, e in options.items() if _answer_agrees(e, answer) is None)
            if not agreeing:
                reasons = {r: _answer_agrees(e, answer) for r, e in options.items()}
                if len(set(reasons.values())) == 1:
                    self._fail(f"{what}: {next(iter(reasons.values()))}")
                shown = "; ".join(f"{r}: {why}" for r, why in reasons.items())
                self._fail(f"{what}: agrees with no reading of {question.name} ({shown})")
            self.readings.keep(question, agreeing)
            decided(question, answer)
            if answer.status == 200:
                self._learn_senders(answer)
            return agreeing[0]

        def _success_status(self, question: Question, answer: Answer, what: str) -> Answer:
            """A success whose status is one reading of ``question``, as the model's (the first candidate)."""
            seen = str(answer.status)
            if seen not in question.candidates:
                return answer
            if seen not in self.readings.candidates(question):
                self._fail(
                    f"{what}: status {seen}, where this run's earlier answers followed "
                    f"{self.readings.followed(question)} ({question.text})"
                )
            self.readings.keep(question, (seen,))
            decided(question, answer)
            return Answer(int(question.candidates[0]), answer.body)

        def _afford(self, cost: float) -> bool:
            if budget is None:
                return True
            try:
                budget.reserve(cost, test=test)
            except BudgetExceeded:
                return False
            return True

        def _base(
            self, sender: str, destination: str, content: str, tag: str | None, metadata: Any
        ) -> dict[str, Any]:
            body: dict[str, Any] = {
                "sender": sender,
                "destination": destination,
                "content": content,
            }
            if tag is not None:
                body["tag"] = tag
            if metadata is not None:
                body["metadata"] = metadata
            if not controlled:
                body["metadata"] = [*(metadata or []), {"key": "run", "value": self.run}]
            return body

        # -- invariant --------------------------------------------------------------------
        @invariant()
        def balances_equal_the_model(self) -> None:
            if self.model is None:
                return
            for customer in self.customers:
                answer = self._call(customer, "balance")
                self._expect(
                    Expected(200, {"credits": self.m.balance(customer)}), answer, "balance"
                )
                if self.m._refunded(self.m.customers[customer]) > 0:
                    hit("refund-failed")

        # -- sends ------------------------------------------------------------------------
        @rule(
            target=messages,
            who=st.integers(0, 1),
            kind=st.sampled_from(["send", "flash"]),
            sender=senders,
            destination=destinations,
            plus=st.booleans(),
            content=CONTENT,
            tag=TAG,
            metadata=METADATA,
            validity=VALIDITY,
            ttl=TTL,
        )
        def send(
            self,
            who: int,
            kind: str,
            sender: str,
            destination: str,
            plus: bool,
            content: str,
            tag: str | None,
            metadata: Any,
            validity: int | None = None,
            ttl: int | None = None,
        ) -> Any:
            customer = self._who(who)
            body = self._base(sender, ("+" if plus else "") + destination, content, tag, metadata)
            if validity is not None and controlled:
                body["validity"] = validity
            if ttl is not None and controlled:
                body["ttl"] = ttl
            cost = predicted_cost(content, destination.removeprefix("+"))
            if not self._afford(cost):
                return multiple()
            answer = self._call(customer, kind, body)
            options = {
                r: self.m.send(customer, body, r)[0]
                for r in self.readings.candidates(UCS2_PART_SIZE)
            }
            reading = self._by_reading(UCS2_PART_SIZE, options, answer, kind)
            self._priced(answer, content, destination)
            if answer.status != 201:
                return multiple()
            self.m.sent(customer, answer.body["messageid"], body, reading)
            return (customer, answer.body["messageid"])

        def _priced(self, answer: Answer, content: str, destination: str) -> None:
            """The pricing rules a compared send answer held the target to."""
            if answer.status == 402:
                hit("insufficient-credits")
            if answer.status != 201:
                return
            hit("send-kinds")
            if destination.removeprefix("+") == REJECTED_NUMBER:
                hit("rejected-never-charged")
                return
            gsm = pricing.encoding_of(content) == "GSM-7"
            hit("price-gsm" if gsm else "price-ucs2")
            if not pricing.is_uk(destination.removeprefix("+")):
                hit("price-non-uk")

        @rule(
            who=st.integers(0, 1),
            country=st.sampled_from([*COUNTRY_NUMBERS, *NOT_COUNTRIES, *MALFORMED]),
        )
        def quote(self, who: int, country: str) -> None:
            """``GET /credits/{countrycode}``: costs nothing, so it runs against every target."""
            self._quote(who, country)

        def _quote(self, who: int, country: str) -> dict[str, Any] | None:
            answer = self._call(self._who(who), "quote", ident=country)
            self._expect(self.m.quote(country), answer, f"quote {country}")
            if country in MALFORMED:
                hit("country-code-pattern")
            elif country in NOT_COUNTRIES:
                hit("country-unknown")
            return answer.body if answer.status == 200 else None

        @precondition(lambda self: controlled)
        @rule(
            target=messages,
            who=st.integers(0, 1),
            country=st.sampled_from(sorted(COUNTRY_NUMBERS)),
            content=st.sampled_from(["hi", "a" * 161, "ж" * 71, *BOUNDARIES[:3]]),
        )
        def quote_then_send(self, who: int, country: str, content: str) -> Any:
            """What a country's quote says one part costs is what a send there is charged per part."""
            quote = self._quote(who, country)
            assert quote is not None  # the model expected 200 and the answer agreed
            sent = self.send(
                who, "send", "Acme", COUNTRY_NUMBERS[country], False, content, None, None
            )
            if not isinstance(sent, tuple):
                return sent  # refused (402), as the model expected
            customer, messageid = sent
            message = self.m.customers[customer].messages[messageid]
            if abs(message.price - quote["credits"] * message.parts) > MODEL_BALANCE_TOLERANCE:
                self._fail(
                    f"send to {country}: charged {message.price} for {message.parts} part(s), where "
                    f"the quote says {quote['credits']} a part"
                )
            hit("price-per-country")
            return sent

        @rule(
            target=messages,
            who=st.integers(0, 1),
            content=st.sampled_from(BOUNDARIES),
            destination=destinations,
        )
        def send_on_a_boundary(self, who: int, content: str, destination: str) -> Any:
            return self.send(who, "send", "Acme", destination, False, content, None, None)

        @rule(
            target=messages,
            who=st.integers(0, 1),
            octets=st.binary(min_size=1, max_size=8),
            destination=destinations,
        )
        def send_binary(self, who: int, octets: bytes, destination: str) -> Any:
            customer = self._who(who)
            body = self._base("Acme", destination, octets.hex(), None, None)
            if not self._afford(2.0):
                return multiple()
            answer = self._call(customer, "binary", body)
            # One part: any binary message of at most 140 octets fits one SMS.
            stored_price = (
                0.0
                if destination == REJECTED_NUMBER
                else (1.0 if pricing.is_uk(destination) else pricing.NON_UK_MULTIPLIER)
            )
            if stored_price > self.m.balance(customer) + 1e-9:
                self._expect(Expected(402), answer, "binary")
                return multiple()
            self._expect(
                Expected(201, {"creditsUsed": stored_price, "messageparts": 1}), answer, "binary"
            )
            hit("send-kinds")
            self.m.sent(customer, answer.body["messageid"], body, pricing.Reading.THREE_GPP.name)
            return (customer, answer.body["messageid"])

        @rule(
            target=messages,
            who=st.integers(0, 1),
            numbers=st.lists(destinations, min_size=1, max_size=4),
            content=CONTENT,
            any_batch=st.booleans(),
        )
        def batch(self, who: int, numbers: list[str], content: str, any_batch: bool) -> Any:
            customer = self._who(who)
            if any_batch:
                bodies = [
                    self._base("Acme", number, content + str(i), None, None)
                    for i, number in enumerate(numbers)
                ]
                bodies = [b for b in bodies if _fits(b["content"])]
                if not bodies:
                    return multiple()
                request: Any = bodies
            else:
                request = {"sender": "Acme", "destinations": numbers, "content": content}
                bodies = [{"sender": "Acme", "destination": n, "content": content} for n in numbers]
            cost = sum(
                predicted_cost(b["content"], b["destination"].removeprefix("+")) for b in bodies
            )
            if not controlled or not self._afford(cost):
                return multiple()  # the sandbox has one number: its batches are test_batches' part
            answer = self._call(customer, "any-batch" if any_batch else "batch", request)
            options = {
                r: self.m.batch(customer, bodies, r)
                for r in self.readings.candidates(UCS2_PART_SIZE)
            }
            reading = self._by_reading(UCS2_PART_SIZE, options, answer, "batch")
            if answer.status == 402:
                hit("insufficient-credits")
            if answer.status != 201:
                return multiple()
            batchid = answer.body["batchid"]
            listed = self._call(customer, "batch-read", ident=batchid)
            if (
                listed.status != 200
                or not isinstance(listed.body, list)
                or len(listed.body) != len(bodies)
            ):
                self._fail(
                    f"batch {batchid}: {len(bodies)} messages sent, the batch reads {listed.show()}"
                )
            by_number: dict[str, list[str]] = {}
            for item in listed.body:
                by_number.setdefault(item.get("destination"), []).append(item["messageid"])
            ids = []
            for body in bodies:
                number = body["destination"].removeprefix("+")
                if not by_number.get(number):
                    self._fail(f"batch {batchid}: no message to {number} in {listed.show()}")
                ids.append(by_number[number].pop(0))
            self.m.batch_sent(customer, batchid, ids, bodies, reading)
            self._expect(
                self.m.batch_read(customer, batchid),
                self._call(customer, "batch-read", ident=batchid),
                "batch read",
            )
            hit("batch-whole")
            return multiple(*[(customer, messageid) for messageid in ids])

        # -- schedules --------------------------------------------------------------------
        @rule(
            target=schedules,
            who=st.integers(0, 1),
            seconds=st.integers(-30, 600),
            form=st.integers(0, DATE_FORMS - 1),
            destination=destinations,
            content=CONTENT,
        )
        def schedule(
            self, who: int, seconds: int, form: int, destination: str, content: str
        ) -> Any:
            customer = self._who(who)
            if not controlled:
                seconds = (
                    abs(seconds) + 86_400
                )  # far ahead, so the sandbox's clock never reaches it
                base_ms = round(datetime.now(UTC).timestamp() * 1000)
            else:
                base_ms = self.m.now_ms
            text, due_ms = _date(base_ms + seconds * 1000, form)
            if destination in FORCED:
                destination = ORDINARY[0]  # docs silent on scheduling a forced outcome
            body = {
                "sender": "Acme",
                "destination": destination,
                "content": content,
                "schedule": text,
            }
            cost = predicted_cost(content, destination.removeprefix("+"))
            if not self._afford(cost):
                return multiple()
            answer = self._success_status(
                SCHEDULE_ANSWER_STATUS, self._call(customer, "schedule", body), "schedule"
            )
            model_due = due_ms if controlled else self.m.now_ms + 1
            options = {
                r: self.m.schedule(customer, body, model_due, r)
                for r in self.readings.candidates(UCS2_PART_SIZE)
            }
            reading = self._by_reading(UCS2_PART_SIZE, options, answer, "schedule")
            if answer.status == 400:
                hit("schedule-in-the-past")
            if answer.status == 402:
                hit("insufficient-credits")
            if answer.status != 200:
                return multiple()
            messageid = answer.body[0]["messageid"]
            self.m.scheduled(customer, messageid, body, due_ms if controlled else 2**62, reading)
            return (customer, messageid)

        @rule(scheduled=schedules, who=st.integers(0, 1))
        def cancel(self, scheduled: tuple[str, str], who: int) -> None:
            owner, messageid = scheduled
            customer = self._who(who) if controlled else owner
            schedule = self.m.customers[customer].schedules.get(messageid)
            state = None if schedule is None else schedule.state
            expected = self.m.cancel(customer, messageid)
            self._expect(expected, self._call(customer, "cancel", ident=messageid), "cancel")
            self._cancelled(state, customer, owner, "cancel", messageid)

        def _cancelled(
            self, state: str | None, customer: str, owner: str, operation: str, ident: str
        ) -> None:
            """The rules a compared cancel reached; after a success, the same cancel again: 409."""
            if state is None:
                hit("unknown-ids", *(("isolation",) if customer != owner else ()))
            elif state == "PROCESSED":
                hit("cancel-after-sent")
            elif state == "CANCELLED":
                hit("cancel-once")
            else:
                hit("schedule-cancel-refund")
                again = (
                    self.m.cancel(customer, ident)
                    if operation == "cancel"
                    else self.m.cancel_batch(customer, ident)
                )
                self._expect(
                    again, self._call(customer, operation, ident=ident), f"{operation} again"
                )
                hit("cancel-once")

        @rule(
            target=batch_schedules,
            who=st.integers(0, 1),
            hours=st.integers(24, 24 * 30),
            form=st.integers(0, DATE_FORMS - 1),
            numbers=st.lists(destinations, min_size=1, max_size=3),
            content=CONTENT,
        )
        def schedule_batch(
            self, who: int, hours: int, form: int, numbers: list[str], content: str
        ) -> Any:
            customer = self._who(who)
            base_ms = self.m.now_ms if controlled else round(datetime.now(UTC).timestamp() * 1000)
            # A day or more ahead: no run's clock reaches it (ServiceModel.advance relies on that).
            due_ms = base_ms + hours * 3_600_000
            if not controlled:
                numbers = numbers[:1]  # the sandbox's one number
            # docs silent on scheduling a forced outcome (as for a single schedule)
            numbers = [ORDINARY[0] if n in FORCED else n for n in numbers]
            body = {
                "sender": "Acme",
                "destinations": numbers,
                "content": content,
                "schedule": _date(due_ms, form)[0],
            }
            cost = sum(predicted_cost(content, n.removeprefix("+")) for n in numbers)
            if not self._afford(cost):
                return multiple()
            answer = self._success_status(
                SCHEDULE_BATCH_ANSWER_STATUS,
                self._call(customer, "schedule-batch", body),
                "schedule batch",
            )
            options = {
                r: self.m.schedule_batch(customer, body, due_ms, r)
                for r in self.readings.candidates(UCS2_PART_SIZE)
            }
            reading = self._by_reading(UCS2_PART_SIZE, options, answer, "schedule batch")
            if answer.status != 201:
                return multiple()
            batchid = answer.body["batchid"]
            self.m.batch_scheduled(customer, batchid, body, due_ms, reading)
            return (customer, batchid)

        @rule(scheduled=batch_schedules, who=st.integers(0, 1))
        def cancel_batch(self, scheduled: tuple[str, str], who: int) -> None:
            owner, batchid = scheduled
            customer = self._who(who) if controlled else owner
            schedule = self.m.customers[customer].schedules.get(batchid)
            state = None if schedule is None or not schedule.batch else schedule.state
            expected = self.m.cancel_batch(customer, batchid)
            answer = self._call(customer, "cancel-batch", ident=batchid)
            self._expect(expected, answer, "cancel batch")
            self._cancelled(state, customer, owner, "cancel-batch", batchid)

        @rule(who=st.integers(0, 1))
        def list_schedules(self, who: int) -> None:
            customer = self._who(who)
            answer = self._call(customer, "schedules")
            self._expect(Expected(200), answer, "scheduled messages")
            if not isinstance(answer.body, list):
                self._fail(f"scheduled messages: expected a list, got {answer.show()}")
            listed = {str(item.get("id")): item for item in answer.body if isinstance(item, dict)}
            for ident, known in self.m.scheduled_list(customer).items():
                if ident not in listed:
                    self._fail(f"scheduled messages: {ident} is missing")
                why = _agrees(known, listed[ident])
                if why:
                    self._fail(f"scheduled messages: {ident}: {why}")
            # Another customer's schedules never show; on the sandbox, earlier runs' may.
            others = {
                ident
                for account in self.m.customers.values()
                for ident in account.schedules
                if ident not in self.m.customers[customer].schedules
            }
            if controlled:
                others |= set(listed) - set(self.m.customers[customer].schedules)
            shown = sorted(others & set(listed))
            if shown:
                self._fail(f"scheduled messages: lists schedules it does not own: {shown}")
            if self.m.scheduled_list(customer):
                hit("schedule-list")

        @rule(who=st.integers(0, 1))
        def volume(self, who: int) -> None:
            customer = self._who(who)
            answer = self._call(customer, "volume")
            self._expect(Expected(200), answer, "volume")
            seen = answer.body.get("volume") if isinstance(answer.body, dict) else None
            if not isinstance(seen, int) or isinstance(seen, bool):
                self._fail(f"volume: expected an integer volume, got {answer.show()}")
                return
            counts = {
                reading: self.m.volume(customer, reading)
                for reading in self.readings.candidates(VOLUME_AFTER_DELETE)
            }
            if not controlled:
                # The account's other traffic today counts too: only a floor is known, and only
                # while the run's sends all fall on the service's today.
                if datetime.now(UK_TIME).date() != self.started_on:
                    return
                if seen < min(counts.values()):
                    self._fail(f"volume: {seen}, but this run alone sent {min(counts.values())}")
                hit("volume")  # a floor only: the account's other traffic counts too
                return
            agreeing = tuple(r for r, count in counts.items() if count == seen)
            if not agreeing:
                self._fail(f"volume: {seen}, the model says {counts}")
            hit("volume")
            self.readings.keep(VOLUME_AFTER_DELETE, agreeing)
            decided(VOLUME_AFTER_DELETE, answer)

        # -- reads, deletes, searches ----------------------------------------------------
        @rule(sent=messages, who=st.integers(0, 1))
        def read(self, sent: tuple[str, str], who: int) -> None:
            customer = self._who(who)
            expected = self.m.read(customer, sent[1])
            self._expect(expected, self._call(customer, "read", ident=sent[1]), "read")
            self._read_rules(expected, customer, sent)

        def _read_rules(self, expected: Expected, customer: str, sent: tuple[str, str]) -> None:
            """The rules a compared read of a message reached."""
            if expected.status == 404:
                hit("unknown-ids")
                if customer != sent[0]:
                    hit("isolation")
                if any(m.messageid == sent[1] for m in self.m.purged):
                    hit("ttl-purge")
                return
            hit("read-back")
            statuses = expected.body["status"]
            if self.m.timed and statuses == frozenset({"DELIVERED"}):
                hit("delivered-after-delay")
            if self.m.timed and statuses == frozenset({"EXPIRED"}):
                hit("validity-expiry")

        @rule(sent=consumes(messages), then_read=st.booleans())
        def delete(self, sent: tuple[str, str], then_read: bool) -> None:
            customer, messageid = sent
            message = self.m.customers[customer].messages.get(messageid)
            if (
                message is not None
                and message.final()[0] in ("UNDELIVERABLE", "EXPIRED")
                and message.final_at() > self.m.now_ms
            ):
                return  # docs silent on refunding a deleted message before its status is final
            if message is not None and message.otp:
                return  # docs silent on an OTP whose message is deleted
            self._expect(
                self.m.delete(customer, messageid),
                self._call(customer, "delete", ident=messageid),
                "delete",
            )
            if then_read:
                self._expect(
                    self.m.read(customer, messageid),
                    self._call(customer, "read", ident=messageid),
                    "read after delete",
                )
                hit("unknown-ids")
            self._expect(
                self.m.delete(customer, messageid),
                self._call(customer, "delete", ident=messageid),
                "delete again",
            )

        @_search_rule(messages)
        def search(
            self,
            sent: tuple[str, str],
            who: int,
            primary: str,
            extra: set[str],
            plus: bool,
            skip: int,
            limit: int | None,
            scope: str,
            offset_ms: int,
            zone: int,
            form: int = 0,
        ) -> None:
            owner, messageid = sent
            customer = self._who(who) if controlled else owner
            message = self.m.customers[owner].messages.get(messageid)
            if message is None:
                return
            query: dict[str, Any] = {}
            model_query: dict[str, Any] = {}
            other_form = False
            """A numeric sender searched for in another form than it was sent in."""
            for name in sorted({primary} | extra):
                if name == "status":
                    statuses = message.status(self.m.now_ms, self.m.timed)
                    if len(statuses) == 1:  # on a real clock the status moves between steps
                        (query[name],) = statuses
                elif name == "destination":
                    query[name] = ("+" if plus else "") + message.destination
                elif name == "sender" and international(message.sender) is not None:
                    # A number is one number however it is written: each form finds it.
                    forms = written_forms(str(international(message.sender)))
                    query[name] = forms[form % len(forms)]
                    other_form = query[name] != message.sender
                elif name == "sender" and len(self.m.sender_forms(message.sender)) == 1:
                    (query[name],) = self.m.sender_forms(message.sender)
                elif name == "credits":
                    query[name] = min(message.credits(self.m.now_ms, self.m.timed))
                elif name == "metadata" and message.metadata:
                    query[name] = message.metadata[:2]
                elif name == "keyword" and message.keyword:
                    query[name] = message.keyword.lower()
                elif name == "unread":
                    query[name] = message.unread
                elif name in ("from", "to") and controlled:
                    moment = message.created_ms + offset_ms
                    query[name], model_query[name] = _date(moment, zone)
            if not controlled:
                if scope != "search":
                    return  # the account's inbox and failures hold messages this run never made
                query["metadata"] = [
                    *(query.get("metadata") or []),
                    {"key": "run", "value": self.run},
                ]
            query["skip"] = skip
            if limit is not None:
                query["limit"] = limit
            for name, value in query.items():
                model_query.setdefault(name, value)
            answer = self._call(customer, scope, query)
            expected = self.m.search(customer, model_query, {"search": "all"}.get(scope, scope))
            assert expected.by_reading is not None
            options = {
                r: Expected(200, [self.m.message_fields(m) for m in page])
                for r, page in expected.by_reading.items()
            }
            reading = self._by_reading(UNREAD_FILTER_ON_OUTGOING, options, answer, scope)
            page = expected.by_reading[reading]
            if set(query) & set(FILTERS):
                hit("filters")
            if other_form and page:
                hit("number-forms")
            if skip or limit is not None:
                hit("paging")
            if scope == "failed" and page:
                hit("failed-scope")
            if scope == "inbox":
                if page:
                    hit("inbox-marks-read")
                self.m.mark_read(page)

        @_search_rule(messages)
        def search_again(self, sent: tuple[str, str], **drawn: Any) -> None:
            """Searches as often again: what users do most."""
            self.search(sent, **drawn)

        # -- inbound, clock, balances (control) --------------------------------------------
        @precondition(lambda self: controlled)
        @rule(
            target=messages,
            who=st.integers(0, 1),
            sender=st.sampled_from(ORDINARY),
            content=st.sampled_from(["stop now", "Yes please", "  help\nme", "ok😀"]),
            form=st.integers(0, 3),
        )
        def inbound(self, who: int, sender: str, content: str, form: int = 1) -> Any:
            customer = self._who(who)
            forms = written_forms(sender)
            sender = forms[form % len(forms)]
            assert target.control is not None
            response = target.control.post(
                f"{CONTROL}/inbound",
                json={
                    "customer_id": customer,
                    "from": sender,
                    "to": "447700900999",
                    "content": content,
                },
            )
            self.journal.add(
                f"control: inbound to customer {self.customers.index(customer)} {content!r} -> {response.status_code}"
            )
            if response.status_code != 201:
                self._fail(f"inbound injection answered {response.status_code}: {response.text}")
            messageid = response.json()["messageid"]
            self.m.inbound(customer, messageid, sender, "447700900999", content)
            return (customer, messageid)

        @precondition(lambda self: controlled)
        @rule(seconds=st.sampled_from([0.5, 1, 2, 3, 30, 601]))
        def advance(self, seconds: float) -> None:
            target.advance_clock(seconds)
            self.journal.add(f"control: clock +{seconds} s")
            due = [
                s
                for account in self.m.customers.values()
                for s in account.schedules.values()
                if s.state == "SCHEDULED" and not s.batch
            ]
            self.m.advance(seconds)
            if any(s.state == "PROCESSED" for s in due):
                hit(
                    "schedule-fires"
                )  # its charge: the balances after this step; its message: reads

        @precondition(lambda self: controlled)
        @rule(who=st.integers(0, 1), credits=st.sampled_from([0.0, 1.0, 2.5, 50.0]))
        def set_balance(self, who: int, credits: float) -> None:
            customer = self._who(who)
            target.set_balance(customer, credits)
            self.journal.add(
                f"control: balance of customer {who % len(self.customers)} = {credits}"
            )
            account = self.m.customers[customer]
            account.ledger += credits - self.m.balance(customer)

        @precondition(lambda self: controlled)
        @rule(ttl=st.integers(1, 5), wait=st.integers(0, 8))
        def token_expiry(self, ttl: int, wait: int) -> None:
            assert target.control is not None
            assert target.emulator is not None
            customer = self.customers[0]
            token = target.control.post(
                f"{CONTROL}/tokens", json={"customer_id": customer, "ttl_seconds": ttl}
            ).json()["token"]
            target.advance_clock(wait)
            self.m.advance(wait)
            with target.emulator.client_with_token(token) as client:
                answer = call(client, "balance")
            self.journal.add(f"token of {ttl} s, used after {wait} s -> {answer.status}")
            expected = (
                Expected(401)
                if wait >= ttl
                else Expected(200, {"credits": self.m.balance(customer)})
            )
            self._expect(expected, answer, "a token's expiry")
            if wait >= ttl:
                hit("token-expiry")

        @rule()
        def no_token(self) -> None:
            client = self.clients[self.customers[0]]
            response = client.get_httpx_client().get(
                "/credits/balance", headers={"Authorization": ""}
            )
            self.journal.add(f"balance without a token -> {response.status_code}")
            if response.status_code != 401:
                self._fail(f"a request without a token answered {response.status_code}")

        # -- OTPs -------------------------------------------------------------------------
        @rule(
            target=otps,
            who=st.integers(0, 1),
            passcode=st.none() | st.from_regex(r"\A[0-9]{4,10}\Z"),
            validity=st.none() | st.integers(1, 120),
            template=st.none()
            | st.sampled_from(["{{passcode}}", "Code: {{passcode}} ж", "  {{passcode}}\n"]),
            destination=destinations,
        )
        def otp_send(
            self,
            who: int,
            passcode: str | None,
            validity: int | None,
            template: str | None,
            destination: str,
        ) -> Any:
            customer = self._who(who)
            if destination in FORCED:
                destination = ORDINARY[0]
            if not controlled and validity is not None:
                validity += REAL_CLOCK_OTP_VALIDITY  # never late by accident on a real clock
            body: dict[str, Any] = {"sender": "Acme", "destination": destination}
            for name, value in (
                ("passcode", passcode),
                ("validity", validity),
                ("template", template),
            ):
                if value is not None:
                    body[name] = value
            content = (template or "Your one-time passcode is {{passcode}}").replace(
                "{{passcode}}", passcode or "0" * 10
            )
            cost = predicted_cost(content, destination.removeprefix("+"))
            if not self._afford(cost):
                return multiple()
            answer = self._call(customer, "otp-send", body)
            price = self.m.send(
                customer, {**body, "content": content}, pricing.Reading.THREE_GPP.name
            )[0]
            self._expect(
                Expected(
                    price.status,
                    {"creditsUsed": price.body["creditsUsed"]} if price.status == 201 else None,
                ),
                answer,
                "otp send",
            )
            if answer.status != 201:
                return multiple()
            messageid = answer.body["messageid"]
            if passcode is None:
                record = self._call(customer, "otp-read", ident=messageid)
                passcode = str(record.body.get("passcode")) if isinstance(record.body, dict) else ""
                if not passcode.isdigit() or len(passcode) != 6:
                    self._fail(f"a generated passcode is 6 digits by default: {record.show()}")
                hit("otp-generated-passcode")
            self.m.otp_sent(customer, messageid, body, passcode, pricing.Reading.THREE_GPP.name)
            return (customer, messageid)

        @rule(
            otp=otps,
            who=st.integers(0, 1),
            right=st.booleans(),
            with_id=st.booleans(),
            late=st.booleans(),
        )
        def otp_verify(
            self, otp: tuple[str, str], who: int, right: bool, with_id: bool, late: bool
        ) -> None:
            owner, messageid = otp
            customer = self._who(who) if controlled else owner
            record = self.m.customers[owner].otps[messageid]
            if late and controlled:
                seconds = record.validity_s + 1
                target.advance_clock(seconds)
                self.journal.add(f"control: clock +{seconds} s")
                self.m.advance(seconds)
            passcode = record.passcode if right else _wrong(record.passcode)
            body: dict[str, Any] = {"passcode": passcode}
            if with_id:
                body["messageid"] = messageid
            answer = self._call(customer, "otp-verify", body)
            expected = self.m.verify(customer, messageid if with_id else None, passcode)
            assert expected.by_reading is not None
            reading = self._by_reading(
                VERIFY_WITHOUT_MESSAGEID, expected.by_reading, answer, "otp verify"
            )
            self.m.verified(customer, messageid if with_id else None, passcode, reading)
            self._verify_rules(expected.by_reading[reading], customer, body, with_id, owner)

        def _verify_rules(
            self, expected: Expected, customer: str, body: dict[str, Any], with_id: bool, owner: str
        ) -> None:
            """The rules a compared verify reached; after a success, the same verify again: 409."""
            if not with_id:
                hit("otp-without-messageid")
            if expected.status == 404:
                hit("unknown-ids", *(("isolation",) if customer != owner else ()))
            elif expected.status == 400:
                hit("otp-wrong-passcode")
            elif expected.status == 200 and expected.body["status"] == "EXPIRED":
                hit("otp-expired")
            elif expected.status == 200:
                hit("otp-verified")
                messageid = body.get("messageid")
                again = self.m.verify(customer, messageid, body["passcode"])
                assert again.by_reading is not None
                answer = self._call(customer, "otp-verify", body)
                reading = self._by_reading(
                    VERIFY_WITHOUT_MESSAGEID, again.by_reading, answer, "otp verify again"
                )
                self.m.verified(customer, messageid, body["passcode"], reading)
                if messageid is not None:  # without it, the newest OTP may be another one
                    hit("otp-verifies-once")

        @rule(otp=otps, who=st.integers(0, 1))
        def otp_read(self, otp: tuple[str, str], who: int) -> None:
            customer = self._who(who) if controlled else otp[0]
            self._expect(
                self.m.otp_read(customer, otp[1]),
                self._call(customer, "otp-read", ident=otp[1]),
                "otp read",
            )

        @rule(otp=otps)
        def otp_exhaust(self, otp: tuple[str, str]) -> None:
            """Wrong passcodes up to the limit (400 each), one past it and the right one (409 locked)."""
            owner, messageid = otp
            record = self.m.customers[owner].otps[messageid]
            if record.state(self.m.now_ms) != "PENDING":
                return
            left = OTP_WRONG_PASSCODE_LIMIT - record.wrong
            # Each wrong one left (400), one past the limit (409), then the right one (409).
            attempts = [_wrong(record.passcode)] * (left + 1) + [record.passcode]
            for passcode in attempts:
                body = {"passcode": passcode, "messageid": messageid}
                expected = self.m.verify(owner, messageid, passcode)
                assert expected.by_reading is not None
                answer = self._call(owner, "otp-verify", body)
                reading = self._by_reading(
                    VERIFY_WITHOUT_MESSAGEID, expected.by_reading, answer, "otp attempts"
                )
                self.m.verified(owner, messageid, passcode, reading)
            if record.state(self.m.now_ms) != "LOCKED":
                self._fail(f"the model's OTP {messageid} is not locked after its attempts")
            hit("otp-wrong-passcode", "otp-locked")

        @rule(target=otps, who=st.integers(0, 1), past=st.booleans())
        def otp_metadata(self, who: int, past: bool) -> Any:
            """OTP metadata of exactly the documented bytes is sent; one byte more is 400."""
            customer = self._who(who)
            size = OTP_METADATA_LIMIT_BYTES + (1 if past else 0)
            metadata = {"k": "a" * (size - len('{"k":""}'))}
            destination = sandbox_number or ORDINARY[0]
            body: dict[str, Any] = {
                "sender": "Acme",
                "destination": destination,
                "passcode": "4321",
                "metadata": metadata,
            }
            if not controlled:
                body["validity"] = REAL_CLOCK_OTP_VALIDITY
            content = "Your one-time passcode is 4321"
            if not self._afford(predicted_cost(content, destination)):
                return multiple()
            price = self.m.send(customer, {**body, "content": content}, "THREE_GPP")[0]
            if price.status != 201:
                return multiple()  # docs silent on which of 400 and 402 comes first
            answer = self._call(customer, "otp-send", body)
            if past:
                self._expect(Expected(400), answer, "OTP metadata one byte past its limit")
                if not answer.body["message"].startswith("metadata"):
                    self._fail(f"the 400 does not name metadata: {answer.show()}")
                hit("otp-metadata-size")
                return multiple()
            self._expect(Expected(201), answer, "OTP metadata at its limit")
            messageid = answer.body["messageid"]
            self.m.otp_sent(customer, messageid, body, "4321", pricing.Reading.THREE_GPP.name)
            return (customer, messageid)

        @rule(which=st.sampled_from(["surrogate", "not-utf8", "not-json"]))
        def malformed_body(self, which: str) -> None:
            """A body that is not UTF-8 JSON, or holds an unpaired surrogate, is 400."""
            destination = sandbox_number or ORDINARY[0]
            content = {
                "surrogate": b'"\\ud800"',
                "not-utf8": b'"\xff"',
                "not-json": b'"x',
            }[which]
            raw = b'{"sender":"Acme","destination":"' + destination.encode() + b'","content":'
            customer = self.customers[0]
            response = (
                self.clients[customer]
                .get_httpx_client()
                .post(
                    "/message/send",
                    content=raw + content + b"}",
                    headers={"Content-Type": "application/json"},
                )
            )
            self.journal.add(f"malformed body ({which}) -> {response.status_code}")
            body = response.json() if response.content else None
            self._expect(Expected(400), Answer(response.status_code, body), f"a {which} body")
            hit("malformed-body")

        @rule()
        def utils(self) -> None:
            """/utils/test answers 200; the emulator names the customer in ``message``."""
            customer = self.customers[0]
            answer = self._call(customer, "utils-test")
            self._expect(Expected(200), answer, "utils test")
            if controlled and customer not in str(answer.body.get("message")):
                self._fail(f"/utils/test does not name customer {customer}: {answer.show()}")
            hit("utils-test")

        # -- hostile sizes ----------------------------------------------------------------
        @precondition(lambda self: controlled)
        @rule(
            who=st.integers(0, 1),
            field=st.sampled_from(HOSTILE_FIELDS),
            past=st.booleans(),
        )
        def hostile(self, who: int, field: str, past: bool) -> Any:
            """A list or string at its declared limit or one past it (no limit: long)."""
            customer = self._who(who)
            extra = 1 if past else 0
            if field == "destinations":
                size = max_items("BatchMessage", "destinations") + 1  # at the limit: test_batches
                answer = self._call(
                    customer,
                    "batch",
                    {"sender": "Acme", "destinations": [ORDINARY[0]] * size, "content": "x"},
                )
                self._expect(Expected(400), answer, "a batch past its limit")
                if "destinations" not in answer.body["message"]:
                    self._fail(f"the 400 does not name destinations: {answer.show()}")
                hit("batch-size")
                return
            if field == "query-limit":
                limit = int(schema("Query")["properties"]["limit"]["maximum"]) + extra
                answer = self._call(customer, "search", {"limit": limit})
                if past:
                    self._expect(Expected(400), answer, "a search limit past its maximum")
                    if not answer.body["message"].startswith("limit"):
                        self._fail(f"the 400 does not name limit: {answer.show()}")
                    return
                expected = self.m.search(customer, {"limit": limit})
                assert expected.by_reading is not None
                (page, *_) = expected.by_reading.values()
                found = Expected(200, [self.m.message_fields(m) for m in page])
                self._expect(found, answer, "a search at its maximum limit")
                return
            if field == "query-metadata":
                pairs = [{"key": f"k{i}", "value": "v"} for i in range(1100 + extra * 900)]
                answer = self._call(customer, "search", {"metadata": pairs})
                expected = self.m.search(customer, {"metadata": pairs})
                assert expected.by_reading is not None
                (page, *_) = expected.by_reading.values()
                found = Expected(200, [self.m.message_fields(m) for m in page])
                self._expect(found, answer, "a search of many metadata pairs")
                return
            body: dict[str, Any] = {"sender": "Acme", "destination": ORDINARY[0], "content": "x"}
            if field == "content":
                body["content"] = "a" * (max_length("Message", "content") + extra)
            elif field == "sender":
                # The pattern's limits: 11 letters and digits, or 15 digits.
                body["sender"] = "S" * (11 + extra)
            elif field == "tag":
                body["tag"] = "t" * (max_length("Message", "tag") + extra)
            else:
                body["metadata"] = [
                    {"key": f"k{i}", "value": "v"} for i in range(1100 + extra * 900)
                ]
            answer = self._call(customer, "send", body)
            if past and field in ("content", "tag", "sender"):
                self._expect(Expected(400), answer, f"{field} past its limit")
                if not answer.body["message"].startswith(field):
                    self._fail(f"the 400 does not name {field}: {answer.show()}")
                return
            expected, _ = self.m.send(customer, body, pricing.Reading.THREE_GPP.name)
            self._expect(expected, answer, f"{field} at its limit")
            if answer.status == 201:
                self.m.sent(
                    customer, answer.body["messageid"], body, pricing.Reading.THREE_GPP.name
                )

    return ModelMachine


def tour(machine: Any, controlled: bool, number: str) -> None:
    """One fixed sequence through every documented rule the target can show, in the machine's
    own rules with every check of theirs, so that a default run reaches each limit for certain
    (the random sequences then go wherever they go). The balances are compared after each step."""
    ran: list[Any] = []

    def step(rule: Callable[..., Any], **drawn: Any) -> Any:
        if any(drawn.get(name, ()) is None for name in ("sent", "scheduled", "otp")):
            return None  # what it acts on was never made (the sandbox's budget ran out)
        result = rule(**drawn)
        machine.balances_equal_the_model()
        ran.append(result)
        found = getattr(result, "values", (result,) if result is not None else ())
        return found[0] if found else None

    machine.open_accounts(opening=1000.0, other=1000.0)
    machine.balances_equal_the_model()
    base = {"who": 0, "kind": "send", "sender": "Acme", "plus": False, "tag": None}
    base["validity"] = None
    first = step(
        machine.send,
        **{**base, "destination": number, "content": "hello", "ttl": 1 if controlled else None},
        metadata=[{"key": "k", "value": "1"}],
    )
    # UCS-2: on two parts where the readings differ; on the sandbox's budget, one part.
    step(
        machine.send_on_a_boundary,
        who=0,
        content="ж" * (71 if controlled else 1),
        destination=number,
    )
    step(machine.read, sent=first, who=0)
    for country in (sorted(COUNTRY_NUMBERS)[0], sorted(NOT_COUNTRIES)[0], sorted(MALFORMED)[0]):
        step(machine.quote, who=0, country=country)
    if controlled:
        abroad = next(code for code in sorted(COUNTRY_NUMBERS) if code != "GB")
        step(machine.quote_then_send, who=0, country=abroad, content="hi")
        step(machine.send, **{**base, "destination": ORDINARY[2], "content": "hi"}, metadata=None)
        expiring = step(
            machine.send,
            **{**base, "destination": "447700900003", "content": "x", "validity": 1},
            metadata=None,
        )
        step(
            machine.send, **{**base, "destination": REJECTED_NUMBER, "content": "x"}, metadata=None
        )
        step(machine.batch, who=0, numbers=[number, "447700900001"], content="b", any_batch=False)
        step(machine.hostile, who=0, field="destinations", past=True)
        incoming = step(machine.inbound, who=0, sender=number, content="stop now")
        step(machine.set_balance, who=1, credits=0.0)
        step(
            machine.send, **{**base, "who": 1, "destination": number, "content": "x"}, metadata=None
        )
        step(machine.token_expiry, ttl=1, wait=2)
    kept = step(machine.schedule, who=0, seconds=60, form=0, destination=number, content="s")
    step(machine.cancel, scheduled=kept, who=0)
    if controlled:  # a live run schedules a day ahead: none fires, none is in the past
        later = step(machine.schedule, who=0, seconds=30, form=2, destination=number, content="s")
        step(machine.schedule, who=0, seconds=-30, form=1, destination=number, content="s")
    batch = step(machine.schedule_batch, who=0, hours=24, form=2, numbers=[number], content="b")
    step(machine.cancel_batch, scheduled=batch, who=0)
    step(machine.list_schedules, who=0)
    search = {"extra": set(), "plus": True, "skip": 0, "limit": None, "offset_ms": 0, "zone": 2}
    if controlled:
        step(machine.advance, seconds=3)
        step(machine.read, sent=first, who=0)
        step(machine.read, sent=first, who=1)
        for primary in ("keyword", "unread"):
            step(machine.search, sent=incoming, who=0, primary=primary, **search, scope="inbox")
        for primary in ("status", "credits"):
            step(machine.search, sent=first, who=0, primary=primary, **search, scope="search")
        for primary in ("from", "to"):  # each date form the spec allows
            for zone in range(DATE_FORMS):
                dated = {**search, "zone": zone}
                step(machine.search, sent=first, who=0, primary=primary, **dated, scope="search")
        numeric = step(
            machine.send,
            **{**base, "sender": "447700900999", "destination": ORDINARY[2], "content": "n"},
            metadata=None,
        )
        for form in range(4):  # a numeric sender found in each written form of its number
            step(
                machine.search, sent=numeric, who=0, primary="sender", **search, form=form,
                scope="search",
            )  # fmt: skip
        step(machine.advance, seconds=601)
        step(machine.read, sent=first, who=0)
        step(machine.read, sent=expiring, who=0)
        step(machine.search, sent=expiring, who=0, primary="status", **search, scope="failed")
        step(machine.cancel, scheduled=later, who=0)
    for primary in ("destination", "sender", "metadata"):
        step(
            machine.search,
            sent=first,
            who=0,
            primary=primary,
            **{**search, "limit": 1},
            scope="search",
        )
    otp = {"who": 0, "template": None, "destination": number}
    for passcode, validity in ((None, None), ("123456", 60), ("654321", 60)):
        step(machine.otp_send, **otp, passcode=passcode, validity=validity)
    otps = [r for r in ran[-3:] if isinstance(r, tuple)]
    if len(otps) == 3:
        step(machine.otp_verify, otp=otps[0], who=0, right=True, with_id=True, late=False)
        step(machine.otp_verify, otp=otps[1], who=0, right=True, with_id=False, late=False)
        step(machine.otp_exhaust, otp=otps[2])
        if controlled:
            late = step(machine.otp_send, **otp, passcode="111111", validity=5)
            step(machine.otp_verify, otp=late, who=0, right=True, with_id=True, late=True)
    step(machine.otp_metadata, who=0, past=False)
    step(machine.otp_metadata, who=0, past=True)
    for which in ("surrogate", "not-utf8", "not-json"):
        step(machine.malformed_body, which=which)
    step(machine.utils)
    step(machine.no_token)
    step(machine.volume, who=0)
    step(machine.delete, sent=first, then_read=True)
    machine.teardown()


def _wrong(passcode: str) -> str:
    """Another passcode of the same length."""
    return str((int(passcode) + 1) % 10 ** len(passcode)).zfill(len(passcode))


def reported_readings(findings: dict[str, str]) -> list[tuple[str, str]]:
    """Each open question and the reading the target was found to follow."""
    return [(q.name, findings.get(q.name, "not told apart by this run")) for q in QUESTIONS]


STEPS = 25
"""Steps per sequence; CONTRACT_DEPTH sets how many sequences."""
EXAMPLES_PER_DEPTH = 8
"""Sequences per unit of CONTRACT_DEPTH: the default 25 runs 200 sequences in about 30 s."""


def run_model(
    target: Target,
    budget: CreditBudget | None,
    depth: int,
    *,
    steps: int = STEPS,
    shrink: bool = True,
    test: str | None = None,
) -> dict[str, str]:
    """Run the machine against ``target``; the readings it found the target to follow."""
    findings: dict[str, str] = {}
    machine = build_machine(target, budget, findings, test)
    permission = target.settings.send
    tour(
        machine(), target.control is not None, permission.destination if permission else ORDINARY[0]
    )
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=depth * EXAMPLES_PER_DEPTH,
            stateful_step_count=steps,
            database=None,
            suppress_health_check=list(HealthCheck),
            # No explain phase: its line tracing slows every request many times over.
            phases=[
                p for p in Phase if p is not Phase.explain and (shrink or p is not Phase.shrink)
            ],
            derandomize=not shrink,
        ),
    )
    return findings


SANDBOX_TOUR_CREDITS = 10
"""What the tour costs against the sandbox, held for the model test until its first send."""


@pytest.mark.first_send(credits=SANDBOX_TOUR_CREDITS)
def test_every_answer_and_balance_equal_the_model(
    target: Target,
    credit_budget: CreditBudget | None,
    report_finding: Callable[[str, str], None],
    request: pytest.FixtureRequest,
) -> None:
    if not target.settings.may_spend_credits:
        pytest.skip(NO_SEND_REASON)
    findings = run_model(target, credit_budget, target.settings.depth, test=request.node.nodeid)
    for name, reading in reported_readings(findings):
        report_finding(name, reading)
