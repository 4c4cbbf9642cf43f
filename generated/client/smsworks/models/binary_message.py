from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meta_data import MetaData


T = TypeVar("T", bound="BinaryMessage")


@_attrs_define
class BinaryMessage:
    """A binary SMS message; content is the octets to send, written as pairs of hex digits."""

    sender: str
    """ The sender of the message. Should be no longer than 11 characters for alphanumeric or 15 characters for
    numeric sender ID's. No spaces or special characters. """
    destination: str
    """ Telephone number of the recipient """
    content: str
    """ The octets to send as hex digits, two per octet (e.g. 48656c6c6f), at most 1280 digits. """
    deliveryreporturl: str | Unset = UNSET
    """ The url to which we should POST delivery reports to for this message. If none is specified, we'll use the
    global delivery report URL that you've configured on your account page. """
    schedule: str | Unset = UNSET
    """ Date at which to send the message. This is only used by the message/schedule service and can be left empty
    for other services. """
    tag: str | Unset = UNSET
    """ An identifying label for the message, which you can use to filter and report on messages you've sent later.
    Ideal for campaigns. A maximum of 280 characters. """
    ttl: int | Unset = UNSET
    """ The optional number of minutes before the delivery report is deleted. Optional. Omit to prevent delivery
    report deletion. Integer. """
    responseemail: list[str] | Unset = UNSET
    """ An optional list of email addresses to forward responses to this specific message to. An SMS Works Reply
    Number is required to use this feature. """
    metadata: list[MetaData] | Unset = UNSET
    """ Key/value pairs stored with the message and returned when it is read back. """
    validity: int | Unset = 2880
    """ The optional number of minutes to attempt delivery before the message is marked as EXPIRED. Optional. The
    default is 2880 minutes. Integer. """
    ai: bool | Unset = UNSET
    """ Used to determine whether The SMS Works AI Optimiser should be used in the event that the message is just
    longer than the 1 or 2 credit boundary. This setting overrides the AI Optimiser configuration on your SMS Works
    account. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sender = self.sender

        destination = self.destination

        content = self.content

        deliveryreporturl = self.deliveryreporturl

        schedule = self.schedule

        tag = self.tag

        ttl = self.ttl

        responseemail: list[str] | Unset = UNSET
        if not isinstance(self.responseemail, Unset):
            responseemail = self.responseemail

        metadata: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = []
            for metadata_item_data in self.metadata:
                metadata_item = metadata_item_data.to_dict()
                metadata.append(metadata_item)

        validity = self.validity

        ai = self.ai

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sender": sender,
                "destination": destination,
                "content": content,
            }
        )
        if deliveryreporturl is not UNSET:
            field_dict["deliveryreporturl"] = deliveryreporturl
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if tag is not UNSET:
            field_dict["tag"] = tag
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if responseemail is not UNSET:
            field_dict["responseemail"] = responseemail
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if validity is not UNSET:
            field_dict["validity"] = validity
        if ai is not UNSET:
            field_dict["ai"] = ai

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meta_data import MetaData  # noqa: PLC0415

        d = dict(src_dict)
        sender = d.pop("sender")

        destination = d.pop("destination")

        content = d.pop("content")

        deliveryreporturl = d.pop("deliveryreporturl", UNSET)

        schedule = d.pop("schedule", UNSET)

        tag = d.pop("tag", UNSET)

        ttl = d.pop("ttl", UNSET)

        responseemail = cast(list[str], d.pop("responseemail", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: list[MetaData] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = MetaData.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        validity = d.pop("validity", UNSET)

        ai = d.pop("ai", UNSET)

        binary_message = cls(
            sender=sender,
            destination=destination,
            content=content,
            deliveryreporturl=deliveryreporturl,
            schedule=schedule,
            tag=tag,
            ttl=ttl,
            responseemail=responseemail,
            metadata=metadata,
            validity=validity,
            ai=ai,
        )

        binary_message.additional_properties = d
        return binary_message

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
