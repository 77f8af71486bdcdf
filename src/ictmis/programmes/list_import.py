"""A year's approved poor and near-poor list, as communes send it in Excel, through the core import engine
(`ictmis import poverty-list FILE --year 2019`, or the import page, which runs it as a background job).

The year, the approving decision and the poverty standard are the import's parameters. Every row is read
in the units in force at the end of that year (codes were reused by the 2025 reform) and is scoped: its
commune, and the household its code matches, must be in the importer's units, or the row says they were
not found. A new code creates the household; the year's status is added or corrected for that year only,
earlier years stay. With any row error nothing is written. Possible duplicates (the same citizen ID under
another code, or the same head, year of birth and village in the same commune) among the households the
importer may see are noted for a specialist to merge by hand; they are never merged silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from ictmis.core.access import Scope, scope_of, scoped
from ictmis.core.errors import DomainError
from ictmis.core.forms import StyledForm
from ictmis.core.models import Event
from ictmis.core.registry import Column, Importer
from ictmis.core.text import normalise
from ictmis.parties.public import validate_citizen_id
from ictmis.programmes import tallies
from ictmis.programmes.models import Household, Poverty, PovertyRecord
from ictmis.units.public import AdministrativeUnit

BATCH = 1000
MAX_NOTES = 1000
VERB = "programmes.poverty_list.imported"
COLUMNS = [
    Column("code", "Mã hộ", "Household code", required=True),
    Column("head_name", "Họ tên chủ hộ", "Head of household", required=True),
    Column("head_birth_year", "Năm sinh", "Year of birth", "int"),
    Column("citizen_id", "Số định danh cá nhân", "Citizen ID"),
    Column("unit", "Mã đơn vị hành chính cấp xã", "Commune code", required=True),
    Column("village", "Thôn, bản", "Village"),
    # the words are data, not labels; listed for the template's guide (read through STATUS_WORDS)
    Column("status", "Diện", "Status", required=True, choices=[(w, w) for w in ("nghèo", "cận nghèo", "không")]),
]
STATUS_WORDS = {"ngheo": Poverty.POOR, "ho ngheo": Poverty.POOR, "poor": Poverty.POOR, "can ngheo": Poverty.NEAR_POOR,
                "ho can ngheo": Poverty.NEAR_POOR, "near-poor": Poverty.NEAR_POOR, "near_poor": Poverty.NEAR_POOR,
                "khong": Poverty.NONE, "thoat ngheo": Poverty.NONE, "none": Poverty.NONE}  # fmt: skip
LIMITS = {name: getattr(Household._meta.get_field(name), "max_length", 0) for name in ("code", "head_name", "village")}


class ListParameters(StyledForm):
    year = forms.IntegerField(label=gettext_lazy("Year of the list"), min_value=2000, max_value=2100)
    decision = forms.CharField(label=gettext_lazy("Approving decision"), required=False, max_length=120)
    standard = forms.CharField(label=gettext_lazy("Poverty standard"), required=False, max_length=120)


def _covers(scope: Scope, path: str) -> bool:
    return scope.whole_province or any(path.startswith(prefix) for prefix in scope.unit_paths)


@dataclass(frozen=True)
class Stored:
    """What the year's list already says of a household."""

    status: str
    decision: str
    standard: str


class ListChecker:
    """The rules of a year's list, row by row. The engine hands over each block of rows first: its communes
    (in force in the year), the households its codes name, the year's statuses already stored and the
    possible duplicates the importer may see are read in a handful of queries for the whole block."""

    def __init__(self, actor: Any, *, year: int, decision: str = "", standard: str = "") -> None:
        self.year, self.decision, self.standard = year, decision, standard
        self.scope = scope_of(actor)
        self.visible = scoped(Household.objects.alive(), actor, unit_path="unit_path")
        self.on = dt.date(year, 12, 31)
        self.notes: list[str] = []
        self.units: dict[str, Any] = {}
        self.households: dict[str, Household] = {}
        self.stored: dict[int, Stored] = {}
        self.twins_by_id: dict[str, Household] = {}
        self.twins_by_head: dict[tuple[int, int, str, str], Household] = {}

    def prefetch(self, block: list[dict[str, Any]]) -> None:
        if not block:
            return
        codes = {str(values["code"]).strip() for values in block}
        unit_codes = {str(values["unit"]).strip() for values in block}
        found = (
            AdministrativeUnit.objects.filter(code__in=unit_codes, level="commune", valid_from__lte=self.on)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=self.on))
            .select_related("parent__parent")
        )
        self.units = {unit.code: unit for unit in found if _covers(self.scope, unit.path)}
        self.households = {
            h.code: h
            for h in Household.objects.filter(code__in=codes).only("pk", "code", "unit_id", "unit_path", "deleted_at")
        }
        self.stored = {
            household_id: Stored(status, decision, standard)
            for household_id, status, decision, standard in PovertyRecord.objects.filter(
                year=self.year, household_id__in=[h.pk for h in self.households.values()]
            ).values_list("household_id", "status", "decision", "standard")
        }
        self._prefetch_twins(block, codes)

    def _prefetch_twins(self, block: list[dict[str, Any]], codes: set[str]) -> None:
        """Households the importer may see that new rows resemble; none outside the importer's units."""
        fresh = [values for values in block if str(values["code"]).strip() not in self.households]
        citizen_ids = {str(values.get("citizen_id") or "").strip() for values in fresh} - {""}
        fields = ("pk", "code", "head_name", "head_birth_year", "village", "unit_id", "citizen_id")
        by_id = self.visible.filter(citizen_id__in=citizen_ids).exclude(code__in=codes)
        self.twins_by_id = {h.citizen_id: h for h in by_id.only(*fields).order_by("-pk")}
        units = [self.units[u].pk for u in {str(v["unit"]).strip() for v in fresh} if u in self.units]
        years = {v.get("head_birth_year") for v in fresh} - {None}
        self.twins_by_head = {}
        if units and years:
            candidates = self.visible.filter(unit_id__in=units, head_birth_year__in=years).exclude(code__in=codes)
            for h in candidates.only(*fields).order_by("-pk"):
                key = (h.unit_id, h.head_birth_year, normalise(h.village), normalise(h.head_name))
                self.twins_by_head[key] = h

    def _particulars(self, values: dict[str, Any]) -> dict[str, str]:
        errors = {}
        for name, limit in LIMITS.items():
            if len(str(values.get(name) or "")) > (limit or 0):
                errors[name] = _("At most %(n)s characters.") % {"n": limit}
        birth_year = values.get("head_birth_year")
        if birth_year is not None and not 1880 <= birth_year <= self.year:
            errors["head_birth_year"] = _("Give a year from 1880 to %(year)s.") % {"year": self.year}
            birth_year = None
        citizen_id = str(values.get("citizen_id") or "").strip()
        if citizen_id:
            try:
                validate_citizen_id(citizen_id, birth_year)
            except ValidationError as exc:
                errors["citizen_id"] = " ".join(exc.messages)
        return errors

    def __call__(self, values: dict[str, Any]) -> dict[str, str]:
        errors = self._particulars(values)
        code = str(values["code"]).strip()
        status = STATUS_WORDS.get(normalise(str(values["status"])))
        if status is None:
            errors["status"] = _("Write nghèo, cận nghèo or không.")
        unit_code = str(values["unit"]).strip()
        unit = self.units.get(unit_code)
        if unit is None:
            errors["unit"] = _("No commune has the code %(code)s in your units in %(year)s.") % {
                "code": unit_code,
                "year": self.year,
            }
        household = self.households.get(code)
        if household is not None and not _covers(self.scope, household.unit_path):
            errors["code"] = _("No such household in your units.")
        elif household is not None and household.deleted_at is not None:
            errors["code"] = _("Household %(code)s was deleted or merged into another; restore it first.") % {
                "code": code
            }
        if errors or status is None:
            return errors
        values.update(code=code, unit=unit, status=status, citizen_id=str(values.get("citizen_id") or "").strip())
        values.update(_household=household, _year=self.year, _decision=self.decision, _standard=self.standard)
        values["_same"] = household is not None and self.stored.get(household.pk) == Stored(
            status, self.decision, self.standard
        )
        if household is None:
            self._note_twin(values)
        return {}

    def _note_twin(self, values: dict[str, Any]) -> None:
        twin = self.twins_by_id.get(values["citizen_id"]) if values["citizen_id"] else None
        if twin is None and values.get("head_birth_year"):
            key = (
                values["unit"].pk,
                values["head_birth_year"],
                normalise(values.get("village") or ""),
                normalise(values["head_name"]),
            )
            twin = self.twins_by_head.get(key)
        if twin is not None and len(self.notes) < MAX_NOTES:
            self.notes.append(
                _("%(code)s may be the same household as %(twin)s %(name)s.")
                % {"code": values["code"], "twin": twin.code, "name": twin.head_name}
            )


def _still_in_scope(rows: list[tuple[int, dict[str, Any]]], actor: Any) -> None:
    """Between the check and the write a household may have been moved or deleted: the block's households
    are locked and read again through the importer's scope; any change stops the import (nothing written)."""
    known = {values["_household"].pk for _n, values in rows if values["_household"] is not None}
    if not known:
        return
    visible = scoped(Household.objects.alive(), actor, unit_path="unit_path") if actor else Household.objects.alive()
    locked = set(visible.select_for_update().filter(pk__in=known).values_list("pk", flat=True))
    for number, values in rows:
        household = values["_household"]
        if household is not None and household.pk not in locked:
            raise DomainError(
                _("Row %(row)s: household %(code)s was changed meanwhile; check the file again.")
                % {"row": number, "code": household.code}
            )


def _new_household(values: dict[str, Any], *, user: Any, now: dt.datetime) -> Household:
    household = Household(
        code=values["code"],
        head_name=values["head_name"],
        head_birth_year=values.get("head_birth_year"),
        citizen_id=values["citizen_id"],
        unit=values["unit"],
        village=values.get("village") or "",
        created_by=user,
        updated_by=user,
    )
    household.created_at = household.updated_at = now
    household.fill_unit_keys()
    household.search_text = household.build_search_text()
    return household


def write(rows: list[tuple[int, dict[str, Any]]], *, actor: Any, now: dt.datetime, progress: Any) -> dict[str, int]:
    """Every checked row in the engine's transaction: new households, then the year's statuses added or
    corrected in bulk; the communes touched are recounted once and one event records the import."""
    user = actor if getattr(actor, "pk", None) else None
    counts = {"created": 0, "updated": 0, "unchanged": 0, "households_created": 0}
    units: set[int] = set()
    with tallies.batched():
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            _still_in_scope(batch, actor)
            fresh = [_new_household(values, user=user, now=now) for _n, values in batch if values["_household"] is None]
            try:
                with transaction.atomic():
                    bulk_create_with_history(fresh, Household, batch_size=BATCH, default_user=user, default_date=now)
            except IntegrityError:
                raise DomainError(
                    _("A household code of the file was recorded by someone else meanwhile; check the file again.")
                ) from None
            created = {household.code: household for household in fresh}
            counts["households_created"] += len(fresh)
            changes = [values for _n, values in batch if not values["_same"]]
            counts["unchanged"] += len(batch) - len(changes)
            households = {v["code"]: v["_household"] or created[v["code"]] for v in changes}
            known = [v["_household"].pk for v in changes if v["_household"] is not None]
            stored = (
                {
                    record.household_id: record
                    for record in PovertyRecord.objects.filter(year=changes[0]["_year"], household_id__in=known)
                }
                if known
                else {}
            )
            to_create, to_update = [], []
            for values in changes:
                household = households[values["code"]]
                units.add(household.unit_id)
                record = stored.get(household.pk)
                if record is None:
                    record = PovertyRecord(household=household, year=values["_year"])
                    to_create.append(record)
                else:
                    to_update.append(record)
                record.status, record.decision, record.standard = (
                    values["status"],
                    values["_decision"],
                    values["_standard"],
                )
            bulk_create_with_history(to_create, PovertyRecord, batch_size=BATCH, default_user=user, default_date=now)
            if to_update:
                bulk_update_with_history(
                    to_update,
                    PovertyRecord,
                    ["status", "decision", "standard"],
                    batch_size=BATCH,
                    default_user=user,
                    default_date=now,
                )
            counts["created"] += len(to_create)
            counts["updated"] += len(to_update)
            progress("committing", min(start + BATCH, len(rows)), len(rows))
        tallies.touched(units)
    if rows:
        first = rows[0][1]
        Event.objects.create(
            verb=VERB,
            object_type="programmes.povertylist",
            object_id=str(first["_year"]),
            actor=user,
            at=now,
            data={
                "year": first["_year"],
                "decision": first["_decision"],
                "standard": first["_standard"],
                "rows": len(rows),
                "communes": len(units),
                **counts,
            },
        )
    return counts


POVERTY_LIST = Importer(
    key="poverty-list",
    label=gettext_lazy("approved poor and near-poor lists"),
    columns=COLUMNS,
    natural_key=("code",),
    permission="programmes.change_household",
    row_checker=ListChecker,
    write=write,
    home_url_name="programmes:list",
    parameters=ListParameters,
    import_note=gettext_lazy(
        "When no row has an error, confirm the import: all rows are written together, or none. A household is "
        "matched by its code, a new code creates it; the year's status is added or corrected and earlier years "
        "stay, so importing the same file again changes nothing. Possible duplicates are listed for a specialist "
        "to merge by hand on the household's page."
    ),
)
