from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ScheduledMessage")


@_attrs_define
class ScheduledMessage:
    """the scheduled message content"""

    sender: str | Unset = UNSET
    """ The sender of the message. Should be no longer than 11 characters for alphanumeric or 15 characters for
    numeric sender ID's. No spaces or special characters. """
    content: str | Unset = UNSET
    """ Message to be sent to the recipient """
    destination: str | Unset = UNSET
    """ For single scheduled messages, the mobile number of the recipient """
    destinations: list[str] | Unset = UNSET
    """ For batch messages, the mobile numbers of each of the recipients """
    schedule: str | Unset = UNSET
    """ Date-time at which to send the batch. This is only used by the batch/schedule service. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sender = self.sender

        content = self.content

        destination = self.destination

        destinations: list[str] | Unset = UNSET
        if not isinstance(self.destinations, Unset):
            destinations = self.destinations

        schedule = self.schedule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if sender is not UNSET:
            field_dict["sender"] = sender
        if content is not UNSET:
            field_dict["content"] = content
        if destination is not UNSET:
            field_dict["destination"] = destination
        if destinations is not UNSET:
            field_dict["destinations"] = destinations
        if schedule is not UNSET:
            field_dict["schedule"] = schedule

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sender = d.pop("sender", UNSET)

        content = d.pop("content", UNSET)

        destination = d.pop("destination", UNSET)

        destinations = cast(list[str], d.pop("destinations", UNSET))

        schedule = d.pop("schedule", UNSET)

        scheduled_message = cls(
            sender=sender,
            content=content,
            destination=destination,
            destinations=destinations,
            schedule=schedule,
        )

        scheduled_message.additional_properties = d
        return scheduled_message

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
