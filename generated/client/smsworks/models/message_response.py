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
    messageid: str
    status: str
    batchid: str | Unset = UNSET
    content: str | Unset = UNSET
    created: str | Unset = UNSET
    customerid: str | Unset = UNSET
    deliveryreporturl: str | Unset = UNSET
    destination: str | Unset = UNSET
    failurereason: MessageResponseFailurereason | Unset = UNSET
    id: str | Unset = UNSET
    identifier: str | Unset = UNSET
    keyword: str | Unset = UNSET
    modified: str | Unset = UNSET
    schedule: str | Unset = UNSET
    sender: str | Unset = UNSET
    tag: str | Unset = UNSET
    metadata: list[MetaData] | Unset = UNSET
    """ The key/value pairs sent with the message. """
    credits_: float | Unset = UNSET
    """ The number of credits used on the message. Floating point number. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        messageid = self.messageid

        status = self.status

        batchid = self.batchid

        content = self.content

        created = self.created

        customerid = self.customerid

        deliveryreporturl = self.deliveryreporturl

        destination = self.destination

        failurereason: dict[str, Any] | Unset = UNSET
        if not isinstance(self.failurereason, Unset):
            failurereason = self.failurereason.to_dict()

        id = self.id

        identifier = self.identifier

        keyword = self.keyword

        modified = self.modified

        schedule = self.schedule

        sender = self.sender

        tag = self.tag

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
                "messageid": messageid,
                "status": status,
            }
        )
        if batchid is not UNSET:
            field_dict["batchid"] = batchid
        if content is not UNSET:
            field_dict["content"] = content
        if created is not UNSET:
            field_dict["created"] = created
        if customerid is not UNSET:
            field_dict["customerid"] = customerid
        if deliveryreporturl is not UNSET:
            field_dict["deliveryreporturl"] = deliveryreporturl
        if destination is not UNSET:
            field_dict["destination"] = destination
        if failurereason is not UNSET:
            field_dict["failurereason"] = failurereason
        if id is not UNSET:
            field_dict["id"] = id
        if identifier is not UNSET:
            field_dict["identifier"] = identifier
        if keyword is not UNSET:
            field_dict["keyword"] = keyword
        if modified is not UNSET:
            field_dict["modified"] = modified
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if sender is not UNSET:
            field_dict["sender"] = sender
        if tag is not UNSET:
            field_dict["tag"] = tag
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
        messageid = d.pop("messageid")

        status = d.pop("status")

        batchid = d.pop("batchid", UNSET)

        content = d.pop("content", UNSET)

        created = d.pop("created", UNSET)

        customerid = d.pop("customerid", UNSET)

        deliveryreporturl = d.pop("deliveryreporturl", UNSET)

        destination = d.pop("destination", UNSET)

        _failurereason = d.pop("failurereason", UNSET)
        failurereason: MessageResponseFailurereason | Unset
        if isinstance(_failurereason, Unset):
            failurereason = UNSET
        else:
            failurereason = MessageResponseFailurereason.from_dict(_failurereason)

        id = d.pop("id", UNSET)

        identifier = d.pop("identifier", UNSET)

        keyword = d.pop("keyword", UNSET)

        modified = d.pop("modified", UNSET)

        schedule = d.pop("schedule", UNSET)

        sender = d.pop("sender", UNSET)

        tag = d.pop("tag", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: list[MetaData] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = MetaData.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        credits_ = d.pop("credits", UNSET)

        message_response = cls(
            messageid=messageid,
            status=status,
            batchid=batchid,
            content=content,
            created=created,
            customerid=customerid,
            deliveryreporturl=deliveryreporturl,
            destination=destination,
            failurereason=failurereason,
            id=id,
            identifier=identifier,
            keyword=keyword,
            modified=modified,
            schedule=schedule,
            sender=sender,
            tag=tag,
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

    @property
    def credits(self) -> float | Unset:
        """The spec's name for ``credits_``."""
        return self.credits_
