"""One-time passcodes: sent as a message (and charged like one), verified once, within validity.

Verify outcomes: 200 VERIFIED the first time the right passcode comes in time; 200 EXPIRED once
``validity`` seconds have passed; 404 for an unknown OTP; 400 for a wrong passcode (each one
counts); 409 once it was verified, or after ``otp_max_failed_attempts`` wrong passcodes (locked).
"""

from __future__ import annotations

import json
from typing import Any

from smsworks_emulator.rules.dates import iso_ms
from smsworks_emulator.rules.errors import ApiError, bad_request, conflict, not_found
from smsworks_emulator.rules.prices import PriceTable
from smsworks_emulator.rules.statuses import MessageKind, OtpStatus
from smsworks_emulator.service.outbound import Outbound, prepare, send_response
from smsworks_emulator.service.transactions import Transactions
from smsworks_emulator.store import Repository, Row

PLACEHOLDER = "{{passcode}}"
DEFAULT_TEMPLATE = "Your one-time passcode is {{passcode}}"
DEFAULT_SENDER = "OTP"
DEFAULT_LENGTH = 6
MAX_METADATA_BYTES = 1024
MAX_VALIDITY_SECONDS = 100 * 366 * 24 * 3600
"""The spec sets no maximum; longer validities are valid and taken as a century (keeps the
arithmetic inside SQLite's integers)."""


def metadata_json(metadata: object) -> str:
    """OTP metadata as stored and measured against :data:`MAX_METADATA_BYTES` (compact JSON)."""
    return json.dumps(metadata, separators=(",", ":"))


class Otps:
    def __init__(
        self,
        transactions: Transactions,
        outbound: Outbound,
        *,
        prices: PriceTable,
        default_validity_seconds: int,
        max_failed_attempts: int,
    ) -> None:
        self._transactions = transactions
        self._outbound = outbound
        self._prices = prices
        self._default_validity = default_validity_seconds
        self._max_failed = max_failed_attempts

    def send(self, customer: str, body: dict[str, Any], now_ms: int) -> dict[str, Any]:
        """Generate (or take) a passcode, send it in ``template``, and keep the OTP record."""
        # The template's placeholder and a supplied passcode's digits are the spec's rules.
        template = body.get("template", DEFAULT_TEMPLATE)
        metadata = body.get("metadata")
        metadata_text = None
        if metadata is not None:
            metadata_text = metadata_json(metadata)
            size = len(metadata_text.encode())
            if size > MAX_METADATA_BYTES:
                raise bad_request(
                    f"metadata: is {size} bytes as JSON; at most {MAX_METADATA_BYTES}"
                )
        passcode = body.get("passcode")
        if passcode is None:
            passcode = self._transactions.ids.passcode(body.get("length", DEFAULT_LENGTH))
        validity = min(body.get("validity", self._default_validity), MAX_VALIDITY_SECONDS)
        message = prepare(
            {
                "sender": body.get("sender", DEFAULT_SENDER),
                "destination": body["destination"],
                "content": template.replace(PLACEHOLDER, passcode),
            },
            kind=MessageKind.OTP,
            prices=self._prices,
        )
        with self._transactions.write() as repository:
            (stored,), balance = self._outbound.send(repository, customer, [message], now_ms)
            repository.insert_otp(
                stored.messageid,
                customer,
                message.destination,
                passcode,
                validity,
                metadata_text,
                now_ms,
            )
        return send_response(stored, balance)

    def verify(self, customer: str, body: dict[str, Any], now_ms: int) -> dict[str, Any]:
        passcode = body["passcode"]
        messageid = body.get("messageid")
        error: ApiError | None = None
        with self._transactions.write() as repository:
            row = _find(repository, customer, messageid, passcode)
            found = row["messageid"]
            status = _current_status(row, now_ms)
            if status == OtpStatus.VERIFIED:
                raise conflict(
                    f"messageid: {found!r} was already verified; a passcode verifies once"
                )
            if status == OtpStatus.LOCKED:
                raise conflict(f"messageid: {found!r} is locked after too many wrong passcodes")
            if status == OtpStatus.EXPIRED:
                repository.set_otp_status(found, OtpStatus.EXPIRED)
            elif row["passcode"] != passcode:
                failures = row["failed_attempts"] + 1
                locked = failures >= self._max_failed
                repository.set_otp_status(
                    found,
                    OtpStatus.LOCKED if locked else OtpStatus(row["status"]),
                    modified_ms=now_ms,
                    failed_attempts=failures,
                )
                error = bad_request(
                    f"passcode: does not match; {self._max_failed - failures} attempt(s) left"
                )
            else:
                repository.set_otp_status(found, OtpStatus.VERIFIED, modified_ms=now_ms)
            updated = repository.otp(found, customer)
            assert updated is not None
        if error is not None:
            # Raised after the transaction so that the failed attempt is counted.
            raise error
        return record(updated, now_ms)

    def get(self, customer: str, messageid: str, now_ms: int) -> dict[str, Any]:
        with self._transactions.read() as repository:
            row = repository.otp(messageid, customer)
        if row is None:
            raise not_found(f"messageid: no OTP {messageid!r}")
        return record(row, now_ms)


def record(row: Row, now_ms: int) -> dict[str, Any]:
    """The OTP as OTPVerifyResponse. ``status``: PENDING, VERIFIED, EXPIRED or LOCKED."""
    body: dict[str, Any] = {
        "messageid": row["messageid"],
        "destination": row["destination"],
        "status": _current_status(row, now_ms),
        "passcode": row["passcode"],
        "validity": row["validity"],
        "created": iso_ms(row["created_ms"]),
        "expires": iso_ms(row["expires_ms"]),
        "modified": iso_ms(row["modified_ms"]),
    }
    if row["metadata"] is not None:
        body["metadata"] = json.loads(row["metadata"])
    return body


def _find(repository: Repository, customer: str, messageid: str | None, passcode: str) -> Row:
    if messageid is not None:
        row = repository.otp(messageid, customer)
        if row is None:
            raise not_found(f"messageid: no OTP {messageid!r}")
        return row
    # Without a messageid, the newest OTP of this customer that was sent with this passcode.
    row = repository.newest_otp_with(customer, passcode)
    if row is None:
        raise not_found("passcode: no OTP was sent with this passcode; pass its messageid")
    return row


def _current_status(row: Row, now_ms: int) -> OtpStatus:
    status = OtpStatus(row["status"])
    if status == OtpStatus.PENDING and now_ms >= row["expires_ms"]:
        return OtpStatus.EXPIRED
    return status
