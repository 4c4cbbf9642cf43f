from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ValidationErrorDetail")


@_attrs_define
class ValidationErrorDetail:
    """One failure inside a parameter."""

    code: str | Unset = UNSET
    message: str | Unset = UNSET
    path: list[Any] | Unset = UNSET
    """ Where in the parameter the failure is, as property names and array indexes. """
    params: list[Any] | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        path: list[Any] | Unset = UNSET
        if not isinstance(self.path, Unset):
            path = self.path

        params: list[Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if path is not UNSET:
            field_dict["path"] = path
        if params is not UNSET:
            field_dict["params"] = params
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code", UNSET)

        message = d.pop("message", UNSET)

        path = cast(list[Any], d.pop("path", UNSET))

        params = cast(list[Any], d.pop("params", UNSET))

        description = d.pop("description", UNSET)

        validation_error_detail = cls(
            code=code,
            message=message,
            path=path,
            params=params,
            description=description,
        )

        validation_error_detail.additional_properties = d
        return validation_error_detail

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
