from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageResponseFailurereason")


@_attrs_define
class MessageResponseFailurereason:
    code: int | Unset = UNSET
    """ Numeric code that defines the error. Integer. """
    details: str | Unset = UNSET
    permanent: bool | Unset = UNSET
    id: str | Unset = UNSET
    identifier: str | Unset = UNSET
    keyword: str | Unset = UNSET
    messageid: str | Unset = UNSET
    modified: str | Unset = UNSET
    schedule: str | Unset = UNSET
    status: str | Unset = UNSET
    sender: str | Unset = UNSET
    tag: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        details = self.details

        permanent = self.permanent

        id = self.id

        identifier = self.identifier

        keyword = self.keyword

        messageid = self.messageid

        modified = self.modified

        schedule = self.schedule

        status = self.status

        sender = self.sender

        tag = self.tag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if details is not UNSET:
            field_dict["details"] = details
        if permanent is not UNSET:
            field_dict["permanent"] = permanent
        if id is not UNSET:
            field_dict["id"] = id
        if identifier is not UNSET:
            field_dict["identifier"] = identifier
        if keyword is not UNSET:
            field_dict["keyword"] = keyword
        if messageid is not UNSET:
            field_dict["messageid"] = messageid
        if modified is not UNSET:
            field_dict["modified"] = modified
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if status is not UNSET:
            field_dict["status"] = status
        if sender is not UNSET:
            field_dict["sender"] = sender
        if tag is not UNSET:
            field_dict["tag"] = tag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        details = d.pop("details", UNSET)

        permanent = d.pop("permanent", UNSET)

        id = d.pop("id", UNSET)

        identifier = d.pop("identifier", UNSET)

        keyword = d.pop("keyword", UNSET)

        messageid = d.pop("messageid", UNSET)

        modified = d.pop("modified", UNSET)

        schedule = d.pop("schedule", UNSET)

        status = d.pop("status", UNSET)

        sender = d.pop("sender", UNSET)

        tag = d.pop("tag", UNSET)

        message_response_failurereason = cls(
            code=code,
            details=details,
            permanent=permanent,
            id=id,
            identifier=identifier,
            keyword=keyword,
            messageid=messageid,
            modified=modified,
            schedule=schedule,
            status=status,
            sender=sender,
            tag=tag,
        )

        message_response_failurereason.additional_properties = d
        return message_response_failurereason

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
