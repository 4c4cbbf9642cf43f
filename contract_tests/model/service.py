"""What the service should answer: state per customer and the answer each call should get.

Written from docs/emulator.md's behaviour table, docs/spec-rules.md and the patched spec; prices
and the refund rule come from the pricing oracle. Every answer is an :class:`Expected`: the status
code and the fields the model knows (a field it does not know is not listed, never guessed). Where
the documentation leaves two readings open, the answer lists each (see :mod:`.readings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from contract_tests import pricing
from contract_tests.model.countries import COUNTRY_CODE, NOT_COUNTRIES
from contract_tests.model.numbers import international, same_number
from contract_tests.model.readings import (
    NUMERIC_SENDER_PLUS,
    UCS2_PART_SIZE,
    UNREAD_FILTER_ON_OUTGOING,
    VERIFY_WITHOUT_MESSAGEID,
    Readings,
)

DELIVERY_DELAY_MS = 2_000
"""docs/emulator.md: SENT, then DELIVERED after the delivery delay (``--delivery-delay``, 2 s)."""
OTP_DEFAULT_VALIDITY_SECONDS = 600
OTP_WRONG_PASSCODE_LIMIT = 5
"""docs/spec-rules.md: a wrong passcode is 400; after 5 wrong, 409 locked."""
OTP_METADATA_LIMIT_BYTES = 1024
"""docs/spec-rules.md: OTP ``metadata`` at most 1024 bytes as (compact, UTF-8) JSON; more is 400."""
DEFAULT_LIMIT = 1000
FAILED = frozenset({"EXPIRED", "UNDELIVERABLE", "REJECTED"})
UNDELIVERABLE_NUMBER = "447700900001"
REJECTED_NUMBER = "447700900002"
UK_TIME = ZoneInfo("Europe/London")
"""The service's day, for the message volume."""
DEFAULT_VALIDITY_MINUTES = 2880
"""docs/emulator.md: ``validity`` 1-2880 minutes; a message not final when it runs out ends EXPIRED."""
TIMED_OUTCOMES: dict[str, tuple[str, int | None]] = {
    UNDELIVERABLE_NUMBER: ("UNDELIVERABLE", 1),
    "447700900003": ("EXPIRED", None),
    "447700900004": ("DELIVERED", 2),
    "447700900005": ("DELIVERED", 10),
}
"""docs/emulator.md's forced outcomes: the final status, after how many delivery delays (``None``: only
when its validity runs out; 004 stays SENT with a temporary failure in between). Any other number is
DELIVERED after one delay; 002 is REJECTED at once."""


@dataclass(frozen=True)
class Expected:
    """One answer: its status code, and per reading the body fields the model knows."""

    status: int
    body: Any = None
    """A dict of known fields, a list of such dicts (in order), or ``None`` for "not compared"."""
    by_reading: dict[str, Any] | None = None
    """When the answer depends on an open question: reading -> body."""


@dataclass
class Msg:
    messageid: str
    customer: str
    sender: str
    destination: str
    content: str
    created_ms: int
    price: float
    parts: int
    tag: str | None = None
    metadata: list[dict[str, str]] | None = None
    batchid: str | None = None
    incoming: bool = False
    unread: bool = True
    keyword: str | None = None
    otp: bool = False
    validity_minutes: int = DEFAULT_VALIDITY_MINUTES
    ttl_minutes: int | None = None
    """docs/emulator.md: ``ttl`` minutes after its final status the message is deleted."""

    def purged_at(self) -> int | None:
        """When ``ttl`` deletes the message (``None``: never)."""
        if self.ttl_minutes is None or self.incoming:
            return None
        final_ms = self.created_ms if self.destination == REJECTED_NUMBER else self.final_at()
        return final_ms + self.ttl_minutes * 60_000

    def final(self) -> tuple[str, int]:
        """The final status and when it comes: the outcome's, or EXPIRED if validity runs out first."""
        status, delays = TIMED_OUTCOMES.get(self.destination, ("DELIVERED", 1))
        expires_ms = self.created_ms + self.validity_minutes * 60_000
        if delays is None or self.created_ms + delays * DELIVERY_DELAY_MS > expires_ms:
            return "EXPIRED", expires_ms
        return status, self.created_ms + delays * DELIVERY_DELAY_MS

    def final_at(self) -> int:
        return self.final()[1]

    def status(self, now_ms: int, timed: bool) -> frozenset[str]:
        if self.incoming:
            return frozenset({"INCOMING"})
        if self.destination == REJECTED_NUMBER:
            return frozenset({"REJECTED"})
        final, at_ms = self.final()
        if not timed:
            return frozenset({"SENT", final})
        if now_ms == at_ms and final == "EXPIRED":
            return frozenset({"SENT", final})  # docs silent on the very millisecond validity ends
        return frozenset({final if now_ms >= at_ms else "SENT"})

    def credits(self, now_ms: int, timed: bool) -> frozenset[float]:
        """What the message costs now (the refund rule once its status is final)."""
        if self.incoming:
            return frozenset({0.0})
        found = set()
        for status in self.status(now_ms, timed):
            if status in pricing.FINAL_STATUSES:
                found.add(pricing.charge_after_final_status(status, self.destination, self.price))
            else:
                found.add(self.price)
        return frozenset(found)

    def known_fields(self) -> dict[str, Any]:
        known: dict[str, Any] = {
            "messageid": self.messageid,
            "sender": self.sender,
            "destination": self.destination,
            "content": self.content,
        }
        if self.tag is not None:
            known["tag"] = self.tag
        if self.metadata:
            known["metadata"] = self.metadata
        if self.batchid is not None:
            known["batchid"] = self.batchid
        if self.keyword is not None:
            known["keyword"] = self.keyword
        return known


@dataclass
class Schedule:
    messageid: str
    customer: str
    due_ms: int
    price: float
    body: dict[str, Any]
    state: str = "SCHEDULED"  # SCHEDULED, CANCELLED, PROCESSED
    batch: bool = False
    """A batch schedule (``/batch/schedule``): its id is the batch's, never a message's."""


@dataclass
class Otp:
    messageid: str
    customer: str
    passcode: str
    validity_s: int
    created_ms: int
    destination: str
    verified: bool = False
    wrong: int = 0

    def state(self, now_ms: int) -> str:
        if self.verified:
            return "VERIFIED"
        if self.wrong >= OTP_WRONG_PASSCODE_LIMIT:
            return "LOCKED"
        if now_ms >= self.created_ms + self.validity_s * 1000:
            return "EXPIRED"
        return "PENDING"


@dataclass
class Customer:
    ledger: float
    """The balance but for refunds of failed messages (those follow the clock)."""
    charged: list[Msg] = field(default_factory=list)
    """Every message ever charged, deleted or not: the refund rule applies to each."""
    messages: dict[str, Msg] = field(default_factory=dict)
    """Stored messages by id, in insertion order (newest last)."""
    batches: dict[str, list[str]] = field(default_factory=dict)
    schedules: dict[str, Schedule] = field(default_factory=dict)
    otps: dict[str, Otp] = field(default_factory=dict)


def stored_number(number: str) -> str:
    """docs/emulator.md: destinations are stored as E.164 digits (an optional '+' dropped)."""
    return number.removeprefix("+")


def error(status: int) -> Expected:
    return Expected(status, {"errorCode": status})


class ServiceModel:
    """Every customer's state and the answer each operation should get."""

    def __init__(self, now_ms: int, *, timed: bool, readings: Readings) -> None:
        self.now_ms = now_ms
        self.timed = timed
        """``True`` when the target's clock is the one the model moves (emulator targets)."""
        self.readings = readings
        self.customers: dict[str, Customer] = {}
        self.purged: list[Msg] = []
        """Messages ``ttl`` deleted, for the coverage of that rule."""

    # -- state ------------------------------------------------------------------------------
    def open_account(self, customer: str, balance: float) -> None:
        self.customers[customer] = Customer(ledger=balance)

    def balance(self, customer: str) -> float:
        account = self.customers[customer]
        return account.ledger + self._refunded(account)

    def advance(self, seconds: float) -> None:
        """Move the clock; schedules that fall due are sent, in time order."""
        target_ms = self.now_ms + round(seconds * 1000)
        due = sorted(
            (s for c in self.customers.values() for s in c.schedules.values()),
            key=lambda s: s.due_ms,
        )
        for schedule in due:
            # A batch schedule is made due a day or more ahead, past any one run's clock (see
            # schedule_batch), so the model never has to know the ids its messages get.
            if (
                schedule.state == "SCHEDULED"
                and schedule.due_ms <= target_ms
                and not schedule.batch
            ):
                schedule.state = "PROCESSED"
                body = schedule.body
                self._store(
                    schedule.customer,
                    schedule.messageid,
                    body,
                    created_ms=schedule.due_ms,
                    price=schedule.price,
                )
        self.now_ms = target_ms
        self._purge()

    def _purge(self) -> list[Msg]:
        """Messages whose ``ttl`` ran out are deleted; like a delete, they keep what they cost."""
        gone = []
        for account in self.customers.values():
            for message in list(account.messages.values()):
                at_ms = message.purged_at()
                if at_ms is not None and at_ms <= self.now_ms:
                    del account.messages[message.messageid]
                    gone.append(message)
        self.purged.extend(gone)
        return gone

    def price(self, content: str, destination: str) -> dict[str, pricing.Price]:
        """The price by each reading still open."""
        return {
            reading: pricing.price(content, destination, reading=pricing.Reading[reading])
            for reading in self.readings.candidates(UCS2_PART_SIZE)
        }

    def _store(
        self,
        customer: str,
        messageid: str,
        body: dict[str, Any],
        *,
        created_ms: int,
        price: float,
        parts: int = 1,
        batchid: str | None = None,
        otp: bool = False,
    ) -> Msg:
        destination = stored_number(body["destination"])
        charged = 0.0 if destination == REJECTED_NUMBER else price
        message = Msg(
            messageid=messageid,
            customer=customer,
            sender=body["sender"],
            destination=destination,
            content=body["content"],
            created_ms=created_ms,
            price=charged,
            parts=parts,
            tag=body.get("tag"),
            metadata=body.get("metadata"),
            batchid=batchid,
            otp=otp,
            validity_minutes=int(body.get("validity", DEFAULT_VALIDITY_MINUTES)),
            ttl_minutes=body.get("ttl"),
        )
        self.customers[customer].messages[messageid] = message
        self.customers[customer].charged.append(message)
        return message

    def _refunded(self, account: Customer) -> float:
        """Credits refunded so far for failed messages whose status became final."""
        return sum(
            message.price - min(message.credits(self.now_ms, self.timed))
            for message in account.charged
        )

    # -- sends ------------------------------------------------------------------------------
    def send(self, customer: str, body: dict[str, Any], reading: str) -> tuple[Expected, float]:
        """A single send priced by ``reading``; returns the answer and the credits it uses."""

        price = pricing.price(
            body["content"], stored_number(body["destination"]), reading=pricing.Reading[reading]
        )
        cost = 0.0 if stored_number(body["destination"]) == REJECTED_NUMBER else price.credits
        if cost > self.balance(customer) + 1e-9:
            return error(402), 0.0
        status = "REJECTED" if cost == 0.0 and price.credits else "SENT"
        return Expected(
            201,
            {
                "status": status,
                "creditsUsed": cost,
                "messageparts": price.parts,
                "credits": self.balance(customer) - cost,
            },
        ), cost

    def sent(
        self,
        customer: str,
        messageid: str,
        body: dict[str, Any],
        reading: str,
        *,
        otp: bool = False,
    ) -> None:
        destination = stored_number(body["destination"])
        price = pricing.price(body["content"], destination, reading=pricing.Reading[reading])
        message = self._store(
            customer,
            messageid,
            body,
            created_ms=self.now_ms,
            price=price.credits,
            parts=price.parts,
            otp=otp,
        )
        self.customers[customer].ledger -= message.price

    def batch_cost(self, bodies: list[dict[str, Any]], reading: str) -> float:
        return sum(
            0.0
            if stored_number(b["destination"]) == REJECTED_NUMBER
            else pricing.price(
                b["content"], stored_number(b["destination"]), reading=pricing.Reading[reading]
            ).credits
            for b in bodies
        )

    def batch(self, customer: str, bodies: list[dict[str, Any]], reading: str) -> Expected:
        if self.batch_cost(bodies, reading) > self.balance(customer) + 1e-9:
            return error(402)
        return Expected(201, {"status": "SCHEDULED"})

    def batch_sent(
        self,
        customer: str,
        batchid: str,
        ids: list[str],
        bodies: list[dict[str, Any]],
        reading: str,
    ) -> None:
        account = self.customers[customer]
        account.batches[batchid] = []
        for messageid, body in zip(ids, bodies, strict=True):
            destination = stored_number(body["destination"])
            price = pricing.price(body["content"], destination, reading=pricing.Reading[reading])
            message = self._store(
                customer,
                messageid,
                body,
                created_ms=self.now_ms,
                price=price.credits,
                parts=price.parts,
                batchid=batchid,
            )
            account.ledger -= message.price
            account.batches[batchid].append(messageid)

    def batch_read(self, customer: str, batchid: str) -> Expected:
        account = self.customers[customer]
        if batchid not in account.batches:
            return error(404)
        ids = [m for m in account.batches[batchid] if m in account.messages]
        return Expected(200, [self.message_fields(account.messages[m]) for m in ids])

    # -- schedules --------------------------------------------------------------------------
    def schedule(self, customer: str, body: dict[str, Any], due_ms: int, reading: str) -> Expected:
        if due_ms <= self.now_ms:
            return error(400)
        price = pricing.price(
            body["content"], stored_number(body["destination"]), reading=pricing.Reading[reading]
        ).credits
        if price > self.balance(customer) + 1e-9:
            return error(402)
        return Expected(200, [{"status": "SCHEDULED"}])

    def scheduled(
        self, customer: str, messageid: str, body: dict[str, Any], due_ms: int, reading: str
    ) -> None:
        destination = stored_number(body["destination"])
        price = pricing.price(body["content"], destination, reading=pricing.Reading[reading])
        account = self.customers[customer]
        account.schedules[messageid] = Schedule(messageid, customer, due_ms, price.credits, body)
        charged = price.credits
        account.ledger -= charged

    def schedule_batch(
        self, customer: str, body: dict[str, Any], due_ms: int, reading: str
    ) -> Expected:
        """``POST /batch/schedule``: paid for every destination when scheduled (201, the patched spec)."""
        if due_ms <= self.now_ms:
            return error(400)
        if self._batch_price(body, reading) > self.balance(customer) + 1e-9:
            return error(402)
        return Expected(201, {"status": "SCHEDULED"})

    def batch_scheduled(
        self, customer: str, batchid: str, body: dict[str, Any], due_ms: int, reading: str
    ) -> None:
        price = self._batch_price(body, reading)
        account = self.customers[customer]
        account.schedules[batchid] = Schedule(batchid, customer, due_ms, price, body, batch=True)
        account.ledger -= price

    def _batch_price(self, body: dict[str, Any], reading: str) -> float:
        return sum(
            pricing.price(
                body["content"], stored_number(number), reading=pricing.Reading[reading]
            ).credits
            for number in body["destinations"]
        )

    def cancel_batch(self, customer: str, batchid: str) -> Expected:
        """``DELETE /batch/schedule/{batchid}``: refunded in full while still scheduled."""
        schedule = self.customers[customer].schedules.get(batchid)
        if schedule is None or not schedule.batch:
            return error(404)
        if schedule.state != "SCHEDULED":
            return error(409)
        schedule.state = "CANCELLED"
        self.customers[customer].ledger += schedule.price
        return Expected(200, {"status": "CANCELLED"})

    def scheduled_list(self, customer: str) -> dict[str, dict[str, Any]]:
        """``GET /messages/schedule``: each of the customer's schedules by id, with what is known of it.

        The model's runs are far shorter than the three months the list goes back, so it holds
        every schedule; their order is not documented, so the caller compares them by id.
        """
        listed: dict[str, dict[str, Any]] = {}
        for schedule in self.customers[customer].schedules.values():
            message = {"sender": schedule.body["sender"], "content": schedule.body["content"]}
            if schedule.batch:
                message["destinations"] = [stored_number(n) for n in schedule.body["destinations"]]
            else:
                message["destination"] = stored_number(schedule.body["destination"])
            listed[schedule.messageid] = {
                "status": schedule.state,
                "batch": schedule.batch,
                "message": message,
            }
        return listed

    def cancel(self, customer: str, messageid: str) -> Expected:
        schedule = self.customers[customer].schedules.get(messageid)
        if schedule is None or schedule.batch:
            return error(404)
        if schedule.state != "SCHEDULED":
            return error(409)
        schedule.state = "CANCELLED"
        self.customers[customer].ledger += schedule.price
        return Expected(200, {"messageid": messageid, "status": "CANCELLED"})

    # -- reads, deletes ---------------------------------------------------------------------
    def sender_forms(self, sent: str) -> frozenset[str]:
        """How a sender reads back, by each reading of :data:`NUMERIC_SENDER_PLUS` still open."""
        if not sent.startswith("+"):
            return frozenset({sent})
        forms = {"kept": sent, "dropped": sent.removeprefix("+")}
        return frozenset(forms[r] for r in self.readings.candidates(NUMERIC_SENDER_PLUS))

    def message_fields(self, message: Msg) -> dict[str, Any]:
        known = message.known_fields()
        known["sender"] = self.sender_forms(message.sender)
        known["status"] = message.status(self.now_ms, self.timed)
        known["credits"] = message.credits(self.now_ms, self.timed)
        return known

    def read(self, customer: str, messageid: str) -> Expected:
        message = self.customers[customer].messages.get(messageid)
        if message is None:
            return error(404)
        return Expected(200, self.message_fields(message))

    def volume(self, customer: str, reading: str) -> int:
        """``GET /messages/volume``: outgoing messages since midnight, UK time (docs/emulator.md)."""
        now = datetime.fromtimestamp(self.now_ms / 1000, UK_TIME)
        midnight_ms = round(
            datetime(now.year, now.month, now.day, tzinfo=UK_TIME).timestamp() * 1000
        )
        account = self.customers[customer]
        counted = account.charged if reading == "sent" else list(account.messages.values())
        return sum(1 for m in counted if not m.incoming and m.created_ms >= midnight_ms)

    def delete(self, customer: str, messageid: str) -> Expected:
        account = self.customers[customer]
        if messageid not in account.messages:
            return error(404)
        # A deleted message keeps what it cost: the refund rule needs a status it no longer has.
        del account.messages[messageid]
        return Expected(200, {"messageid": messageid, "status": "DELETED"})

    def inbound(self, customer: str, messageid: str, sender: str, to: str, content: str) -> None:
        words = content.split()
        self.customers[customer].messages[messageid] = Msg(
            messageid=messageid,
            customer=customer,
            sender=international(sender) or stored_number(sender),
            destination=international(to) or stored_number(to),
            content=content,
            created_ms=self.now_ms,
            price=0.0,
            parts=0,
            incoming=True,
            keyword=words[0].upper() if words else None,
        )

    # -- searches ---------------------------------------------------------------------------
    def _matches(self, message: Msg, query: dict[str, Any], unread_reading: str) -> bool:
        statuses = message.status(self.now_ms, self.timed)
        if "status" in query and query["status"] not in statuses:
            return False
        if "destination" in query and message.destination != stored_number(query["destination"]):
            return False
        if (
            "sender" in query
            and not same_number(query["sender"], message.sender)
            and query["sender"] not in self.sender_forms(message.sender)
        ):
            return False
        if "keyword" in query and message.keyword != str(query["keyword"]).upper():
            return False
        if "credits" in query and query["credits"] not in message.credits(self.now_ms, self.timed):
            return False
        if "from" in query and message.created_ms < query["from"]:
            return False
        if "to" in query and message.created_ms > query["to"]:
            return False
        for pair in query.get("metadata") or ():
            if pair not in (message.metadata or []):
                return False
        if "unread" in query:
            if message.incoming:
                return bool(message.unread == query["unread"])
            return unread_reading == "ignored-for-outgoing"
        return True

    def search(self, customer: str, query: dict[str, Any], scope: str = "all") -> Expected:
        """``query`` with ``from``/``to`` as ms; scope ``all``, ``failed`` or ``inbox``."""
        account = self.customers[customer]
        by_reading: dict[str, Any] = {}
        for reading in self.readings.candidates(UNREAD_FILTER_ON_OUTGOING):
            found = [
                m
                for m in reversed(account.messages.values())
                if self._matches(m, query, reading)
                and (scope != "failed" or m.status(self.now_ms, self.timed) <= FAILED)
                and (scope != "inbox" or (m.incoming and m.unread))
            ]
            skip = query.get("skip", 0)
            page = found[skip : skip + query.get("limit", DEFAULT_LIMIT)]
            by_reading[reading] = page
        return Expected(200, by_reading=by_reading)

    def mark_read(self, messages: list[Msg]) -> None:
        for message in messages:
            message.unread = False

    # -- OTPs -------------------------------------------------------------------------------
    def otp_sent(
        self, customer: str, messageid: str, body: dict[str, Any], passcode: str, reading: str
    ) -> None:
        content = body.get("template", DEFAULT_OTP_TEMPLATE).replace("{{passcode}}", passcode)
        # An OTP's metadata is the OTP record's (an object), not its message's list of pairs.
        message = {k: v for k, v in body.items() if k != "metadata"}
        self.sent(customer, messageid, {**message, "content": content}, reading, otp=True)
        self.customers[customer].otps[messageid] = Otp(
            messageid=messageid,
            customer=customer,
            passcode=passcode,
            validity_s=body.get("validity", OTP_DEFAULT_VALIDITY_SECONDS),
            created_ms=self.now_ms,
            destination=stored_number(body["destination"]),
        )

    def otp_read(self, customer: str, messageid: str) -> Expected:
        otp = self.customers[customer].otps.get(messageid)
        if otp is None:
            return error(404)
        return Expected(
            200,
            {
                "messageid": messageid,
                "status": otp.state(self.now_ms),
                "passcode": otp.passcode,
                "validity": otp.validity_s,
            },
        )

    def _otp_for(
        self, customer: str, messageid: str | None, passcode: str, reading: str
    ) -> Otp | None:
        otps = self.customers[customer].otps
        if messageid is not None:
            return otps.get(messageid)
        candidates = [o for o in otps.values() if o.passcode == passcode]
        if reading == "newest-pending":
            candidates = [o for o in candidates if o.state(self.now_ms) == "PENDING"] or candidates
        return candidates[-1] if candidates else None

    def verify(self, customer: str, messageid: str | None, passcode: str) -> Expected:
        """The answer by each reading; :meth:`verified` then applies the one the target took."""
        by_reading = {}
        for reading in self.readings.candidates(VERIFY_WITHOUT_MESSAGEID):
            otp = self._otp_for(customer, messageid, passcode, reading)
            by_reading[reading] = self._verify_answer(otp, passcode)
        return Expected(0, by_reading=by_reading)

    def _verify_answer(self, otp: Otp | None, passcode: str) -> Expected:
        if otp is None:
            return error(404)
        state = otp.state(self.now_ms)
        if state in ("VERIFIED", "LOCKED"):
            return error(409)
        if state == "EXPIRED":
            return Expected(200, {"messageid": otp.messageid, "status": "EXPIRED"})
        if passcode != otp.passcode:
            return error(400)
        return Expected(200, {"messageid": otp.messageid, "status": "VERIFIED"})

    def verified(self, customer: str, messageid: str | None, passcode: str, reading: str) -> None:
        otp = self._otp_for(customer, messageid, passcode, reading)
        if otp is None or otp.state(self.now_ms) != "PENDING":
            return
        if passcode == otp.passcode:
            otp.verified = True
        else:
            otp.wrong += 1

    # -- prices per country --------------------------------------------------------------
    def quote(self, country: str) -> Expected:
        """``GET /credits/{countrycode}``: the price of one part there; 400 malformed, 404 no country.

        The price is known on the emulator targets only (docs/emulator.md's default table); the
        sandbox is held to answering for the country it was asked about.
        """
        if not COUNTRY_CODE.fullmatch(country):
            return error(400)
        if country in NOT_COUNTRIES:
            return error(404)
        if not self.timed:
            return Expected(200, {"code": country})
        return Expected(200, {"code": country, "credits": pricing.price_per_part(country)})


DEFAULT_OTP_TEMPLATE = "Your one-time passcode is {{passcode}}"
"""Not documented: the model uses it only for its price, one GSM part for any passcode."""
