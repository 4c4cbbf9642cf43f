from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.otp_metadata import OTPMetadata


T = TypeVar("T", bound="OTP")


@_attrs_define
class OTP:
    """Parameters for the generation and sending of One-Time Passwords"""

    destination: str
    """ The phone number of the recipient. """
    sender: str | Unset = UNSET
    """ The sender of the message. Should be no longer than 11 characters for alphanumeric or 15 characters for
    numeric sender ID's. No spaces or special characters. """
    length: int | Unset = 6
    """ The length of the generated passcode. The default length is 6 characters, which will apply if this parameter
    is omitted. All generated passcodes are numeric. Optional. """
    template: str | Unset = UNSET
    """ A template to use as the content for the message. You must include the '{{passcode}}' placeholder, which
    will be replaced by the generated passcode when the message is sent. Optional. """
    validity: int | Unset = UNSET
    """ The length of time in seconds for which the generated passcode should be valid. Optional. """
    passcode: str | Unset = UNSET
    """ A passcode you supply for use in the message template. This will be stored on the OTP record in our system
    for later verification. Optional. """
    metadata: OTPMetadata | Unset = UNSET
    """ A JSON object of no longer than 1024 bytes, containing as many parameters as you wish, to store data for use
    in your application. This will be returned when you verify the passcode. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        destination = self.destination

        sender = self.sender

        length = self.length

        template = self.template

        validity = self.validity

        passcode = self.passcode

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "destination": destination,
            }
        )
        if sender is not UNSET:
            field_dict["sender"] = sender
        if length is not UNSET:
            field_dict["length"] = length
        if template is not UNSET:
            field_dict["template"] = template
        if validity is not UNSET:
            field_dict["validity"] = validity
        if passcode is not UNSET:
            field_dict["passcode"] = passcode
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.otp_metadata import OTPMetadata  # noqa: PLC0415

        d = dict(src_dict)
        destination = d.pop("destination")

        sender = d.pop("sender", UNSET)

        length = d.pop("length", UNSET)

        template = d.pop("template", UNSET)

        validity = d.pop("validity", UNSET)

        passcode = d.pop("passcode", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: OTPMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = OTPMetadata.from_dict(_metadata)

        otp = cls(
            destination=destination,
            sender=sender,
            length=length,
            template=template,
            validity=validity,
            passcode=passcode,
            metadata=metadata,
        )

        otp.additional_properties = d
        return otp

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
