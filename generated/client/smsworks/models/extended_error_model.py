from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExtendedErrorModel")


@_attrs_define
class ExtendedErrorModel:
    message: str
    error_code: int | Unset = UNSET
    """ Numeric code used to identify the error. Integer. """
    status: str | Unset = UNSET
    permanent: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        error_code = self.error_code

        status = self.status

        permanent = self.permanent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if error_code is not UNSET:
            field_dict["errorCode"] = error_code
        if status is not UNSET:
            field_dict["status"] = status
        if permanent is not UNSET:
            field_dict["permanent"] = permanent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        error_code = d.pop("errorCode", UNSET)

        status = d.pop("status", UNSET)

        permanent = d.pop("permanent", UNSET)

        extended_error_model = cls(
            message=message,
            error_code=error_code,
            status=status,
            permanent=permanent,
        )

        extended_error_model.additional_properties = d
        return extended_error_model

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
