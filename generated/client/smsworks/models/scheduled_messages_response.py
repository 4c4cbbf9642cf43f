from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scheduled_message import ScheduledMessage


T = TypeVar("T", bound="ScheduledMessagesResponse")


@_attrs_define
class ScheduledMessagesResponse:
    """details of a message scheduled to be sent at a specified date and time"""

    status: str | Unset = UNSET
    """ The status of the scheduled message (either 'SCHEDULED', 'PROCESSED' or 'CANCELLED') """
    id: str | Unset = UNSET
    """ The scheduled message ID """
    batch: bool | Unset = UNSET
    """ Describes whether a batch of messages has been scheduled, or just a single message """
    message: ScheduledMessage | Unset = UNSET
    """ the scheduled message content """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        id = self.id

        batch = self.batch

        message: dict[str, Any] | Unset = UNSET
        if not isinstance(self.message, Unset):
            message = self.message.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if id is not UNSET:
            field_dict["id"] = id
        if batch is not UNSET:
            field_dict["batch"] = batch
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scheduled_message import ScheduledMessage  # noqa: PLC0415

        d = dict(src_dict)
        status = d.pop("status", UNSET)

        id = d.pop("id", UNSET)

        batch = d.pop("batch", UNSET)

        _message = d.pop("message", UNSET)
        message: ScheduledMessage | Unset
        if isinstance(_message, Unset):
            message = UNSET
        else:
            message = ScheduledMessage.from_dict(_message)

        scheduled_messages_response = cls(
            status=status,
            id=id,
            batch=batch,
            message=message,
        )

        scheduled_messages_response.additional_properties = d
        return scheduled_messages_response

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
