"""Loading the unit tree: the 2025 structure from `vietnam-provinces`, and the project's historic files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import vietnam_provinces
from django.db import transaction

from ictmis.core.text import collation_key, normalise
from ictmis.units.models import AdministrativeUnit, Level, Lineage, UnitType

REFORM_DATE = dt.date(2025, 7, 1)
REFORM_BASIS = "Nghị quyết 202/2025/QH15"
DATA_DIR = Path(__file__).resolve().parent / "data"
HISTORIC_FILES = ("quang_binh_before_2025.json",)

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
    rows = current_rows()
    progress(f"vietnam-provinces {vietnam_provinces.__version__}: {len(rows)} units")
    return _upsert(
        rows,
        valid_from=REFORM_DATE,
        valid_to=None,
        source=f"vietnam-provinces {vietnam_provinces.__version__}",
    )


@transaction.atomic
def load_historic(filename: str, progress: Progress = lambda _msg: None) -> LoadResult:
    document = json.loads((DATA_DIR / filename).read_text(encoding="utf-8"))
    valid_from = dt.date.fromisoformat(document["valid_from"])
    valid_to = dt.date.fromisoformat(document["valid_to"])
    levels = {u["code"]: u["level"] for u in document["units"]}
    rows = [
        Row(
            u["code"],
            u["name"],
            u["type"],
            u["level"],
            (u["parent"], levels[u["parent"]]) if u["parent"] else None,
        )
        for u in document["units"]
    ]
    progress(f"{filename}: {len(rows)} units")
    result = _upsert(rows, valid_from=valid_from, valid_to=valid_to, source=document["source"])
    for link in document["lineage"]:
        old = AdministrativeUnit.objects.get(code=link["from"], level=link["from_level"], valid_from=valid_from)
        new = AdministrativeUnit.objects.filter(code=link["to"], level=link["to_level"], valid_from=valid_to).first()
        if new is None:
            continue  # the current structure is not loaded yet
        _, created = Lineage.objects.get_or_create(
            predecessor=old,
            successor=new,
            defaults={"kind": link["kind"], "effective": valid_to, "legal_basis": document["legal_basis"]},
        )
        result.lineage_created += int(created)
    return result


def load_all(progress: Progress = lambda _msg: None) -> list[LoadResult]:
    from ictmis.units.directory import _by_reference

    results = [load_current(progress)]
    results.extend(load_historic(name, progress) for name in HISTORIC_FILES)
    _by_reference.cache_clear()
    return results
