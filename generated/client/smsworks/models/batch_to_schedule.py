from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BatchToSchedule")


@_attrs_define
class BatchToSchedule:
    """A batch to send later, at its schedule."""

    sender: str
    """ The sender of the message. Should be no longer than 11 characters for alphanumeric or 15 characters for
    numeric sender ID's. No spaces or special characters. """
    destinations: list[str]
    """ Telephone numbers of each of the recipients """
    content: str
    """ Message to send to the recipient """
    schedule: str
    """ Date-time at which to send the batch. This is only used by the batch/schedule service. """
    deliveryreporturl: str | Unset = UNSET
    """ The url to which we should POST delivery reports to for this message. If none is specified, we'll use the
    global delivery report URL that you've configured on your account page. """
    tag: str | Unset = UNSET
    """ An identifying label for the message, which you can use to filter and report on messages you've sent later.
    Ideal for campaigns. A maximum of 280 characters. """
    ttl: int | Unset = UNSET
    """ The number of minutes before the delivery report is deleted. Optional. Omit to prevent delivery report
    deletion. Integer. """
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

        destinations = self.destinations

        content = self.content

        schedule = self.schedule

        deliveryreporturl = self.deliveryreporturl

        tag = self.tag

        ttl = self.ttl

        validity = self.validity

        ai = self.ai

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sender": sender,
                "destinations": destinations,
                "content": content,
                "schedule": schedule,
            }
        )
        if deliveryreporturl is not UNSET:
            field_dict["deliveryreporturl"] = deliveryreporturl
        if tag is not UNSET:
            field_dict["tag"] = tag
        if ttl is not UNSET:
            field_dict["ttl"] = ttl
        if validity is not UNSET:
            field_dict["validity"] = validity
        if ai is not UNSET:
            field_dict["ai"] = ai

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sender = d.pop("sender")

        destinations = cast(list[str], d.pop("destinations"))

        content = d.pop("content")

        schedule = d.pop("schedule")

        deliveryreporturl = d.pop("deliveryreporturl", UNSET)

        tag = d.pop("tag", UNSET)

        ttl = d.pop("ttl", UNSET)

        validity = d.pop("validity", UNSET)

        ai = d.pop("ai", UNSET)

        batch_to_schedule = cls(
            sender=sender,
            destinations=destinations,
            content=content,
            schedule=schedule,
            deliveryreporturl=deliveryreporturl,
            tag=tag,
            ttl=ttl,
            validity=validity,
            ai=ai,
        )

        batch_to_schedule.additional_properties = d
        return batch_to_schedule

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
