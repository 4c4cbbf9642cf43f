"""The oracle itself, against prices worked out by hand from the standards' figures."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from contract_tests.pricing import (
    GSM_BASIC,
    GSM_BASIC_ROWS,
    GSM_EXTENSION,
    Reading,
    TooLong,
    charge_after_final_status,
    count_parts,
    encoding_of,
    is_uk,
    price,
    readings_differ,
)

UK = "447712345678"
FRANCE = "33612345678"
VENDOR = Reading.VENDOR_PAGE


def test_the_tables_have_the_standards_sizes() -> None:
    # 128 codes minus ESC; rows of 16 except the one that holds ESC.
    assert [len(row) for row in GSM_BASIC_ROWS] == [16, 15, 16, 16, 16, 16, 16, 16]
    assert len(GSM_BASIC) == 127
    assert frozenset("\f^{}\\[~]|€") == GSM_EXTENSION
    assert not GSM_BASIC & GSM_EXTENSION


@pytest.mark.parametrize(
    ("character", "encoding"),
    [
        ("Ç", "GSM-7"),
        ("ç", "UCS-2"),
        ("`", "UCS-2"),
        ("€", "GSM-7"),
        ("\f", "GSM-7"),
        ("ж", "UCS-2"),
    ],
)
def test_which_characters_force_ucs2(character: str, encoding: str) -> None:
    assert encoding_of("abc" + character) == encoding


@pytest.mark.parametrize(
    ("content", "parts"),
    [
        ("a", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("a" * 459, 3),
        ("a" * 460, 4),
        ("€" * 80, 1),  # 160 septets
        ("€" * 80 + "a", 2),  # 161 septets: 76 euros (152) | 4 euros and the a (9)
        ("a" * 159 + "€", 2),  # 161 septets
        # 306 septets, but the euro does not fit after 152 a's: 152 | 2 + 151 | 1
        ("a" * 152 + "€" + "a" * 152, 3),
        ("a" * 153 + "€" + "a" * 151, 2),  # 153 | 2 + 151
        ("a" * 1280, 9),  # 1280 / 153 = 8.4
    ],
)
def test_gsm_parts(content: str, parts: int) -> None:
    assert encoding_of(content) == "GSM-7"
    assert count_parts(content) == parts
    assert count_parts(content, VENDOR) == parts  # the readings only differ for UCS-2


@pytest.mark.parametrize(
    ("content", "three_gpp", "vendor_page"),
    [
        ("ж", 1, 1),
        ("ж" * 70, 1, 1),
        ("ж" * 71, 2, 2),
        ("a" * 69 + "ж", 1, 1),  # one Cyrillic letter makes all 70 UCS-2
        ("a" * 70 + "ж", 2, 2),
        ("ж" * 134, 2, 2),
        ("ж" * 135, 3, 2),  # 67 + 67 + 1 against 70 + 65
        ("ж" * 140, 3, 2),
        ("ж" * 141, 3, 3),
        ("😀" * 35, 1, 1),  # 70 UTF-16 units
        ("😀" * 35 + "a", 2, 2),
        ("ж" * 66 + "😀" + "ж" * 5, 2, 2),  # the pair starts part two: 66 | 2 + 5
        ("ж" * 66 + "😀" + "ж" * 66, 3, 2),  # 134 units, yet 66 | 2 + 65 | 1
        ("ж" * 1280, 20, 19),  # 1280 / 67 = 19.1; 1280 / 70 = 18.3
    ],
)
def test_ucs2_parts_under_both_readings(content: str, three_gpp: int, vendor_page: int) -> None:
    assert encoding_of(content) == "UCS-2"
    assert count_parts(content) == three_gpp
    assert count_parts(content, VENDOR) == vendor_page
    assert readings_differ(content) == (three_gpp != vendor_page)


def test_units_count_utf16_code_units_and_escape_septets() -> None:
    assert price("😀ж", UK).units == 3
    assert price("a€\f", UK).units == 5


def test_the_1280_character_cap() -> None:
    assert count_parts("a" * 1280) == 9
    with pytest.raises(TooLong, match="1281 characters"):
        count_parts("a" * 1281)
    with pytest.raises(TooLong):
        count_parts("😀" * 1281)
    assert (
        count_parts("😀" * 640) == 20
    )  # 1280 units, 640 characters: 19 parts of 67 hold 33 pairs each


@pytest.mark.parametrize(
    ("destination", "uk"),
    [
        (UK, True),
        ("+447712345678", True),
        ("00447712345678", True),
        (FRANCE, False),
        ("14155550123", False),
    ],
)
def test_uk_is_country_code_44(destination: str, uk: bool) -> None:
    assert is_uk(destination) == uk


def test_credits_are_parts_times_the_destination_rate() -> None:
    assert price("a" * 161, UK).credits == 2.0
    assert price("a" * 161, FRANCE).credits == 4.0
    assert price("ж" * 135, FRANCE).credits == 6.0
    assert price("ж" * 135, FRANCE, reading=VENDOR).credits == 4.0
    assert price("hi", FRANCE, non_uk_multiplier=3.5).credits == 3.5


@pytest.mark.parametrize(
    ("status", "destination", "kept"),
    [
        ("DELIVERED", UK, 2.0),
        ("DELIVERED", FRANCE, 2.0),
        ("UNDELIVERABLE", UK, 0.0),
        ("EXPIRED", UK, 0.0),
        ("UNDELIVERABLE", FRANCE, 2.0),
        ("EXPIRED", FRANCE, 2.0),
        ("REJECTED", UK, 0.0),
        ("REJECTED", FRANCE, 0.0),
    ],
)
def test_the_refund_rule(status: str, destination: str, kept: float) -> None:
    assert charge_after_final_status(status, destination, 2.0) == kept


def test_a_status_that_is_not_final_has_no_charge_yet() -> None:
    with pytest.raises(ValueError, match="not final"):
        charge_after_final_status("SENT", UK, 1.0)


SUITE = Path(__file__).resolve().parent
ORACLES = ("pricing.py", *sorted(f"model/{path.name}" for path in (SUITE / "model").glob("*.py")))
"""The pricing oracle and the reference model: written from the docs, never from the emulator."""
CLIENT_ALLOWED = frozenset({"model/driver.py"})
"""The model's one module that calls the service does so through the generated client."""


def _imports(relative: str) -> set[str]:
    source = (SUITE / relative).read_text(encoding="utf-8")
    imported: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    return imported


def _module_file(module: str) -> str | None:
    """``contract_tests.x.y`` as a path under the suite, when it is one of its modules."""
    if not module.startswith("contract_tests."):
        return None
    stem = module.removeprefix("contract_tests.").replace(".", "/")
    for candidate in (f"{stem}.py", f"{stem}/__init__.py"):
        if (SUITE / candidate).is_file():
            return candidate
    return None


@pytest.mark.parametrize("oracle", ORACLES)
def test_the_oracle_shares_no_code_with_what_it_checks(oracle: str) -> None:
    # Followed through the suite's own modules, so no helper can carry the emulator's code in.
    forbidden = (
        ("smsworks_emulator",) if oracle in CLIENT_ALLOWED else ("smsworks", "smsworks_emulator")
    )
    seen: set[str] = set()
    pending = [oracle]
    reached: set[str] = set()
    while pending:  # bounded: each module of the suite is read once
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for module in _imports(current):
            if module.split(".")[0] in forbidden:
                reached.add(f"{current} imports {module}")
            inner = _module_file(module)
            if inner is not None:
                pending.append(inner)
    assert not reached, f"{oracle} reaches {sorted(reached)}"
