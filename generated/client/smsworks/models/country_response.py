from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CountryResponse")


@_attrs_define
class CountryResponse:
    credits_: float
    """ The number of credits one SMS part sent to this country costs. Floating point number: some countries cost
    fractional credits. """
    code: str | Unset = UNSET
    """ The country code given in the request. """
    country: str | Unset = UNSET
    """ The name of the country. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        credits_ = self.credits_

        code = self.code

        country = self.country

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "credits": credits_,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if country is not UNSET:
            field_dict["country"] = country

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        credits_ = d.pop("credits")

        code = d.pop("code", UNSET)

        country = d.pop("country", UNSET)

        country_response = cls(
            credits_=credits_,
            code=code,
            country=country,
        )

        country_response.additional_properties = d
        return country_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

    @property
    def credits(self) -> float:
        """The spec's name for ``credits_``."""
        return self.credits_
