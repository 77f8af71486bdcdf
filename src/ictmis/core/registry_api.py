"""The JSON API every registry shares, generated from its `RegistrySpec`:

GET/POST /api/v1/<registry>, GET/PUT/PATCH/DELETE /api/v1/<registry>/{id},
GET /api/v1/<registry>/map?bbox=&zoom= (GeoJSON points and clusters),
GET /api/v1/<registry>/summary?level= (counts per unit).
Writes go through the registry's own form (the same validation as the pages) and services.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from ictmis.core import registry_selectors, registry_services
from ictmis.core.api_support import MAX_LIMIT, MAX_OFFSET, Authorised
from ictmis.core.directory import AmbiguousReference, directory
from ictmis.core.registry import Column, RegistrySpec
from ictmis.core.registry_export import unit_reference
from ictmis.core.registry_schemas import FeatureCollection, UnitCount, schemas_for


def _as_output(spec: RegistrySpec, record: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": record.pk, "version": record.version, "deleted": record.deleted_at is not None}
    for column in spec.columns:
        value = getattr(record, column.field)
        if column.kind == "unit":
            value = unit_reference(value)
        elif column.kind == "organisation":
            value = value.pk if value is not None else None
        elif value is None and column.kind in ("str", "text", "choice"):
            value = ""
        data[column.field] = value
    data["unit_name"] = record.unit.name
    return data


def _form_data(spec: RegistrySpec, payload: dict[str, Any], base: dict[str, Any]) -> QueryDict:
    """Body fields (unit as a code, organisations as id or tax code) as the registry form's POST data."""
    merged = {**base, **payload}
    data = QueryDict(mutable=True)
    for name, value in merged.items():
        column = next((c for c in spec.columns if c.field == name), None)
        if column is not None and column.kind == "unit" and isinstance(value, str):
            unit = directory.unit_for_import(value)
            value = unit.pk if unit is not None else f"?{value}"
        if column is not None and column.kind == "organisation" and isinstance(value, str) and not value.isdigit():
            try:
                organisation = directory.organisation_for_import(value)
            except AmbiguousReference:  # a name several organisations carry: refused like an unknown one
                organisation = None
            value = organisation.pk if organisation is not None else f"?{value}"
        if isinstance(value, list | tuple):
            data.setlist(name, [str(getattr(v, "pk", v)) for v in value])
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        else:
            data[name] = str(getattr(value, "pk", value))
    return data


def _form_errors(form: Any) -> None:
    raise ValidationError(
        {("__all__" if name == "__all__" else name): [str(e) for e in errors] for name, errors in form.errors.items()}
    )


def _with_body(handler: Any, schema: type[Schema]) -> Any:
    """Give a handler its registry's body schema: a class made at run time cannot be named in the
    handler's (string) annotation, and ninja reads the body's type from the annotations."""
    handler.__annotations__["payload"] = schema
    return handler


def build_router(spec: RegistrySpec) -> Router:
    router = Router(tags=[spec.key])
    schemas = schemas_for(spec)
    out = schemas.read
    view, add, change, delete = (Authorised(spec.perm(a)) for a in ("view", "add", "change", "delete"))
    prefix = spec.key.replace("-", "_")

    def _record(request: HttpRequest, pk: int) -> Any:
        record = registry_selectors.records_for(spec, request.user).filter(pk=pk).first()
        if record is None:
            raise Http404
        return record

    @router.get(
        f"/{spec.key}", response=schemas.page, auth=view, summary=f"List {spec.key}", operation_id=f"{prefix}_list"
    )
    def list_records(
        request: HttpRequest,
        limit: int = Query(50, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> Any:
        qs = registry_selectors.filtered(spec, request.user, request.GET).order_by("pk")
        keys = list(qs.values_list("pk", flat=True)[offset : offset + limit])
        records = qs.model.objects.filter(pk__in=keys).select_related(*spec.related).in_bulk(keys)
        items = [_as_output(spec, records[key]) for key in keys if key in records]
        return {"items": items, "count": qs.count()}

    @router.get(
        f"/{spec.key}/map",
        response=FeatureCollection,
        exclude_none=True,
        auth=view,
        summary=f"{spec.key} as GeoJSON points and clusters",
        operation_id=f"{prefix}_map",
    )
    def map_records(request: HttpRequest, zoom: int = 6, bbox: str | None = None, with_bounds: bool = False) -> Any:
        try:
            box = registry_selectors.BBox.parse(bbox)
        except ValueError:
            raise ValidationError({"bbox": _("Give bbox as west,south,east,north in degrees.")}) from None
        qs = registry_selectors.filtered(spec, request.user, request.GET)
        title_field = spec.list_fields[0]
        collection = registry_selectors.map_features(qs, bbox=box, zoom=max(0, min(zoom, 20)), title_field=title_field)
        if with_bounds:
            collection["bounds"] = registry_selectors.bounds(qs)
        return collection

    @router.get(
        f"/{spec.key}/summary",
        response=list[UnitCount],
        auth=view,
        summary=f"{spec.key}: counts per unit",
        operation_id=f"{prefix}_summary",
    )
    def summary(request: HttpRequest, level: str = "province", structure: str = "as_filed") -> Any:
        if level not in registry_selectors.LEVEL_COLUMN:
            raise ValidationError({"level": _("Give level as province, district or commune.")})
        if structure not in registry_selectors.STRUCTURES:
            raise ValidationError({"structure": _("Give structure as as_filed or current.")})
        qs = registry_selectors.filtered(spec, request.user, request.GET)
        return registry_selectors.summary(qs, level, structure)

    @router.get(f"/{spec.key}/{{pk}}", response=out, auth=view, operation_id=f"{prefix}_get")
    def get_record(request: HttpRequest, pk: int) -> Any:
        return _as_output(spec, _record(request, pk))

    def create_record(request: HttpRequest, payload: Any) -> Any:
        defaults = {f.name: f.get_default() for f in spec.model._meta.concrete_fields if f.has_default()}
        form = spec.form_class(_form_data(spec, payload.model_dump(exclude_unset=True), defaults), actor=request.user)
        if not form.is_valid():
            _form_errors(form)
        record = registry_services.create_record(spec=spec, actor=request.user, now=timezone.now(), form=form)
        return Status(201, _as_output(spec, record))

    router.post(f"/{spec.key}", response={201: out}, auth=add, operation_id=f"{prefix}_create")(
        _with_body(create_record, schemas.create)
    )

    def _update(request: HttpRequest, pk: int, payload: Any, *, partial: bool) -> Any:
        record = _record(request, pk)
        base = model_to_dict(record, fields=spec.form_class._meta.fields) if partial else {}
        form = spec.form_class(
            _form_data(spec, payload.model_dump(exclude_unset=True), base), instance=record, actor=request.user
        )
        if not form.is_valid():
            _form_errors(form)
        saved = registry_services.update_record(
            spec=spec,
            record=record,
            actor=request.user,
            now=timezone.now(),
            expected_version=payload.version,
            form=form,
        )
        return _as_output(spec, saved)

    def replace_record(request: HttpRequest, pk: int, payload: Any) -> Any:
        return _update(request, pk, payload, partial=False)

    def patch_record(request: HttpRequest, pk: int, payload: Any) -> Any:
        return _update(request, pk, payload, partial=True)

    router.put(f"/{spec.key}/{{pk}}", response=out, auth=change, operation_id=f"{prefix}_replace")(
        _with_body(replace_record, schemas.replace)
    )
    router.patch(f"/{spec.key}/{{pk}}", response=out, auth=change, operation_id=f"{prefix}_patch")(
        _with_body(patch_record, schemas.patch)
    )

    @router.delete(f"/{spec.key}/{{pk}}", response={204: None}, auth=delete, operation_id=f"{prefix}_delete")
    def delete_record(request: HttpRequest, pk: int) -> Any:
        registry_services.delete_record(spec=spec, record=_record(request, pk), actor=request.user, now=timezone.now())
        return Status(204, None)

    return router


__all__ = ["Column", "build_router"]
