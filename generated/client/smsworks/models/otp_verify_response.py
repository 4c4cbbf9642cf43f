from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.otp_verify_response_metadata import OTPVerifyResponseMetadata


T = TypeVar("T", bound="OTPVerifyResponse")


@_attrs_define
class OTPVerifyResponse:
    """Response schema for the /otp/verify method"""

    destination: str | Unset = UNSET
    """ The mobile number that the OTP was sent to """
    status: str | Unset = UNSET
    """ The status of the OTP. If the passcode is used within the validity period then this will be 'VERIFIED',
    otherwise it will be 'EXPIRED' """
    passcode: str | Unset = UNSET
    """ The passcode used. """
    validity: int | Unset = UNSET
    """ The length of time in seconds for which the generated passcode is valid. """
    metadata: OTPVerifyResponseMetadata | Unset = UNSET
    """ A JSON object storing data supplied when this passcode was generated, for use in your application. """
    created: str | Unset = UNSET
    """ The ISO 8601 date/time at which this OTP was created """
    expires: str | Unset = UNSET
    """ The ISO 8601 date/time at which this OTP expires """
    modified: str | Unset = UNSET
    """ The ISO 8601 date/time at which this OTP was modified (typically when it was verified) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        destination = self.destination

        status = self.status

        passcode = self.passcode

        validity = self.validity

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        created = self.created

        expires = self.expires

        modified = self.modified

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if destination is not UNSET:
            field_dict["destination"] = destination
        if status is not UNSET:
            field_dict["status"] = status
        if passcode is not UNSET:
            field_dict["passcode"] = passcode
        if validity is not UNSET:
            field_dict["validity"] = validity
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if created is not UNSET:
            field_dict["created"] = created
        if expires is not UNSET:
            field_dict["expires"] = expires
        if modified is not UNSET:
            field_dict["modified"] = modified

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.otp_verify_response_metadata import OTPVerifyResponseMetadata  # noqa: PLC0415

        d = dict(src_dict)
        destination = d.pop("destination", UNSET)

        status = d.pop("status", UNSET)

        passcode = d.pop("passcode", UNSET)

        validity = d.pop("validity", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: OTPVerifyResponseMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = OTPVerifyResponseMetadata.from_dict(_metadata)

        created = d.pop("created", UNSET)

        expires = d.pop("expires", UNSET)

        modified = d.pop("modified", UNSET)

        otp_verify_response = cls(
            destination=destination,
            status=status,
            passcode=passcode,
            validity=validity,
            metadata=metadata,
            created=created,
            expires=expires,
            modified=modified,
        )

        otp_verify_response.additional_properties = d
        return otp_verify_response

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
