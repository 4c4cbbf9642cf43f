from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OTPResponse")


@_attrs_define
class OTPResponse:
    """Response schema for the /otp/send method"""

    messageid: str | Unset = UNSET
    """ The messageid of the SMS used to send the OTP. Save this in your application to use when verifying
    passcodes. """
    status: str | Unset = UNSET
    """ The initial status of the OTP message. """
    credits_: float | Unset = UNSET
    """ The credit balance on your account """
    credits_used: float | Unset = UNSET
    """ The number of credits used to send this message """
    messageparts: int | Unset = UNSET
    """ The number of message parts used to send this message """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        messageid = self.messageid

        status = self.status

        credits_ = self.credits_

        credits_used = self.credits_used

        messageparts = self.messageparts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if messageid is not UNSET:
            field_dict["messageid"] = messageid
        if status is not UNSET:
            field_dict["status"] = status
        if credits_ is not UNSET:
            field_dict["credits"] = credits_
        if credits_used is not UNSET:
            field_dict["creditsUsed"] = credits_used
        if messageparts is not UNSET:
            field_dict["messageparts"] = messageparts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        messageid = d.pop("messageid", UNSET)

        status = d.pop("status", UNSET)

        credits_ = d.pop("credits", UNSET)

        credits_used = d.pop("creditsUsed", UNSET)

        messageparts = d.pop("messageparts", UNSET)

        otp_response = cls(
            messageid=messageid,
            status=status,
            credits_=credits_,
            credits_used=credits_used,
            messageparts=messageparts,
        )

        otp_response.additional_properties = d
        return otp_response

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
    def credits(self) -> float | Unset:
        """The spec's name for ``credits_``."""
        return self.credits_
