"""Typed API bodies of every registry, generated from its spec's columns: one schema per registry to read a
record, a page of records, and to create, replace (PUT) or change (PATCH) one, so the OpenAPI document
describes each field and a generated client works. Units are written by code (`code@yyyy-mm-dd` for a
former unit), organisations by id or tax code, choices by their stored value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, create_model

from ictmis.core.registry import Column, RegistrySpec

READ_TYPES: dict[str, Any] = {
    "str": str,
    "text": str,
    "int": int | None,
    "float": float | None,
    "date": dt.date | None,
    "bool": bool,
    "choice": str,  # "" when not set
    "multi": list[str],
    "unit": str,
    "organisation": int | None,
}

WRITE_TYPES: dict[str, Any] = {
    "str": str,
    "text": str,
    "int": int,
    "float": float,
    "date": dt.date,
    "bool": bool,
    "unit": str,
    "organisation": int | str,
}


class UnitCount(Schema):
    unit_id: int
    code: str
    name: str
    count: int


class PointGeometry(Schema):
    type: Literal["Point"]
    coordinates: list[float] = Field(description="longitude, latitude")


class FeatureProperties(Schema):
    cluster: bool
    count: int | None = Field(None, description="records in a cluster")
    cell: float | None = Field(None, description="a cluster's grid cell in degrees")
    id: int | None = Field(None, description="a single record's id")
    title: str | None = None
    unit: str | None = None


class Feature(Schema):
    type: Literal["Feature"]
    geometry: PointGeometry
    properties: FeatureProperties


class FeatureCollection(Schema):
    type: Literal["FeatureCollection"]
    features: list[Feature]
    bounds: list[float] | None = Field(None, description="west, south, east, north (with_bounds=true)")


@dataclass(frozen=True)
class RegistrySchemas:
    read: type[Schema]
    page: type[Schema]
    create: type[Schema]
    replace: type[Schema]
    patch: type[Schema]


def _choice_values(column: Column) -> tuple[str, ...]:
    return tuple(str(value) for value, _label in column.choices)


def _write_type(column: Column) -> Any:
    if column.kind in ("choice", "multi") and column.choices:
        values = _choice_values(column)
        if column.kind == "multi":
            return list[Literal[values]]  # type: ignore[valid-type]
        if not column.required:
            values = (*values, "")  # what a record without a value reads back as
        return Literal[values]
    if column.kind == "multi":
        return list[str]
    return WRITE_TYPES.get(column.kind, str)


def _write_fields(spec: RegistrySpec, *, all_optional: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for column in spec.columns:
        kind = _write_type(column)
        description = column.header_en
        if column.required and not all_optional:
            fields[column.field] = (kind, Field(..., description=description))
        else:
            fields[column.field] = (kind | None, Field(None, description=description))
    return fields


def _version() -> tuple[Any, Any]:
    return (int, Field(..., description="the version read; a stale version is refused with 409"))


def schemas_for(spec: RegistrySpec) -> RegistrySchemas:
    name = spec.model.__name__
    read_fields: dict[str, Any] = {"id": (int, ...), "version": (int, ...), "deleted": (bool, False)}
    for column in spec.columns:
        read_fields[column.field] = (READ_TYPES[column.kind], Field(None, description=column.header_en))
    read_fields["unit_name"] = (str, "")
    read = create_model(f"{name}Out", __base__=Schema, **read_fields)
    page = create_model(f"{name}Page", __base__=Schema, items=(list[read], ...), count=(int, ...))  # type: ignore[valid-type]
    create = create_model(f"{name}Create", __base__=Schema, **_write_fields(spec, all_optional=False))
    replace = create_model(
        f"{name}Replace", __base__=Schema, **_write_fields(spec, all_optional=False), version=_version()
    )
    patch = create_model(f"{name}Patch", __base__=Schema, **_write_fields(spec, all_optional=True), version=_version())
    return RegistrySchemas(read=read, page=page, create=create, replace=replace, patch=patch)
