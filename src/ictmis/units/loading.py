"""Loading the unit tree: the 2025 structure from `vietnam-provinces`; the former (63-province) structure, the
lineage into 2025 and every unit's point from the project's own file (tools/build_unit_lineage.py)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q

from ictmis.core.text import collation_key, normalise
from ictmis.units.models import AdministrativeUnit, Level, Lineage, UnitPosition, UnitType
from ictmis.units.signals import structure_changed

REFORM_DATE = dt.date(2025, 7, 1)
REFORM_BASIS = "Nghị quyết 202/2025/QH15"
DATA_DIR = Path(__file__).resolve().parent / "data"
FORMER_FILE = "units_2025_lineage.json.gz"
DEMO_SOURCE = "demo"
ONE = Decimal(1)

_PACKAGE_TYPES = {
    "tỉnh": UnitType.PROVINCE,
    "thành phố trung ương": UnitType.CENTRAL_CITY,
    "xã": UnitType.COMMUNE,
    "phường": UnitType.WARD,
    "đặc khu": UnitType.SPECIAL_ZONE,
}

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    type: str
    level: str
    parent: tuple[str, str] | None  # (code, level) of the parent in the same snapshot


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lineage_created: int = 0


def _upsert(rows: Iterable[Row], *, valid_from: dt.date, valid_to: dt.date | None, source: str) -> LoadResult:
    """Create or update one snapshot, parents before children; running it twice changes nothing."""
    result = LoadResult()
    existing = {
        (u.code, u.level): u for u in AdministrativeUnit.objects.filter(valid_from=valid_from).select_related("parent")
    }
    by_key: dict[tuple[str, str], AdministrativeUnit] = dict(existing)
    for level in (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE):
        new: list[AdministrativeUnit] = []
        changed: list[AdministrativeUnit] = []
        for row in (r for r in rows if r.level == level):
            parent = by_key[row.parent] if row.parent else None
            unit = existing.get((row.code, row.level))
            if unit is None:
                unit = AdministrativeUnit(
                    code=row.code,
                    name=row.name,
                    type=row.type,
                    level=row.level,
                    parent=parent,
                    valid_from=valid_from,
                    valid_to=valid_to,
                    source=source,
                    search_text=normalise(f"{row.name} {row.code}"),
                    sort_key=collation_key(row.name),
                )
                new.append(unit)
            elif (unit.name, unit.type, unit.parent_id, unit.valid_to) != (
                row.name,
                row.type,
                parent.pk if parent else None,
                valid_to,
            ):
                unit.name, unit.type, unit.parent, unit.valid_to = row.name, row.type, parent, valid_to
                unit.search_text = normalise(f"{row.name} {row.code}")
                unit.sort_key = collation_key(row.name)
                changed.append(unit)
            else:
                result.unchanged += 1
            by_key[(row.code, row.level)] = unit
        AdministrativeUnit.objects.bulk_create(new, batch_size=500)
        for unit in new:
            unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
        AdministrativeUnit.objects.bulk_update(new, ["path"], batch_size=500)
        for unit in changed:
            unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
        AdministrativeUnit.objects.bulk_update(
            changed, ["name", "type", "parent", "valid_to", "search_text", "sort_key", "path"], batch_size=500
        )
        result.created += len(new)
        result.updated += len(changed)
    return result


def current_rows() -> list[Row]:
    import vietnam_provinces  # its code tables take a while to load: read only when units are loaded

    rows: list[Row] = []
    for province in vietnam_provinces.Province.iter_all():
        pcode = f"{int(province.code):02d}"
        rows.append(Row(pcode, province.name, _PACKAGE_TYPES[province.division_type.value], Level.PROVINCE, None))
    for ward in vietnam_provinces.Ward.iter_all():
        rows.append(
            Row(
                f"{int(ward.code):05d}",
                ward.name,
                _PACKAGE_TYPES[ward.division_type.value],
                Level.COMMUNE,
                (f"{int(ward.province_code):02d}", Level.PROVINCE),
            )
        )
    return rows


@transaction.atomic
def load_current(progress: Progress = lambda _msg: None) -> LoadResult:
    import vietnam_provinces

    rows = current_rows()
    progress(f"vietnam-provinces {vietnam_provinces.__version__}: {len(rows)} units")
    result = _upsert(
        rows,
        valid_from=REFORM_DATE,
        valid_to=None,
        source=f"vietnam-provinces {vietnam_provinces.__version__}",
    )
    structure_changed.send(sender=AdministrativeUnit)
    return result


def read_former() -> dict[str, Any]:
    """The project's file of the former structure, its lineage into 2025 and the units' points
    (built by tools/build_unit_lineage.py)."""
    return json.loads(gzip.decompress((DATA_DIR / FORMER_FILE).read_bytes()).decode("utf-8"))


def former_rows(document: dict[str, Any]) -> list[Row]:
    rows = [Row(code, name, kind, Level.PROVINCE, None) for code, name, kind, *_point in document["provinces"]]
    rows += [
        Row(code, name, kind, Level.DISTRICT, (province, Level.PROVINCE))
        for code, name, kind, province, *_point in document["districts"]
    ]
    rows += [
        Row(code, name, kind, Level.COMMUNE, (district, Level.DISTRICT))
        for code, name, kind, district, *_point in document["communes"]
    ]
    return rows


@transaction.atomic
def load_former(progress: Progress = lambda _msg: None, document: dict[str, Any] | None = None) -> LoadResult:
    """The 63-province structure (provinces, districts, communes) valid until 1 July 2025 and the lineage of each
    former unit into the 2025 units, with the share of a divided commune that went into each new one. Lineage
    of former units that the file no longer names is removed; running it twice changes nothing."""
    document = document or read_former()
    valid_from = dt.date.fromisoformat(document["valid_from"])
    valid_to = dt.date.fromisoformat(document["valid_to"])
    rows = former_rows(document)
    progress(f"{FORMER_FILE}: {len(rows)} former units, {len(document['lineage'])} lineage links")
    result = _upsert(rows, valid_from=valid_from, valid_to=valid_to, source=document["source"])
    former = {(u.code, u.level): u.pk for u in AdministrativeUnit.objects.filter(valid_from=valid_from)}
    current = {(u.code, u.level): u.pk for u in AdministrativeUnit.objects.filter(valid_from=valid_to)}
    wanted: dict[tuple[int, int], tuple[str, Decimal, bool]] = {}  # (old, new) → (kind, share, default)
    for old, new in document["province_lineage"]:
        if (old, Level.PROVINCE) in former and (new, Level.PROVINCE) in current:
            wanted[(former[(old, Level.PROVINCE)], current[(new, Level.PROVINCE)])] = (Lineage.Kind.MERGED, ONE, True)
    divided = {old for old, _level, _new, share, _default in document["lineage"] if Decimal(share) != ONE}
    for old, level, new, share, default in document["lineage"]:
        if (old, level) in former and (new, Level.COMMUNE) in current:
            kind: str = Lineage.Kind.SPLIT if old in divided else Lineage.Kind.MERGED
            wanted[(former[(old, level)], current[(new, Level.COMMUNE)])] = (kind, Decimal(share), bool(default))
    existing = {
        (link.predecessor_id, link.successor_id): link
        for link in Lineage.objects.filter(predecessor_id__in=former.values())
    }
    stale = [link.pk for pair, link in existing.items() if pair not in wanted]
    Lineage.objects.filter(pk__in=stale).delete()
    changed = []
    for pair, (kind, share, default) in wanted.items():
        link = existing.get(pair)
        if link is not None and (link.kind, link.share, link.is_default) != (kind, share, default):
            link.kind, link.share, link.is_default = kind, share, default
            changed.append(link)
    Lineage.objects.bulk_update(changed, ["kind", "share", "is_default"], batch_size=500)
    created = [
        Lineage(
            predecessor_id=old_id,
            successor_id=new_id,
            kind=kind,
            share=share,
            is_default=default,
            effective=valid_to,
            legal_basis=document["legal_basis"][:200],
        )
        for (old_id, new_id), (kind, share, default) in wanted.items()
        if (old_id, new_id) not in existing
    ]
    Lineage.objects.bulk_create(created, batch_size=500)
    result.lineage_created += len(created)
    structure_changed.send(sender=Lineage)
    return result


FILE_SOURCE = "unit-lineage-file"
EARLIER_FILE_SOURCE = "vietnamadminunits"  # how the first loads of the file tagged its points


@transaction.atomic
def load_positions(progress: Progress = lambda _msg: None, document: dict[str, Any] | None = None) -> int:
    """Every unit's point from the file: today's provinces and communes, and the former provinces, districts and
    communes. A point loaded from a survey sheet (`ictmis load_unit_positions`) is kept; the demo's are replaced."""
    document = document or read_former()
    # The file's points carry one fixed tag (with the source after it), so a rebuilt file replaces them all.
    source = f"{FILE_SOURCE}: {document['source'].split(';')[0]}"[:120]
    valid_from = dt.date.fromisoformat(document["valid_from"])
    valid_to = dt.date.fromisoformat(document["valid_to"])
    former = {(u.code, u.level): u.pk for u in AdministrativeUnit.objects.filter(valid_from=valid_from)}
    current = {(u.code, u.level): u.pk for u in AdministrativeUnit.objects.filter(valid_from=valid_to)}
    points: dict[int, tuple[float, float]] = {}
    for code, latitude, longitude, *_area in document["current_communes"]:
        if (code, Level.COMMUNE) in current:
            points[current[(code, Level.COMMUNE)]] = (latitude, longitude)
    for code, latitude, longitude in document["current_provinces"]:
        if (code, Level.PROVINCE) in current:
            points[current[(code, Level.PROVINCE)]] = (latitude, longitude)
    for key, level in (("provinces", Level.PROVINCE), ("districts", Level.DISTRICT), ("communes", Level.COMMUNE)):
        for code, *_rest, latitude, longitude in document[key]:
            if (code, level) in former:
                points[former[(code, level)]] = (latitude, longitude)
    replaced = Q(source=DEMO_SOURCE) | Q(source__startswith=FILE_SOURCE) | Q(source__startswith=EARLIER_FILE_SOURCE)
    kept = set(UnitPosition.objects.exclude(replaced).values_list("unit_id", flat=True))
    UnitPosition.objects.filter(replaced).delete()
    UnitPosition.objects.bulk_create(
        [
            UnitPosition(unit_id=pk, latitude=latitude, longitude=longitude, source=source)
            for pk, (latitude, longitude) in points.items()
            if pk not in kept
        ],
        batch_size=1000,
    )
    progress(f"  positions of units: {len(points) - len(kept & set(points))} from {source}")
    return len(points)


def load_all(progress: Progress = lambda _msg: None) -> list[LoadResult]:
    from ictmis.units.directory import _by_reference

    document = read_former()
    results = [load_current(progress), load_former(progress, document)]
    load_positions(progress, document)
    _by_reference.cache_clear()
    return results
