"""hypothesis strategies for what a user sends: contents, destinations, senders, tags, metadata."""

from __future__ import annotations

from hypothesis import strategies as st

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
