"""hypothesis strategies for what a user sends: contents, destinations, senders, tags, metadata."""

from __future__ import annotations

from hypothesis import strategies as st

from contract_tests import pricing
from smsworks.models import MetaData

# The GSM 03.38 basic set (7-bit, one unit) and its extension (two units), per the segment rules.
GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = "^{}\\[~]|€"
# A few characters outside GSM 03.38 that force UCS-2, including one outside the BMP.
UCS2_ONLY = "ąłżЖ中😀"

gsm_content = st.text(alphabet=GSM_BASIC + GSM_EXTENSION, min_size=1, max_size=480)
ucs2_content = st.text(alphabet=GSM_BASIC + UCS2_ONLY, min_size=1, max_size=240)
# Visible, trimmed text, so what is read back can be compared exactly.
content = st.one_of(gsm_content, ucs2_content).filter(lambda text: text.strip() == text)

# Unit counts at which the number of parts changes: one part, two, many (and the 1280 cap).
GSM_EDGES = (1, 160, 161, 306, 307, 459, 460, 1280)
UCS2_EDGES = (1, 70, 71, 134, 135, 140, 141, 201, 202)
_ONE_UNIT_GSM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?@£$"
_ONE_UNIT_UCS2 = "жщюąłż中"
_TWO_UNITS_UCS2 = "😀🎉𝄞"


@st.composite
def content_near_part_edges(draw: st.DrawFn) -> str:
    """Content of a drawn encoding whose units land on, or next to, a part boundary.

    Two-unit characters (GSM extension characters, UTF-16 surrogate pairs) sit at drawn unit
    offsets, so some straddle a part boundary and must start the next part.
    """
    gsm = draw(st.booleans())
    edge = draw(st.sampled_from(GSM_EDGES if gsm else UCS2_EDGES))
    units = max(1, edge + draw(st.integers(min_value=-2, max_value=1)))
    one = _ONE_UNIT_GSM if gsm else _ONE_UNIT_UCS2 + _ONE_UNIT_GSM
    two = draw(st.sampled_from(sorted(GSM_EXTENSION) if gsm else _TWO_UNITS_UCS2))
    wide_at = set(
        draw(st.lists(st.integers(min_value=0, max_value=units - 1), max_size=12))
        if units > 1
        else []
    )
    shift = draw(st.integers(min_value=0, max_value=len(one) - 1))
    # UCS-2 starts with a character GSM-7 does not have, so the whole message is UCS-2.
    characters = [] if gsm else [_ONE_UNIT_UCS2[shift % len(_ONE_UNIT_UCS2)]]
    used = len(characters)
    for position in range(units):
        if used >= units or len(characters) >= pricing.MAX_CHARACTERS:
            break
        if position in wide_at and units - used >= 2:
            characters.append(two)
            used += 2
        else:
            characters.append(one[(position + shift) % len(one)])
            used += 1
    return "".join(characters)


# Contents whose price a wrong count gets wrong, run at every depth (hand-computed in test_pricing).
PART_EDGE_EXAMPLES = (
    "a" * 160,
    "a" * 161,
    "a" * 306,
    "a" * 307,
    "€" * 80 + "a",
    "a" * 152 + "€" + "a" * 152,
    "a" * 1280,
    "ж" * 70,
    "ж" * 71,
    "ж" * 134,
    "ж" * 135,
    "ж" * 66 + "😀" + "ж" * 66,
    "😀" * 640,
)

# UK mobiles outside 07700 900xxx (the emulator's forced-outcome range), and a few countries.
uk_mobile = (
    st.integers(min_value=0, max_value=99_999_999)
    .map(lambda n: f"4477{n:08d}")
    .filter(lambda number: not number.startswith("447700900"))
)
foreign_mobile = st.sampled_from(["33612345678", "4915123456789", "14155550123", "61412345678"])
destination = st.one_of(uk_mobile, uk_mobile, foreign_mobile)

sender = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    min_size=1,
    max_size=11,
).filter(lambda text: not text.isdigit())

tag = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=40)

_meta_text = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 -", min_size=1, max_size=20
)
metadata = st.lists(
    st.builds(MetaData, key=_meta_text, value=_meta_text),
    max_size=4,
    unique_by=lambda item: item.key,
)
