"""Deliveries from a spreadsheet, through the core import engine (`ictmis import deliveries FILE`, or the
import page): every row is checked against the programme's rules exactly as a delivery entered by hand,
and with any error nothing is written.

A row names the programme and the household by their codes. Rows the rules refuse are errors with the
reason, unless the row gives a reason for delivering anyway and the importer may override (audited, as by
hand). The same delivery imported twice (programme, household and date already stored) is left as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core import bulk_write, events
from ictmis.core.access import scope_of
from ictmis.core.errors import DomainError
from ictmis.core.registry import Column, Importer
from ictmis.programmes import eligibility, tallies
from ictmis.programmes.models import Delivery, Household, Programme
from ictmis.programmes.services import serial_taken

BATCH = 1000
SAME = "_already_stored"

COLUMNS = [
    Column("programme", "Mã chương trình", "Programme code", required=True),
    Column("household", "Mã hộ", "Household code", required=True),
    Column("delivered_on", "Ngày hỗ trợ", "Delivered on", "date", required=True),
    Column("serial", "Số sê-ri thiết bị", "Device serial number"),
    Column("antenna", "Ăng-ten", "Antenna", "bool"),
    Column("cable_m", "Dây cáp (m)", "Cable (m)", "int"),
    Column("amount", "Mức hỗ trợ (đồng)", "Subsidy (đồng)", "int"),
    Column("delivered_by", "Người, đơn vị giao", "Delivered by"),
    Column("funding_source", "Nguồn kinh phí", "Funding source"),
    Column("override_reason", "Lý do hỗ trợ ngoài quy định", "Reason for delivering despite the rules", "text"),
]


@dataclass(frozen=True, slots=True)
class BlockHousehold:
    """A household of a block as the rules and the write use it (the rules read its facts by key from the
    block's preloaded `eligibility.Preloaded`): read as plain values, not a model instance per row."""

    pk: int
    code: str
    unit_id: int


class RowChecker:
    """The rules of `services.record_delivery`, row by row, remembering the file's earlier rows (a household
    served twice in one file, or a serial number given twice, is refused like one already stored). The
    engine hands over each block of rows first: its households, their lists and deliveries, and the
    serial numbers already used are read in a handful of queries for the whole block."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.programmes = {p.code: p for p in Programme.objects.prefetch_related("excludes")}
        self.scope = scope_of(actor)
        self.may_override = bool(
            actor and getattr(actor, "pk", None) and actor.has_perm("programmes.override_delivery")
        )
        self.in_file: dict[int, set[int]] = {}  # programme → households served by earlier rows
        self.serials: set[tuple[int, str]] = set()
        self.today = timezone.localdate()
        self.found: dict[str, Any] = {}  # code → BlockHousehold
        self.stored_serials: set[tuple[int, str]] = set()
        self.facts: eligibility.Facts = eligibility.DATABASE

    def prefetch(self, block: list[dict[str, Any]]) -> None:
        codes = sorted({str(values["household"]).strip() for values in block})
        self.found = {h.code: h for h in _households(codes, self.scope)}
        serials = {str(v.get("serial") or "").strip() for v in block} - {""}
        self.stored_serials = set(
            Delivery.objects.filter(serial__in=serials).values_list("programme_id", "serial").order_by()
        )
        self.facts = eligibility.Preloaded([h.pk for h in self.found.values()])

    @staticmethod
    def _bounds(values: dict[str, Any]) -> dict[str, str]:
        """What the database would refuse: negative or huge numbers, texts longer than their field."""
        errors = {}
        for name, top in (("cable_m", 32767), ("amount", 10**15)):
            number = values.get(name)
            if number is not None and not 0 <= number <= top:
                errors[name] = _("Give a number from 0 to %(top)s.") % {"top": f"{top:,}".replace(",", ".")}
        for name, limit in _text_limits():
            if len(str(values.get(name) or "")) > limit:
                errors[name] = _("At most %(n)s characters.") % {"n": limit}
        return errors

    def __call__(self, values: dict[str, Any]) -> dict[str, str]:
        programme = self.programmes.get(str(values["programme"]).strip())
        if programme is None:
            return {"programme": _("No programme has the code %(code)s.") % {"code": values["programme"]}}
        household = self.found.get(str(values["household"]).strip())
        if household is None:
            return {"household": _("No such household in your units.")}
        values["programme"], values["household"] = programme, household
        on: dt.date = values["delivered_on"]
        stored = self.facts.delivered_that_day(programme, household, on)
        if stored is not None:
            serial, amount = str(values.get("serial") or "").strip(), values.get("amount") or 0
            if (serial or stored[0], amount or stored[1]) != stored:
                return {"delivered_on": _("A delivery of that day is already recorded with other particulars.")}
            values[SAME] = True  # the same delivery imported before
            return {}
        errors = self._bounds(values)
        if on > self.today:
            errors["delivered_on"] = _("The delivery date cannot be in the future.")
        cable = values.get("cable_m")
        if programme.max_cable_m is not None and cable is not None and cable > programme.max_cable_m:
            errors["cable_m"] = _("At most %(m)s m of cable per household.") % {"m": programme.max_cable_m}
        serial = str(values.get("serial") or "").strip()
        if serial:
            if (programme.pk, serial) in self.stored_serials:
                errors["serial"] = serial_taken(programme_id=programme.pk, serial=serial, actor=self.actor)
            elif (programme.pk, serial) in self.serials:
                errors["serial"] = _("Serial number %(serial)s appears twice in this file.") % {"serial": serial}
            self.serials.add((programme.pk, serial))
        reasons = eligibility.reasons_against(programme, household, on, self.facts)
        if programme.once_per_household and household.pk in self.in_file.get(programme.pk, set()):
            reasons.append(_("The household is served by an earlier row of this file (once per household)."))
        excluding = self.facts.excluded(programme) if programme.rule in eligibility.EXCLUDING_RULES else []
        if any(household.pk in self.in_file.get(other.pk, set()) for other in excluding):
            reasons.append(_("The household receives an excluding programme's support in this file."))
        self.in_file.setdefault(programme.pk, set()).add(household.pk)
        reason = str(values.get("override_reason") or "").strip()
        if reasons and not reason:
            errors["household"] = " ".join(reasons)
        elif reasons and not self.may_override:
            errors["override_reason"] = _("Only a specialist may deliver despite the rules.")
        values["_reasons"] = reasons
        return errors


def _households(codes: list[str], scope: Any) -> list[BlockHousehold]:
    """The living households with these codes inside the actor's units (the registry selectors' rule: the
    household's unit path under one of the actor's), in one plain query."""
    if not codes:
        return []
    quote = bulk_write.quote
    marks = ", ".join(["%s"] * len(codes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('id')}, {quote('code')}, {quote('unit_id')}, {quote('unit_path')} "
            f"FROM {quote(Household._meta.db_table)} "
            f"WHERE {quote('deleted_at')} IS NULL AND {quote('code')} IN ({marks})",
            codes,
        )
        rows = cursor.fetchall()
    paths = scope.unit_paths
    return [
        BlockHousehold(pk, code, unit_id)
        for pk, code, unit_id, unit_path in rows
        if scope.whole_province or any(unit_path.startswith(path) for path in paths)
    ]


_TEXT_LIMITS: list[tuple[str, int]] = []


def _text_limits() -> list[tuple[str, int]]:
    if not _TEXT_LIMITS:
        _TEXT_LIMITS.extend(
            (name, getattr(Delivery._meta.get_field(name), "max_length", None) or 0)
            for name in ("serial", "delivered_by", "funding_source")
        )
    return _TEXT_LIMITS


def _still_allowed(rows: list[tuple[int, dict[str, Any]]]) -> None:
    """Between the check and the write someone may have recorded a delivery by hand: the households of the
    block are locked and a once-per-household delivery made meanwhile stops the import (nothing written)."""
    households = sorted({values["household"].pk for _n, values in rows if not values.get(SAME)})
    served: set[tuple[int, int]] = set()
    if households:
        # plain SQL: the ORM's IN lookup prepares each of the block's keys in Python, twice a block
        quote = bulk_write.quote
        marks = ", ".join(["%s"] * len(households))
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('id')} FROM {quote(Household._meta.db_table)} WHERE {quote('id')} IN ({marks}){lock}",
                households,
            )
            cursor.execute(
                f"SELECT d.{quote('programme_id')}, d.{quote('household_id')} FROM {quote(Delivery._meta.db_table)} d "
                f"JOIN {quote(Programme._meta.db_table)} p ON p.{quote('id')} = d.{quote('programme_id')} "
                f"WHERE d.{quote('household_id')} IN ({marks}) AND p.{quote('once_per_household')} = %s",
                [*households, True],
            )
            served = set(cursor.fetchall())
    for number, values in rows:
        key = (values["programme"].pk, values["household"].pk)
        if not values.get(SAME) and not values["_reasons"] and key in served:
            raise DomainError(
                _("Row %(row)s: household %(code)s was served meanwhile; check the file again.")
                % {"row": number, "code": values["household"].code}
            )


def write(rows: list[tuple[int, dict[str, Any]]], *, actor: Any, now: dt.datetime, progress: Any) -> dict[str, int]:
    """Every checked row as a delivery, in the engine's transaction: deliveries and their history rows from
    tuples (`bulk_write`), block by block; the tallies moved by what was added (the import only appends);
    overridden rows audited one by one."""
    user = actor if getattr(actor, "pk", None) else None
    user_id = getattr(user, "pk", None)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    table = bulk_write.Table(Delivery)
    history = bulk_write.HistoryTable(Delivery, table)
    at = {name: index for index, name in enumerate(table.attnames)}
    template = [None if f.primary_key else f.get_default() for f in table.fields]
    for name, value in (
        ("created_at", now),
        ("updated_at", now),
        ("created_by_id", user_id),
        ("updated_by_id", user_id),
    ):
        template[at[name]] = value
    tally = tallies.Appended()
    for start in range(0, len(rows), BATCH):
        block = rows[start : start + BATCH]
        _still_allowed(block)
        records, audited, fresh = [], [], []
        for _number, values in block:
            if values.get(SAME):
                counts["unchanged"] += 1
                continue
            household = values["household"]
            record = list(template)
            record[at["programme_id"]] = values["programme"].pk
            record[at["household_id"]] = household.pk
            record[at["delivered_on"]] = values["delivered_on"]
            record[at["serial"]] = str(values.get("serial") or "").strip()
            record[at["antenna"]] = bool(values.get("antenna"))
            record[at["cable_m"]] = values.get("cable_m")
            record[at["amount"]] = values.get("amount") or 0
            record[at["delivered_by"]] = values.get("delivered_by") or ""
            record[at["funding_source"]] = values.get("funding_source") or ""
            reasons = values["_reasons"]
            record[at["override_reason"]] = str(values.get("override_reason") or "").strip() if reasons else ""
            records.append(record)
            fresh.append((values["programme"].pk, household.pk, household.unit_id, values["delivered_on"]))
            if reasons:
                audited.append((record, household.code, reasons))
        tally.before_write(fresh)
        for record, pk in zip(records, bulk_write.new_keys(Delivery, len(records)), strict=True):
            record[0] = pk
        try:
            with transaction.atomic():
                written = table.insert(records)
        except IntegrityError:
            raise DomainError(
                _("A serial number of the file was recorded by someone else meanwhile; check the file again.")
            ) from None
        history.insert(written, kind="+", user_id=user_id, at=now)
        for record, code, reasons in audited:
            events.record(
                Delivery(pk=record[0]),
                "programmes.delivery.recorded",
                actor=actor,
                at=now,
                household=code,
                overridden=True,
                reasons=reasons,
                override_reason=record[at["override_reason"]],
                imported=True,
            )
        counts["created"] += len(records)
        progress("committing", min(start + BATCH, len(rows)), len(rows))
    tally.apply()
    return counts


DELIVERIES = Importer(
    key="deliveries",
    label=gettext_lazy("deliveries"),
    columns=COLUMNS,
    natural_key=("programme", "household", "delivered_on"),
    permission="programmes.add_delivery",
    row_checker=RowChecker,
    write=write,
    home_url_name="programmes:list",
    import_note=gettext_lazy(
        "When no row has an error, confirm the import: all rows are written together, or none. A delivery "
        "already recorded (same programme, household and day) is left as it is, so importing the same file "
        "again changes nothing; a row the rules refuse needs a reason, and only a specialist may give one."
    ),
)
