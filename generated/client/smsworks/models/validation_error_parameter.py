from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.validation_error_detail import ValidationErrorDetail


T = TypeVar("T", bound="ValidationErrorParameter")


@_attrs_define
class ValidationErrorParameter:
    """One request parameter that failed validation."""

    code: str | Unset = UNSET
    in_: str | Unset = UNSET
    name: str | Unset = UNSET
    message: str | Unset = UNSET
    path: list[str] | Unset = UNSET
    errors: list[ValidationErrorDetail] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        in_ = self.in_

        name = self.name

        message = self.message

        path: list[str] | Unset = UNSET
        if not isinstance(self.path, Unset):
            path = self.path

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if in_ is not UNSET:
            field_dict["in"] = in_
        if name is not UNSET:
            field_dict["name"] = name
        if message is not UNSET:
            field_dict["message"] = message
        if path is not UNSET:
            field_dict["path"] = path
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.validation_error_detail import ValidationErrorDetail  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code", UNSET)

        in_ = d.pop("in", UNSET)

        name = d.pop("name", UNSET)

        message = d.pop("message", UNSET)

        path = cast(list[str], d.pop("path", UNSET))

        _errors = d.pop("errors", UNSET)
        errors: list[ValidationErrorDetail] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ValidationErrorDetail.from_dict(errors_item_data)

                errors.append(errors_item)

        validation_error_parameter = cls(
            code=code,
            in_=in_,
            name=name,
            message=message,
            path=path,
            errors=errors,
        )

        validation_error_parameter.additional_properties = d
        return validation_error_parameter

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
