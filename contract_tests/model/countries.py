"""Countries the model asks the price of, with a number in each: docs/emulator.md's "Prices per country".

The numbers are ordinary (none of the forced outcomes), each written in its country's own numbering
plan; the country codes that name no country are ISO 3166-1's user-assigned ones, which no standard
gives to a country.
"""

from __future__ import annotations

import re

COUNTRY_NUMBERS = {
    "GB": "447712345678",
    "JE": "447797712345",
    "FR": "33612345678",
    "DE": "4915123456789",
    "US": "12025550123",
}
"""A country and a number in it: Jersey is a Crown dependency on the UK's +44 plan."""
NOT_COUNTRIES = ("AA", "QZ", "ZZ")
"""Well-formed codes of no country (user-assigned in ISO 3166-1): 404."""
MALFORMED = ("gb", "GBR", "G", "G1")
"""Not two capital letters, the spec's pattern for ``countrycode``: 400."""
COUNTRY_CODE = re.compile(r"[A-Z]{2}")
"""The patched spec's pattern for ``countrycode`` (overlays/15-credits-by-country.yaml)."""
