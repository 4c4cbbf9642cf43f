"""One-time passcodes: sent as a message (and charged like one), verified once, within validity.

Verify outcomes: 200 VERIFIED the first time the right passcode comes in time; 200 EXPIRED once
``validity`` seconds have passed; 404 for an unknown OTP; 400 for a wrong passcode (each one
counts); 409 once it was verified, or after ``otp_max_failed_attempts`` wrong passcodes (locked).
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any

from smsworks_emulator.accounts import charge
from smsworks_emulator.errors import ApiError, bad_request, conflict, not_found
from smsworks_emulator.outbound import prepare, send_response, store_messages, total_price
from smsworks_emulator.records import iso

if TYPE_CHECKING:
    from smsworks_emulator.engine import Emulator

PLACEHOLDER = "{{passcode}}"
DEFAULT_TEMPLATE = "Your one-time passcode is {{passcode}}"
DEFAULT_SENDER = "OTP"
DEFAULT_LENGTH = 6
MAX_METADATA_BYTES = 1024
MAX_PASSCODE_CHARACTERS = 20
MAX_VALIDITY_SECONDS = 100 * 366 * 24 * 3600
"""The spec sets no maximum; longer validities are valid and taken as a century (keeps the
arithmetic inside SQLite's integers)."""


def metadata_json(metadata: object) -> str:
    """OTP metadata as stored and measured against :data:`MAX_METADATA_BYTES` (compact JSON)."""
    return json.dumps(metadata, separators=(",", ":"))


def send(emu: Emulator, customer: str, body: dict[str, Any], now_ms: int) -> dict[str, Any]:
    """Generate (or take) a passcode, send it in ``template``, and keep the OTP record."""
    template = body.get("template", DEFAULT_TEMPLATE)
    if PLACEHOLDER not in template:
        raise bad_request(f"template: must contain the placeholder {PLACEHOLDER}")
    metadata = body.get("metadata")
    metadata_text = None
    if metadata is not None:
        metadata_text = metadata_json(metadata)
        size = len(metadata_text.encode())
        if size > MAX_METADATA_BYTES:
            raise bad_request(f"metadata: is {size} bytes as JSON; at most {MAX_METADATA_BYTES}")
    passcode = body.get("passcode")
    if passcode is None:
        passcode = emu.ids.passcode(body.get("length", DEFAULT_LENGTH))
    elif not passcode or len(passcode) > MAX_PASSCODE_CHARACTERS or not passcode.isalnum():
        raise bad_request(f"passcode: must be 1 to {MAX_PASSCODE_CHARACTERS} letters or digits")
    validity = min(
        body.get("validity", emu.settings.otp_default_validity_seconds), MAX_VALIDITY_SECONDS
    )
    message = prepare(
        {
            "sender": body.get("sender", DEFAULT_SENDER),
            "destination": body["destination"],
            "content": template.replace(PLACEHOLDER, passcode),
        },
        kind="otp",
        non_uk_multiplier=emu.settings.non_uk_multiplier,
    )
    with emu.write() as conn:
        balance = charge(conn, customer, total_price([message]))
        (stored,) = store_messages(emu, conn, customer, [message], now_ms)
        conn.execute(
            "INSERT INTO otps (messageid, customer_id, destination, passcode, validity, metadata, status, "
            "created_ms, expires_ms, modified_ms) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)",
            (stored.messageid, customer, message.destination, passcode, validity, metadata_text,
             now_ms, now_ms + validity * 1000, now_ms),
        )  # fmt: skip
    return send_response(stored, balance)


def verify(emu: Emulator, customer: str, body: dict[str, Any], now_ms: int) -> dict[str, Any]:
    passcode = body["passcode"]
    messageid = body.get("messageid")
    error: ApiError | None = None
    with emu.write() as conn:
        row = _find(conn, customer, messageid, passcode)
        status = _current_status(row, now_ms)
        if status == "VERIFIED":
            raise conflict(
                f"messageid: {row['messageid']!r} was already verified; a passcode verifies once"
            )
        if status == "LOCKED":
            raise conflict(
                f"messageid: {row['messageid']!r} is locked after too many wrong passcodes"
            )
        if status == "EXPIRED":
            conn.execute(
                "UPDATE otps SET status = 'EXPIRED' WHERE messageid = ?", (row["messageid"],)
            )
        elif row["passcode"] != passcode:
            failures = row["failed_attempts"] + 1
            locked = failures >= emu.settings.otp_max_failed_attempts
            conn.execute(
                "UPDATE otps SET failed_attempts = ?, status = ?, modified_ms = ? WHERE messageid = ?",
                (failures, "LOCKED" if locked else row["status"], now_ms, row["messageid"]),
            )
            error = bad_request(
                f"passcode: does not match; {emu.settings.otp_max_failed_attempts - failures} attempt(s) left"
            )
        else:
            conn.execute(
                "UPDATE otps SET status = 'VERIFIED', modified_ms = ? WHERE messageid = ?",
                (now_ms, row["messageid"]),
            )
        updated = conn.execute(
            "SELECT * FROM otps WHERE messageid = ?", (row["messageid"],)
        ).fetchone()
    if error is not None:
        # Raised after the transaction so that the failed attempt is counted.
        raise error
    return record(updated, now_ms)


def get(emu: Emulator, customer: str, messageid: str, now_ms: int) -> dict[str, Any]:
    with emu.store.lock:
        row = (
            emu.store.read()
            .execute(
                "SELECT * FROM otps WHERE messageid = ? AND customer_id = ?", (messageid, customer)
            )
            .fetchone()
        )
    if row is None:
        raise not_found(f"messageid: no OTP {messageid!r}")
    return record(row, now_ms)


def record(row: sqlite3.Row, now_ms: int) -> dict[str, Any]:
    """The OTP as OTPVerifyResponse. ``status``: PENDING, VERIFIED, EXPIRED or LOCKED."""
    body: dict[str, Any] = {
        "messageid": row["messageid"],
        "destination": row["destination"],
        "status": _current_status(row, now_ms),
        "passcode": row["passcode"],
        "validity": row["validity"],
        "created": iso(row["created_ms"]),
        "expires": iso(row["expires_ms"]),
        "modified": iso(row["modified_ms"]),
    }
    if row["metadata"] is not None:
        body["metadata"] = json.loads(row["metadata"])
    return body


def _find(
    conn: sqlite3.Connection, customer: str, messageid: str | None, passcode: str
) -> sqlite3.Row:
    if messageid is not None:
        row = conn.execute(
            "SELECT * FROM otps WHERE messageid = ? AND customer_id = ?", (messageid, customer)
        ).fetchone()
        if row is None:
            raise not_found(f"messageid: no OTP {messageid!r}")
        return row  # type: ignore[no-any-return]
    # Without a messageid, the newest OTP of this customer that was sent with this passcode.
    row = conn.execute(
        "SELECT * FROM otps WHERE customer_id = ? AND passcode = ? ORDER BY created_ms DESC, rowid DESC LIMIT 1",
        (customer, passcode),
    ).fetchone()
    if row is None:
        raise not_found("passcode: no OTP was sent with this passcode; pass its messageid")
    return row  # type: ignore[no-any-return]


def _current_status(row: sqlite3.Row, now_ms: int) -> str:
    status = str(row["status"])
    if status == "PENDING" and now_ms >= row["expires_ms"]:
        return "EXPIRED"
    return status
