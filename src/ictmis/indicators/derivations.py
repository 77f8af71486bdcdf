"""The one map from an indicator's `derivation` code to the sector app's counting function.

Indicators sits above the sector apps, so it reads them through their `public.py` (see
docs/decisions/0010-indicator-derivations.md): each function here takes the tree paths of the units counted
and the cut-off window, and returns the value per breakdown key ("" is the total) and per commune.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ictmis.broadcasting import public as broadcasting
from ictmis.licensing import public as licensing
from ictmis.postal import public as postal
from ictmis.programmes import public as programmes
from ictmis.telecom import public as telecom

ByCommune = dict[int, int]


@dataclass(frozen=True)
class Derived:
    """Values by breakdown key ("" the total) and, where the records are located, the total per commune."""

    values: dict[str, Decimal]
    by_commune: ByCommune


@dataclass(frozen=True)
class Derivation:
    code: str
    label: str | Promise
    compute: Callable[[list[str], dt.date, dt.date], Derived]
    registry: str | None = None  # the registry list the link opens, filtered by the unit
    department_only: bool = False  # figures of the Department itself (licences, cases): province level only

    def link(self, unit_id: int) -> str:
        if self.registry is None:
            return reverse("licensing:cases") if self.department_only else ""
        return f"{reverse('registry:list', args=[self.registry])}?unit={quote('#')}{unit_id}"


def _total(by_commune: ByCommune) -> Derived:
    return Derived({"": Decimal(sum(by_commune.values()))}, by_commune)


def _points(paths: list[str], start: dt.date, end: dt.date) -> Derived:
    return _total(postal.points_in_operation(paths=paths, on=end))


def _points_internet(paths: list[str], start: dt.date, end: dt.date) -> Derived:
    return _total(postal.points_with_internet(paths=paths, on=end))


def _radio_communes(paths: list[str], start: dt.date, end: dt.date) -> Derived:
    return _total({unit_id: 1 for unit_id in broadcasting.working_stations(paths=paths, on=end)})


def _bts(paths: list[str], start: dt.date, end: dt.date) -> Derived:
    values: dict[str, Decimal] = {"": Decimal(0)}
    by_commune: ByCommune = {}
    for unit_id, operator, technologies in telecom.stations_in_operation(paths=paths, on=end):
        values[""] += 1
        by_commune[unit_id] = by_commune.get(unit_id, 0) + 1
        for key in (f"operator={operator}", *(f"technology={t}" for t in technologies)):
            values[key] = values.get(key, Decimal(0)) + 1
    return Derived(values, by_commune)


def _broadband_communes(paths: list[str], start: dt.date, end: dt.date) -> Derived:
    covered = {
        unit_id
        for unit_id, _operator, technologies in telecom.stations_in_operation(paths=paths, on=end)
        if set(technologies) & {"3G", "4G", "5G"}
    }
    return _total(dict.fromkeys(covered, 1))


def _households(paths: list[str], start: dt.date, end: dt.date) -> Derived:
    return _total(programmes.households_supported(paths=paths, on=end))


def _licences(paths: list[str], start: dt.date, end: dt.date) -> Derived:
    return Derived({"": Decimal(licensing.licences_issued(start=start, end=end))}, {})


def _cases(paths: list[str], start: dt.date, end: dt.date) -> Derived:
    return Derived({"": Decimal(licensing.cases_finished(start=start, end=end)[0])}, {})


def _cases_on_time(paths: list[str], start: dt.date, end: dt.date) -> Derived:
    return Derived({"": Decimal(licensing.cases_finished(start=start, end=end)[1])}, {})


# The dimensions a derived value is broken down by ("operator=Viettel"), as the report names them.
BREAKDOWN_LABELS = {"operator": _("Operator"), "technology": _("technology")}


def breakdown_label(breakdown: str) -> str:
    """A breakdown key as a person reads it: "Doanh nghiệp: Viettel" rather than "operator=Viettel"."""
    key, sep, option = breakdown.partition("=")
    if not sep:
        return breakdown
    return f"{BREAKDOWN_LABELS.get(key, key)}: {option}"


DERIVATIONS: dict[str, Derivation] = {
    d.code: d
    for d in (
        Derivation("postal.points", _("post office points in operation"), _points, "post-offices"),
        Derivation(
            "postal.points_internet", _("post office points with public Internet"), _points_internet, "post-offices"
        ),
        Derivation(
            "broadcasting.communes", _("communes with a working radio station"), _radio_communes, "radio-stations"
        ),
        Derivation("telecom.bts", _("BTS stations in operation, by operator and technology"), _bts, "bts-stations"),
        Derivation(
            "telecom.broadband_communes",
            _("communes with mobile broadband (3G/4G/5G)"),
            _broadband_communes,
            "bts-stations",
        ),
        Derivation("programmes.households", _("households supported by a programme"), _households),
        Derivation("licensing.licences", _("licences issued"), _licences, department_only=True),
        Derivation("licensing.cases", _("cases decided"), _cases, department_only=True),
        Derivation("licensing.cases_on_time", _("cases decided on time"), _cases_on_time, department_only=True),
    )
}


def derive(code: str, *, paths: Iterable[str], start: dt.date, end: dt.date) -> Derived:
    return DERIVATIONS[code].compute(list(paths), start, end)
