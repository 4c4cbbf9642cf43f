from __future__ import annotations

import uuid

from smsworks_emulator.ids import IdSource


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
