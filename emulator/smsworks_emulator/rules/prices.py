"""What one SMS part costs, per country: the one price table behind every charge and every quote.

A send is charged ``parts x`` the price of its destination's country, and ``GET /credits/{countrycode}``
quotes that same price, so a quote is what a single-part send there costs. The UK's price is the unit of
credit, 1 per part, and covers every number of the UK's calling code +44 (Great Britain and the Crown
dependencies Guernsey, Jersey and the Isle of Man, which share its numbering plan), as the credit rule of
``rules.segments`` counts a UK number; every other country costs the table's price for it, or the price
abroad (by default the credit rule's non-UK multiplier).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from smsworks_emulator.rules.countries import country_name
from smsworks_emulator.rules.numbers import calling_code, calling_code_of_region, region_of
from smsworks_emulator.rules.segments import (
    NON_UK_MULTIPLIER,
    UK_COUNTRY_CODE,
    Segmentation,
    credits_for,
)

UK_PRICE = 1.0
"""Credits per part to a UK number: the unit the service counts credits in."""
UK_CALLING_CODE = int(UK_COUNTRY_CODE)


class PriceError(ValueError):
    """A price table that cannot be: the message names the country or the price."""


@dataclass(frozen=True)
class Quote:
    """The price of one part to a country: ``GET /credits/{countrycode}``'s answer."""

    code: str
    country: str | None
    credits: float

    def to_json(self) -> dict[str, Any]:
        """The CountryResponse; ``country`` is left out for a region with no name (AC, TA, XK)."""
        answer: dict[str, Any] = {"code": self.code, "credits": self.credits}
        if self.country is not None:
            answer["country"] = self.country
        return answer


@dataclass(frozen=True)
class PriceTable:
    """Credits per SMS part by destination country; ``abroad`` for every country not in ``countries``."""

    abroad: float = NON_UK_MULTIPLIER
    countries: Mapping[str, float] = field(default_factory=dict)
    """Per-part prices of countries by ISO 3166-1 alpha-2 code (``{"FR": 1.5}``); never a UK one."""
    _mixed_calling_codes: frozenset[int | None] = field(
        default=frozenset(), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        _check_price("the price abroad", self.abroad)
        for code, price in self.countries.items():
            calling = calling_code_of_region(code) if isinstance(code, str) else None
            if calling is None:
                raise PriceError(
                    f"country {code!r}: not the ISO 3166-1 code of a country with phone numbers"
                    " (two capital letters, e.g. FR)"
                )
            if calling == UK_CALLING_CODE:
                raise PriceError(
                    f"country {code}: its numbers are UK numbers (+44), which cost {UK_PRICE:g}"
                    " credit per part, the unit of credit"
                )
            _check_price(f"country {code}", price)
        # Calling codes whose regions do not all cost ``abroad``: only their numbers need their
        # region found (a dearer parse); every other number's price follows from its calling code.
        mixed = {calling_code_of_region(code) for code in self.countries}
        object.__setattr__(self, "_mixed_calling_codes", frozenset(mixed))

    def per_part(self, country: str) -> float | None:
        """Credits per part to ``country`` (an ISO code), or ``None`` when no number is in it."""
        calling = calling_code_of_region(country)
        if calling is None:
            return None
        if calling == UK_CALLING_CODE:
            return UK_PRICE
        return self.countries.get(country, self.abroad)

    def quote(self, country: str) -> Quote | None:
        """``GET /credits/{countrycode}``'s answer for ``country``; ``None`` when no number is in it."""
        price = self.per_part(country)
        if price is None:
            return None
        return Quote(code=country, country=country_name(country), credits=price)

    def per_part_to(self, destination: str) -> float:
        """Credits per part to ``destination`` (E.164 digits): its country's price.

        A number of no country (a calling code no region has, or a non-geographic one such as +800)
        costs the price abroad.
        """
        # Calling codes are prefix-free, so a number starting with 44 is one of +44's: the test
        # ``rules.segments.is_uk`` makes, without looking the code up.
        if destination.removeprefix("+").startswith(UK_COUNTRY_CODE):
            return UK_PRICE
        if not self._mixed_calling_codes:
            return self.abroad  # a batch's common case: no country priced apart from the rest
        code = calling_code(destination)
        if code not in self._mixed_calling_codes:
            return self.abroad
        region = region_of(destination)
        price = None if region is None else self.countries.get(region)
        return self.abroad if price is None else price

    def credits(self, segmentation: Segmentation, destination: str) -> float:
        """What sending ``segmentation`` to ``destination`` (E.164 digits) costs.

        The credit rule of ``rules.segments`` (one credit per part to a UK number, a price per part
        elsewhere), with the destination country's price as the price elsewhere.
        """
        return credits_for(
            segmentation, destination, non_uk_multiplier=self.per_part_to(destination)
        )


def _check_price(what: str, price: object) -> None:
    if (
        isinstance(price, bool)
        or not isinstance(price, int | float)
        or not math.isfinite(price)
        or price < 0
    ):
        raise PriceError(f"{what}: must be a finite number of credits >= 0, not {price!r}")


def parse_price(text: str) -> tuple[str, float]:
    """``CC=CREDITS`` (``FR=1.5``), as ``serve --price`` takes it; raises :class:`PriceError`."""
    code, equals, amount = text.partition("=")
    if not equals:
        raise PriceError(f"--price {text!r}: expected COUNTRY=CREDITS, e.g. FR=1.5")
    try:
        price = float(amount)
    except ValueError:
        raise PriceError(f"--price {text!r}: {amount!r} is not a number of credits") from None
    return code.strip(), price
