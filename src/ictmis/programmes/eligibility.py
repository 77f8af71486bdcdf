"""Eligibility rules of programmes: pure functions of a household's data and a date. A programme names its
rule by key, so a new programme with an existing rule needs data, not code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.utils.translation import gettext as _

from ictmis.programmes.models import Delivery, Household, Poverty, PovertyRecord, Programme

SUPPORTED = (Poverty.POOR, Poverty.NEAR_POOR)
LIST_RULES = {"poor_or_near_poor", "poor_or_near_poor_not_equipped"}  # rules that read an approved list
EXCLUDING_RULES = {"poor_or_near_poor_not_equipped"}  # rules that look at the programmes a programme excludes


def waiting_records(programme: Programme) -> QuerySet[PovertyRecord] | None:
    """Approved-list entries that make a living household eligible and not yet served: the one definition
    of "eligible, not yet served" behind the tallies, the commune's list to print and the import. For a
    programme tied to a reference year, entries of that year; otherwise of any year (the caller picks).
    None for a rule that does not read the lists (no count of who is waiting)."""
    if programme.rule not in LIST_RULES:
        return None
    records = PovertyRecord.objects.filter(status__in=SUPPORTED, household__deleted_at__isnull=True).exclude(
        Exists(Delivery.objects.filter(household=OuterRef("household_id"), programme=programme))
    )
    if programme.reference_year:
        records = records.filter(year=programme.reference_year)
    excluded = [p.pk for p in programme.excludes.all()] if programme.rule in EXCLUDING_RULES else []
    if excluded:
        records = records.exclude(
            Exists(Delivery.objects.filter(household=OuterRef("household_id"), programme_id__in=excluded))
        )
    return records


def signature(programme: Programme) -> str:
    """What the tallies of a programme depend on besides its records: a change means a recount."""
    excluded = ",".join(str(pk) for pk in sorted(p.pk for p in programme.excludes.all()))
    return f"{programme.rule}|{programme.reference_year or ''}|{excluded}"


class Facts:
    """What the rules ask about a household, answered by the database one question at a time. An import
    answers from `Preloaded` facts of a whole block of rows instead."""

    def status(self, household: Household, year: int) -> str | None:
        return PovertyRecord.objects.filter(household=household, year=year).values_list("status", flat=True).first()

    def excluded(self, programme: Programme) -> list[Programme]:
        """The programmes this one excludes (a household served by one of them is not eligible)."""
        return list(programme.excludes.all())

    def served_on(self, programme: Programme, household: Household) -> dt.date | None:
        """When the household was first served by this programme, if ever."""
        found: dt.date | None = (
            Delivery.objects.filter(programme=programme, household=household)
            .order_by("delivered_on")
            .values_list("delivered_on", flat=True)
            .first()
        )
        return found

    def served_by(self, household: Household, programmes: list[Programme]) -> tuple[str, dt.date] | None:
        """A delivery to the household from one of these programmes: its programme's name and date."""
        served = Delivery.objects.filter(household=household, programme__in=programmes).select_related("programme")
        first = served.order_by("delivered_on").first()
        return (first.programme.name, first.delivered_on) if first is not None else None

    def delivered_that_day(self, programme: Programme, household: Household, on: dt.date) -> tuple[str, int] | None:
        """The serial number and amount of a delivery already recorded that day, if any."""
        found: tuple[str, int] | None = (
            Delivery.objects.filter(programme=programme, household=household, delivered_on=on)
            .values_list("serial", "amount")
            .first()
        )
        return found


class Preloaded(Facts):
    """The same answers for a block of households, read in two queries."""

    def __init__(self, household_ids: list[int]) -> None:
        # plain SQL: the ORM's IN lookup prepares each of a block's thousand keys in Python, twice a block
        ids = sorted(set(household_ids))
        self.excluding: dict[int, list[Programme]] = {}
        self.statuses = {
            (household_id, year): status
            for household_id, year, status in _by_household(PovertyRecord, ("household_id", "year", "status"), ids)
        }
        self.first_served: dict[tuple[int, int], dt.date] = {}
        self.delivered: dict[tuple[int, int, dt.date], tuple[str, int]] = {}
        rows = _by_household(Delivery, ("programme_id", "household_id", "delivered_on", "serial", "amount"), ids)
        for programme_id, household_id, stored_on, serial, amount in rows:
            on = stored_on if isinstance(stored_on, dt.date) else dt.date.fromisoformat(stored_on)  # SQLite: text
            self.delivered[(programme_id, household_id, on)] = (serial, amount)
            key = (programme_id, household_id)
            if key not in self.first_served or on < self.first_served[key]:
                self.first_served[key] = on

    def status(self, household: Household, year: int) -> str | None:
        return self.statuses.get((household.pk, year))

    def excluded(self, programme: Programme) -> list[Programme]:
        found = self.excluding.get(programme.pk)
        if found is None:  # once per programme and block, not once a row (each access builds a manager)
            found = self.excluding[programme.pk] = list(programme.excludes.all())
        return found

    def delivered_that_day(self, programme: Programme, household: Household, on: dt.date) -> tuple[str, int] | None:
        return self.delivered.get((programme.pk, household.pk, on))

    def served_on(self, programme: Programme, household: Household) -> dt.date | None:
        return self.first_served.get((programme.pk, household.pk))

    def served_by(self, household: Household, programmes: list[Programme]) -> tuple[str, dt.date] | None:
        found = [(on, p.name) for p in programmes if (on := self.first_served.get((p.pk, household.pk)))]
        return (min(found)[1], min(found)[0]) if found else None


def _by_household(model: type[Model], columns: tuple[str, ...], ids: list[int]) -> list[tuple[Any, ...]]:
    """The named columns (as in the table) of `model`'s rows whose household is one of `ids`, as the database
    gives them."""
    if not ids:
        return []
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    marks = ", ".join(["%s"] * len(ids))
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names} FROM {table} WHERE {quote('household_id')} IN ({marks})", ids)
        return list(cursor.fetchall())


DATABASE = Facts()
Rule = Callable[[Programme, Household, dt.date, Facts], list[str]]


def poor_or_near_poor(programme: Programme, household: Household, on: dt.date, facts: Facts = DATABASE) -> list[str]:
    """Poor or near-poor in the approved list of the programme's reference year (or of the delivery year)."""
    year = programme.reference_year or on.year
    if facts.status(household, year) not in SUPPORTED:
        return [_("The household is not in the approved poor or near-poor list of %(year)s.") % {"year": year}]
    return []


def poor_or_near_poor_not_equipped(
    programme: Programme, household: Household, on: dt.date, facts: Facts = DATABASE
) -> list[str]:
    """As above, and no device received from the programmes this one excludes (tablets, learning devices)."""
    reasons = poor_or_near_poor(programme, household, on, facts)
    served = facts.served_by(household, facts.excluded(programme))
    if served is not None:
        reasons.append(
            _("The household already received support from %(programme)s on %(day)s.")
            % {"programme": served[0], "day": served[1].strftime("%d/%m/%Y")}
        )
    return reasons


def anyone(programme: Programme, household: Household, on: dt.date, facts: Facts = DATABASE) -> list[str]:
    return []


RULES: dict[str, Rule] = {
    "poor_or_near_poor": poor_or_near_poor,
    "poor_or_near_poor_not_equipped": poor_or_near_poor_not_equipped,
    "anyone": anyone,
}


def reasons_against(programme: Programme, household: Household, on: dt.date, facts: Facts = DATABASE) -> list[str]:
    """Why this delivery would break the programme's rules; empty when it may go ahead."""
    reasons: list[str] = []
    if on < programme.starts_on or (programme.ends_on is not None and on > programme.ends_on):
        reasons.append(_("%(day)s is outside the programme's period.") % {"day": on.strftime("%d/%m/%Y")})
    if programme.once_per_household:
        earlier = facts.served_on(programme, household)
        if earlier is not None:
            reasons.append(
                _("The household was already served on %(day)s (once per household).")
                % {"day": earlier.strftime("%d/%m/%Y")}
            )
    rule = RULES.get(programme.rule)
    if rule is None:
        reasons.append(_("The programme names an unknown eligibility rule: %(rule)s.") % {"rule": programme.rule})
    else:
        reasons.extend(rule(programme, household, on, facts))
    return reasons
