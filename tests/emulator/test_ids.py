from __future__ import annotations

import hashlib
import uuid

from smsworks_emulator.rules.ids import IdSource


def test_seeded_ids_repeat_and_continue_from_a_saved_counter() -> None:
    first = IdSource(seed=7)
    ids = [first.new_id() for _ in range(3)]
    assert [IdSource(seed=7).new_id() for _ in range(1)] == ids[:1]
    resumed = IdSource(seed=7, start=2)
    assert resumed.new_id() == ids[2]
    assert len(set(ids)) == 3


def test_ids_are_uuid4_shaped() -> None:
    for source in (IdSource(seed=None), IdSource(seed=1)):
        parsed = uuid.UUID(source.new_id())
        assert parsed.version == 4


def test_passcodes_are_numeric_of_the_requested_length() -> None:
    source = IdSource(seed=None)
    for length in (4, 6, 10):
        code = source.passcode(length)
        assert len(code) == length
        assert code.isdigit()
    assert IdSource(seed=3).passcode(6) == IdSource(seed=3).passcode(6)


def test_seeded_ids_are_the_uuid4_of_the_seeds_hash() -> None:
    # Ids a seeded run handed out stay the same across versions of the emulator.
    source = IdSource(seed=7)
    for n in range(1, 50):
        digest = hashlib.sha256(f"7:{n}".encode()).digest()[:16]
        assert source.new_id() == str(uuid.UUID(bytes=digest, version=4))
