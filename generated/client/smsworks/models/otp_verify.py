from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OTPVerify")


@_attrs_define
class OTPVerify:
    """Schema for the /otp/verify method"""

    passcode: str
    """ One-Time Passcode submitted to your application """
    messageid: str | Unset = UNSET
    """ The messageid returned by POST /otp/send for the passcode being verified. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        passcode = self.passcode

        messageid = self.messageid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "passcode": passcode,
            }
        )
        if messageid is not UNSET:
            field_dict["messageid"] = messageid

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        passcode = d.pop("passcode")

        messageid = d.pop("messageid", UNSET)

        otp_verify = cls(
            passcode=passcode,
            messageid=messageid,
        )

        otp_verify.additional_properties = d
        return otp_verify

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
