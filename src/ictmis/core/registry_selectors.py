"""Reads shared by every registry: scoped lists with filters, counts per unit, map clusters."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Avg, Count, F, IntegerField, Max, Min, Q, QuerySet
from django.db.models.functions import Cast, Floor
from django.utils.translation import gettext as _

from ictmis.core.access import scoped
from ictmis.core.directory import directory
from ictmis.core.listing import apply_search
from ictmis.core.registry import RegistrySpec


def records_for(spec: RegistrySpec, actor: Any, *, include_deleted: bool = False) -> QuerySet[Any]:
    qs = spec.model.objects.select_related(*spec.related)
    if not include_deleted:
        qs = qs.filter(deleted_at__isnull=True)
    organisation = f"{spec.organisation_field}_id" if spec.organisation_field else None
    return scoped(qs, actor, unit_path="unit_path", organisation=organisation)


def unit_condition(ref: str | None) -> Q | None:
    if not ref:
        return None
    condition = Q(pk__in=[])
    for path in directory.unit_paths(ref):
        condition |= Q(unit_path__startswith=path)
    return condition


TRUE_WORDS = {"1", "true", "on", "yes", "co", "có"}
FALSE_WORDS = {"0", "false", "off", "no", "khong", "không"}
MAX_ID = 2**63 - 1


def _filter_value(spec: RegistrySpec, name: str, value: str) -> Any:
    """The value of filter `name` as the database compares it; a value that cannot be one is a ValidationError
    naming the filter (a 422 in the API, a 400 page in the HTML), never a database error."""
    model_field = spec.model._meta.get_field(name)
    if model_field.is_relation:
        if not value.isascii() or not value.isdigit() or int(value) > MAX_ID:
            raise ValidationError({name: _("Give the number (id) of a record.")})
        return int(value)
    if model_field.get_internal_type() == "BooleanField":
        word = value.strip().lower()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise ValidationError({name: _("Give 1 (yes) or 0 (no).")})
        return word in TRUE_WORDS
    column = next((c for c in spec.columns if c.field == name), None)
    declared = column.choices if column and column.choices else getattr(model_field, "choices", None) or []
    choices = [str(v) for v, _label in declared]
    if choices and value not in choices:
        raise ValidationError({name: _("Give one of: %(values)s.") % {"values": ", ".join(choices)}})
    return value


def filtered(spec: RegistrySpec, actor: Any, params: Mapping[str, Any]) -> QuerySet[Any]:
    """The registry's records the actor may see, narrowed by `q`, `unit` and the spec's filter fields."""
    qs = records_for(spec, actor, include_deleted=params.get("deleted") == "1")
    if params.get("deleted") == "1":
        qs = qs.filter(deleted_at__isnull=False)
    qs = apply_search(qs, params.get("q"))
    condition = unit_condition(params.get("unit"))
    if condition is not None:
        qs = qs.filter(condition)
    for name in spec.filter_fields:
        raw = params.get(name)
        if raw in (None, ""):
            continue
        value = _filter_value(spec, name, str(raw))
        model_field = spec.model._meta.get_field(name)
        if model_field.is_relation:
            qs = qs.filter(**{f"{name}_id": value})
        elif model_field.get_internal_type() == "JSONField":
            qs = qs.filter(**{f"{name}__icontains": value})
        else:
            qs = qs.filter(**{name: value})
    return qs


LEVEL_COLUMN = {"province": "province_unit", "district": "district_unit", "commune": "unit"}


STRUCTURES = ("as_filed", "current")


def summary(qs: QuerySet[Any], level: str, structure: str = "as_filed") -> list[dict[str, Any]]:
    """Counts per unit at `level` (province, district or commune): one GROUP BY on an indexed key,
    then the names of the units found in one more query.

    `as_filed` counts each record under the unit it was filed under (former units for records from
    before 1 July 2025); `current` moves the counts of former units to the units they became, so the
    report is drawn in today's boundaries (there are no districts in it).
    """
    column = f"{LEVEL_COLUMN[level]}_id"
    grouped = qs.order_by().values_list(column).annotate(count=Count("id")).values_list(column, "count")
    counts: dict[int, int] = {unit_id: count for unit_id, count in grouped if unit_id is not None}
    if structure == "current":
        moved: dict[int, int] = {}
        equivalents = directory.current_equivalents(list(counts))
        former = set(directory.former_units(list(counts)))
        for unit_id, count in counts.items():
            target = equivalents.get(unit_id, unit_id)
            if target in former:
                continue  # a former unit whose successor is not known: left out of today's map
            moved[target] = moved.get(target, 0) + count
        counts = moved
    unit_model = qs.model._meta.get_field("unit").related_model
    names = unit_model.objects.filter(pk__in=list(counts)).values_list("pk", "code", "name")
    rows = [{"unit_id": pk, "code": code, "name": name, "count": counts[pk]} for pk, code, name in names]
    return sorted(rows, key=lambda row: (row["code"], row["unit_id"]))


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str | None) -> BBox | None:
        if not text:
            return None
        parts = [float(p) for p in text.split(",")]
        if len(parts) != 4:
            raise ValueError(text)
        west, south, east, north = parts
        if west > east or south > north:
            raise ValueError(text)
        return cls(west, south, east, north)


CLUSTER_PIXELS = 60
TILE_PIXELS = 256
CLUSTER_MAX_ZOOM = 15


def map_features(qs: QuerySet[Any], *, bbox: BBox | None, zoom: int, title_field: str) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of points and grid clusters, computed in the database.

    The grid cell is about CLUSTER_PIXELS wide at this zoom; a cell with one record is a point with its
    id and title, a cell with more is a cluster at the mean position with its count and bounds.
    """
    located = qs.filter(latitude__isnull=False, longitude__isnull=False)
    if bbox is not None:
        located = located.filter(
            longitude__gte=bbox.west, longitude__lte=bbox.east, latitude__gte=bbox.south, latitude__lte=bbox.north
        )
    features: list[dict[str, Any]] = []
    if zoom >= CLUSTER_MAX_ZOOM:
        for pk, lat, lon, title, unit in located.values_list("pk", "latitude", "longitude", title_field, "unit__name")[
            :5000
        ]:
            features.append(_point(pk, lat, lon, title, unit))
        return {"type": "FeatureCollection", "features": features}
    cell = 360.0 / (2**zoom) * CLUSTER_PIXELS / TILE_PIXELS
    cells = (
        located.order_by()
        .annotate(gx=_grid(F("longitude") + 180.0, cell), gy=_grid(F("latitude") + 90.0, cell))
        .values("gx", "gy")
        .annotate(n=Count("id"), lat=Avg("latitude"), lon=Avg("longitude"), any_id=Min("id"))
    )
    singles = []
    for row in cells:
        if row["n"] == 1:
            singles.append(row["any_id"])
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(row["lon"], 6), round(row["lat"], 6)]},
                "properties": {"cluster": True, "count": row["n"], "cell": cell},
            }
        )
    if singles:
        points = located.filter(pk__in=singles).values_list("pk", "latitude", "longitude", title_field, "unit__name")
        for pk, lat, lon, title, unit in points:
            features.append(_point(pk, lat, lon, title, unit))
    return {"type": "FeatureCollection", "features": features}


def _grid(expression: Any, cell: float) -> Any:
    """The grid index floor(value / cell) of a non-negative value. SQLite has no native FLOOR (Django
    supplies a slow Python one), but casting a non-negative number to integer truncates, which is the
    same; PostgreSQL's cast rounds, so it keeps FLOOR."""
    if connection.vendor == "sqlite":
        return Cast(expression / cell, IntegerField())
    return Floor(expression / cell)


def _point(pk: int, lat: float, lon: float, title: Any, unit: str) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": {"cluster": False, "id": pk, "title": str(title), "unit": unit},
    }


def zoom_for_span(degrees: float) -> int:
    return max(0, min(18, int(math.log2(360 / max(degrees, 1e-6)))))


def province_box(province_id: int, *, exclude_pk: int | None, model: Any) -> tuple[float, float, float, float] | None:
    """The bounding box of a province's located records (needs a few to be meaningful)."""
    qs = model.objects.filter(province_unit_id=province_id, latitude__isnull=False, deleted_at__isnull=True)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    box = qs.aggregate(n=Count("id"), s=Min("latitude"), n_=Max("latitude"), w=Min("longitude"), e=Max("longitude"))
    if (box["n"] or 0) < 5:
        return None
    return box["s"], box["n_"], box["w"], box["e"]


def bounds(qs: QuerySet[Any]) -> list[float] | None:
    box = qs.filter(latitude__isnull=False).aggregate(
        w=Min("longitude"), s=Min("latitude"), e=Max("longitude"), n=Max("latitude")
    )
    if box["w"] is None:
        return None
    return [box["w"], box["s"], box["e"], box["n"]]
