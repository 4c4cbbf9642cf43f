from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.message_response_failurereason import MessageResponseFailurereason
    from ..models.meta_data import MetaData


T = TypeVar("T", bound="MessageResponse")


@_attrs_define
class MessageResponse:
    content: str
    created: str
    customerid: str
    destination: str
    messageid: str
    modified: str
    schedule: str
    status: str
    sender: str
    tag: str
    batchid: str | Unset = UNSET
    deliveryreporturl: str | Unset = UNSET
    failurereason: MessageResponseFailurereason | Unset = UNSET
    id: str | Unset = UNSET
    identifier: str | Unset = UNSET
    keyword: str | Unset = UNSET
    metadata: list[MetaData] | Unset = UNSET
    """ The key/value pairs sent with the message. """
    credits_: float | Unset = UNSET
    """ The number of credits used on the message. Floating point number. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        created = self.created

        customerid = self.customerid

        destination = self.destination

        messageid = self.messageid

        modified = self.modified

        schedule = self.schedule

        status = self.status

        sender = self.sender

        tag = self.tag

        batchid = self.batchid

        deliveryreporturl = self.deliveryreporturl

        failurereason: dict[str, Any] | Unset = UNSET
        if not isinstance(self.failurereason, Unset):
            failurereason = self.failurereason.to_dict()

        id = self.id

        identifier = self.identifier

        keyword = self.keyword

        metadata: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = []
            for metadata_item_data in self.metadata:
                metadata_item = metadata_item_data.to_dict()
                metadata.append(metadata_item)

        credits_ = self.credits_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "created": created,
                "customerid": customerid,
                "destination": destination,
                "messageid": messageid,
                "modified": modified,
                "schedule": schedule,
                "status": status,
                "sender": sender,
                "tag": tag,
            }
        )
        if batchid is not UNSET:
            field_dict["batchid"] = batchid
        if deliveryreporturl is not UNSET:
            field_dict["deliveryreporturl"] = deliveryreporturl
        if failurereason is not UNSET:
            field_dict["failurereason"] = failurereason
        if id is not UNSET:
            field_dict["id"] = id
        if identifier is not UNSET:
            field_dict["identifier"] = identifier
        if keyword is not UNSET:
            field_dict["keyword"] = keyword
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if credits_ is not UNSET:
            field_dict["credits"] = credits_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.message_response_failurereason import MessageResponseFailurereason  # noqa: PLC0415
        from ..models.meta_data import MetaData  # noqa: PLC0415

        d = dict(src_dict)
        content = d.pop("content")

        created = d.pop("created")

        customerid = d.pop("customerid")

        destination = d.pop("destination")

        messageid = d.pop("messageid")

        modified = d.pop("modified")

        schedule = d.pop("schedule")

        status = d.pop("status")

        sender = d.pop("sender")

        tag = d.pop("tag")

        batchid = d.pop("batchid", UNSET)

        deliveryreporturl = d.pop("deliveryreporturl", UNSET)

        _failurereason = d.pop("failurereason", UNSET)
        failurereason: MessageResponseFailurereason | Unset
        if isinstance(_failurereason, Unset):
            failurereason = UNSET
        else:
            failurereason = MessageResponseFailurereason.from_dict(_failurereason)

        id = d.pop("id", UNSET)

        identifier = d.pop("identifier", UNSET)

        keyword = d.pop("keyword", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: list[MetaData] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = MetaData.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        credits_ = d.pop("credits", UNSET)

        message_response = cls(
            content=content,
            created=created,
            customerid=customerid,
            destination=destination,
            messageid=messageid,
            modified=modified,
            schedule=schedule,
            status=status,
            sender=sender,
            tag=tag,
            batchid=batchid,
            deliveryreporturl=deliveryreporturl,
            failurereason=failurereason,
            id=id,
            identifier=identifier,
            keyword=keyword,
            metadata=metadata,
            credits_=credits_,
        )

        message_response.additional_properties = d
        return message_response

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
