"""A year's approved poor and near-poor list, as communes send it in Excel.

Every row is checked first (commune code, status, citizen ID against the year of birth); with any error
nothing is written. A row matches a household by its code; a new code creates the household. The year's
status is added or corrected for that year only, earlier years stay. Possible duplicates (the same
citizen ID under another code, or the same head, year of birth and village in the same commune) are
reported for a specialist to merge; they are never merged silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ictmis.core import events
from ictmis.core.errors import DomainError
from ictmis.core.spreadsheets import NotASpreadsheet, cell_text, read_rows
from ictmis.core.text import normalise
from ictmis.programmes import tallies
from ictmis.programmes.models import Household, Poverty, PovertyRecord
from ictmis.programmes.validators import validate_citizen_id

COLUMNS = {
    "code": ("Mã hộ", "Household code"),
    "head_name": ("Họ tên chủ hộ", "Head of household"),
    "head_birth_year": ("Năm sinh", "Year of birth"),
    "citizen_id": ("Số định danh cá nhân", "Citizen ID"),
    "unit": ("Mã đơn vị hành chính cấp xã", "Commune code"),
    "village": ("Thôn, bản", "Village"),
    "status": ("Diện", "Status"),
}
REQUIRED = ("code", "head_name", "unit", "status")
STATUS_WORDS = {"ngheo": Poverty.POOR, "ho ngheo": Poverty.POOR, "poor": Poverty.POOR, "can ngheo": Poverty.NEAR_POOR,
                "ho can ngheo": Poverty.NEAR_POOR, "near-poor": Poverty.NEAR_POOR, "near_poor": Poverty.NEAR_POOR,
                "khong": Poverty.NONE, "thoat ngheo": Poverty.NONE, "none": Poverty.NONE}  # fmt: skip


@dataclass
class ListCheck:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, column, message)
    duplicates: list[tuple[int, str, str]] = field(default_factory=list)  # (line, code, the household it resembles)
    new: int = 0
    existing: int = 0


def _units(codes: set[str], year: int) -> dict[str, Any]:
    """Codes were reused by the 2025 reform: a list is read in the units in force at the end of its year."""
    from django.db.models import Q

    from ictmis.units.public import AdministrativeUnit

    on = dt.date(year, 12, 31)
    found = AdministrativeUnit.objects.filter(code__in=codes, level="commune", valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on)
    )
    return {unit.code: unit for unit in found.select_related("parent__parent")}


def check_list(path: Path, *, year: int) -> ListCheck:
    result = ListCheck()
    try:
        header, data = read_rows(path)
    except NotASpreadsheet as exc:
        result.errors.append((1, "", str(exc)))
        return result
    names = {normalise(h): i for i, h in enumerate(header)}
    index = {key: next((names[normalise(n)] for n in heads if normalise(n) in names), None)
             for key, heads in COLUMNS.items()}  # fmt: skip
    for key in REQUIRED:
        if index[key] is None:
            result.errors.append((1, COLUMNS[key][0], _("The column is missing.")))
    if result.errors:
        return result
    raw_rows = []
    for line, cells in enumerate(data, start=2):
        values = {key: cell_text(cells[i]) if i is not None and i < len(cells) else "" for key, i in index.items()}
        raw_rows.append((line, values))
    units = _units({v["unit"] for _line, v in raw_rows}, year)
    seen_codes: dict[str, int] = {}
    for line, values in raw_rows:
        for key in REQUIRED:
            if not values[key]:
                result.errors.append((line, COLUMNS[key][0], _("This column must have a value.")))
        status = STATUS_WORDS.get(normalise(values["status"]))
        if values["status"] and status is None:
            result.errors.append((line, COLUMNS["status"][0], _("Write nghèo, cận nghèo or không.")))
        unit = units.get(values["unit"])
        if values["unit"] and unit is None:
            result.errors.append(
                (line, COLUMNS["unit"][0], _("No commune has the code %(code)s.") % {"code": values["unit"]})
            )
        birth_year = None
        if values["head_birth_year"]:
            try:
                birth_year = int(values["head_birth_year"])
            except ValueError:
                result.errors.append((line, COLUMNS["head_birth_year"][0], _("Give a whole number.")))
        if values["citizen_id"]:
            try:
                validate_citizen_id(values["citizen_id"], birth_year)
            except ValidationError as exc:
                result.errors.append((line, COLUMNS["citizen_id"][0], " ".join(exc.messages)))
        if values["code"] in seen_codes:
            result.errors.append(
                (
                    line,
                    COLUMNS["code"][0],
                    _("The same code is on line %(line)s.") % {"line": seen_codes[values["code"]]},
                )
            )
        seen_codes[values["code"]] = line
        result.rows.append({**values, "line": line, "status": status, "unit": unit, "head_birth_year": birth_year})
    if result.errors:
        return result
    existing = {h.code: h for h in Household.objects.filter(code__in=seen_codes)}
    result.existing = len(existing)
    result.new = len(result.rows) - result.existing
    for row in result.rows:
        if row["code"] in existing:
            continue
        twin = None
        if row["citizen_id"]:
            twin = Household.objects.alive().filter(citizen_id=row["citizen_id"]).exclude(code=row["code"]).first()
        if twin is None and row["head_birth_year"]:
            twin = (Household.objects.alive().filter(unit=row["unit"], head_birth_year=row["head_birth_year"],
                                                     village=row["village"]).exclude(code=row["code"])
                    .filter(search_text__contains=normalise(row["head_name"])).first())  # fmt: skip
        if twin is not None:
            result.duplicates.append((row["line"], row["code"], f"{twin.code} {twin.head_name}"))
    return result


@transaction.atomic
def import_list(*, path: Path, year: int, decision: str, standard: str, actor: Any, now: dt.datetime) -> ListCheck:
    """All or nothing: any row error and nothing is written."""
    result = check_list(path, year=year)
    if result.errors:
        raise DomainError(_("The list has %(n)s errors: nothing was written.") % {"n": len(result.errors)})
    existing = {h.code: h for h in Household.objects.filter(code__in=[r["code"] for r in result.rows])}
    actor_user = actor if getattr(actor, "pk", None) else None
    with tallies.batched():
        _write_rows(result.rows, existing, year=year, decision=decision, standard=standard, actor_user=actor_user)
    return result


def _write_rows(
    rows: list[dict[str, Any]],
    existing: dict[str, Household],
    *,
    year: int,
    decision: str,
    standard: str,
    actor_user: Any,
) -> None:
    for row in rows:
        household = existing.get(row["code"])
        if household is None:
            household = Household(code=row["code"], head_name=row["head_name"], head_birth_year=row["head_birth_year"],
                                  citizen_id=row["citizen_id"], unit=row["unit"], village=row["village"],
                                  created_by=actor_user, updated_by=actor_user)  # fmt: skip
            household.save()
        PovertyRecord.objects.update_or_create(
            household=household,
            year=year,
            defaults={"status": row["status"], "decision": decision, "standard": standard},
        )


@transaction.atomic
def merge_households(*, keep: Household, merge: Household, actor: Any, now: dt.datetime) -> Household:
    """A duplicate goes into the household kept: its deliveries and the years the kept one lacks move over;
    the duplicate is soft-deleted (restorable), and both histories stay."""
    from ictmis.core import records

    if keep.pk == merge.pk:
        raise DomainError(_("A household cannot be merged into itself."))
    kept_years = set(keep.poverty.values_list("year", flat=True))
    with tallies.batched():
        merge.poverty.exclude(year__in=kept_years).update(household=keep)
        merge.deliveries.update(household=keep)
        records.soft_delete(merge, actor=actor, now=now, verb="programmes.household.merged",
                            reason=_("merged into %(code)s") % {"code": keep.code})  # fmt: skip
        tallies.touched([keep.unit_id, merge.unit_id])
    events.record(keep, "programmes.household.merged_in", actor=actor, at=now, merged=merge.code)
    return keep
