from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.query_status import QueryStatus, check_query_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.meta_data import MetaData


T = TypeVar("T", bound="Query")


@_attrs_define
class Query:
    """search parameters for querying the message database"""

    status: QueryStatus | Unset = UNSET
    """ The status of the messages you would like returned (either 'SENT', 'DELIVERED', 'EXPIRED', 'UNDELIVERABLE',
    'REJECTED' or 'INCOMING') """
    credits_: float | Unset = UNSET
    """ The number of credits used on the message. Floating point number. """
    destination: str | Unset = UNSET
    """ The phone number of the recipient. Start UK numbers with 44 and drop the leading 0. """
    sender: str | Unset = UNSET
    """ The sender of the message (this can be the configured sender name for an outbound message or the senders
    phone number for an inbound message). """
    keyword: str | Unset = UNSET
    """ The keyword used in the inbound message """
    from_: str | Unset = UNSET
    """ The date-time from which you would like matching messages """
    to: str | Unset = UNSET
    """ The date-time to which you would like matching messages """
    limit: int | Unset = 1000
    """ The maximum number of messages that you would like returned in this call. The default is 1000. """
    skip: int | Unset = 0
    """ The number of results you would like to ignore before returning messages. In combination with the 'limit'
    parameter this can be used to page results, so that you can deal with a limited number in your logic at each
    time. """
    unread: bool | Unset = UNSET
    """ In queries for incoming messages ('status' is 'INCOMING'), specify whether you explicitly want unread
    messages (true) or read messages (false). Omit this parameter in other circumstances. """
    metadata: list[MetaData] | Unset = UNSET
    """ An array of objects containing metadata key/value pairs that have been saved on messages. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        credits_ = self.credits_

        destination = self.destination

        sender = self.sender

        keyword = self.keyword

        from_ = self.from_

        to = self.to

        limit = self.limit

        skip = self.skip

        unread = self.unread

        metadata: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = []
            for metadata_item_data in self.metadata:
                metadata_item = metadata_item_data.to_dict()
                metadata.append(metadata_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if credits_ is not UNSET:
            field_dict["credits"] = credits_
        if destination is not UNSET:
            field_dict["destination"] = destination
        if sender is not UNSET:
            field_dict["sender"] = sender
        if keyword is not UNSET:
            field_dict["keyword"] = keyword
        if from_ is not UNSET:
            field_dict["from"] = from_
        if to is not UNSET:
            field_dict["to"] = to
        if limit is not UNSET:
            field_dict["limit"] = limit
        if skip is not UNSET:
            field_dict["skip"] = skip
        if unread is not UNSET:
            field_dict["unread"] = unread
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.meta_data import MetaData  # noqa: PLC0415

        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: QueryStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_query_status(_status)

        credits_ = d.pop("credits", UNSET)

        destination = d.pop("destination", UNSET)

        sender = d.pop("sender", UNSET)

        keyword = d.pop("keyword", UNSET)

        from_ = d.pop("from", UNSET)

        to = d.pop("to", UNSET)

        limit = d.pop("limit", UNSET)

        skip = d.pop("skip", UNSET)

        unread = d.pop("unread", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: list[MetaData] | Unset = UNSET
        if _metadata is not UNSET:
            metadata = []
            for metadata_item_data in _metadata:
                metadata_item = MetaData.from_dict(metadata_item_data)

                metadata.append(metadata_item)

        query = cls(
            status=status,
            credits_=credits_,
            destination=destination,
            sender=sender,
            keyword=keyword,
            from_=from_,
            to=to,
            limit=limit,
            skip=skip,
            unread=unread,
            metadata=metadata,
        )

        query.additional_properties = d
        return query

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
