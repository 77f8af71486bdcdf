"""New-rural criterion 8 assessed from the registries: each sub-criterion of the version in force decided from
the registries as of the end of the year (with the records counted linked), or by a specialist's audited
override. Pages read the stored result of this (`scorecards.py`), which calls it for the stale communes only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

from django.db.models import Q
from django.urls import reverse

from ictmis.broadcasting import public as broadcasting
from ictmis.indicators.models import CriterionVersion, ScorecardOverride, SubCriterion
from ictmis.postal import public as postal
from ictmis.telecom import public as telecom
from ictmis.units.public import REFORM_DATE, Level, former_paths, successions, units

REGISTRY, OVERRIDE, NOT_ASSESSED = "registry", "override", "not_assessed"


@dataclass(frozen=True)
class SubResult:
    code: str
    name: str
    met: bool
    source: str  # registry, override or not_assessed
    evidence: str = ""  # link to the records counted, or to the override's file
    detail: str = ""
    unconfirmed: bool = False
    override_id: int | None = None


@dataclass
class Scorecard:
    unit_id: int
    code: str
    name: str
    year: int
    results: list[SubResult] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return bool(self.results) and all(r.met for r in self.results)


def version_for(year: int) -> CriterionVersion | None:
    return (
        CriterionVersion.objects.filter(first_year__lte=year, last_year__gte=year)
        .prefetch_related("subcriteria")
        .first()
    )


def assessed_on(year: int, today: dt.date) -> dt.date:
    """The day the registries are read for a year: its last day, or today for the current year."""
    return min(dt.date(year, 12, 31), today)


@lru_cache(maxsize=16)
def _list_url(registry: str) -> str:
    return f"{reverse('registry:list', args=[registry])}?unit={quote('#')}"


def link(registry: str, unit_id: int) -> str:
    return f"{_list_url(registry)}{unit_id}"


Facts = dict[str, dict[int, object]]
Test = Callable[[SubCriterion, int, Facts], tuple[bool, str, str]]


def _postal(sub: SubCriterion, unit_id: int, facts: Facts) -> tuple[bool, str, str]:
    count = int(facts["points"].get(unit_id, 0))  # type: ignore[call-overload]
    return count >= int(sub.threshold.get("min_points", 1)), link("post-offices", unit_id), str(count)


def _broadband(sub: SubCriterion, unit_id: int, facts: Facts) -> tuple[bool, str, str]:
    techs = facts["bts"].get(unit_id)
    if not techs:
        return False, link("bts-stations", unit_id), ""
    needed = set(sub.threshold.get("technologies", ["3G", "4G", "5G"]))
    found = sorted(techs & needed)  # type: ignore[operator]
    return bool(found), link("bts-stations", unit_id), ", ".join(found)


def _radio(sub: SubCriterion, unit_id: int, facts: Facts) -> tuple[bool, str, str]:
    station = facts["radio"].get(unit_id)
    if station is None:
        return False, link("radio-stations", unit_id), "0"
    covered, total = station.villages_covered, station.villages_total  # type: ignore[attr-defined]
    share = covered / total if total else 0.0
    met = share >= float(sub.threshold.get("villages_share", 1.0))
    return met, link("radio-stations", unit_id), f"{covered}/{total}"


TESTS: dict[str, Test] = {"postal_point": _postal, "broadband": _broadband, "radio": _radio}
# the registry whose records each test counts (the evidence link opens its list filtered by the commune)
REGISTRY_OF = {"postal_point": "post-offices", "broadband": "bts-stations", "radio": "radio-stations"}


def _facts(paths: list[str], on: dt.date) -> Facts:
    bts: dict[int, object] = {}
    for unit_id, _operator, technologies in telecom.stations_in_operation(paths=paths, on=on):
        bts.setdefault(unit_id, set()).update(technologies)  # type: ignore[attr-defined]
    return {
        "points": dict(postal.points_in_operation(paths=paths, on=on)),
        "radio": dict(broadcasting.working_stations(paths=paths, on=on)),
        "bts": bts,
    }


def _as_today(facts: Facts) -> Facts:
    """Facts of records filed under former communes, moved to the commune each became (its default successor)."""
    former = {unit_id for by_unit in facts.values() for unit_id in by_unit}
    links = {old: news[0][0] for old, news in successions(list(former)).items()}
    moved: Facts = {}
    for name, by_unit in facts.items():
        target: dict[int, object] = {}
        for unit_id, value in by_unit.items():
            key = links.get(unit_id, unit_id)
            target[key] = _merge(target.get(key), value)
        moved[name] = target
    return moved


def _merge(seen: object, value: object) -> object:
    if seen is None:
        return value
    if isinstance(value, set):
        return value | seen  # type: ignore[operator]
    if isinstance(value, int):
        return value + seen  # type: ignore[operator]
    return value  # radio stations: the station of the commune that became it


def _former(paths: list[str], communes: list[tuple[int, str]], on: dt.date) -> list[str]:
    """The paths of the former units whose records count for `communes` ((id, path) of today's structure) under
    `paths`: for a whole province the former provinces it absorbed (provinces merged whole), else each commune's
    former communes (a country's 10,000 former communes would not fit in one query)."""
    provinces = dict(units(level=Level.PROVINCE, on=on).filter(path__in=paths).values_list("path", "pk"))
    rest = [pk for pk, path in communes if "/" + path.split("/")[1] + "/" not in provinces]
    return former_paths([*provinces.values(), *rest])


def assess(
    *, paths: Iterable[str], year: int, today: dt.date, unit_ids: Collection[int] | None = None
) -> list[Scorecard]:
    """The scorecard of every commune under `paths` in the structure of that year (or of those among `unit_ids`),
    computed from the registries: five queries whatever the number of communes."""
    version = version_for(year)
    if version is None:
        return []
    on = assessed_on(year, today)
    path_list = list(paths)
    under = Q(pk__in=[])
    for path in path_list:
        under |= Q(path__startswith=path)
    communes_qs = units(level=Level.COMMUNE, on=on).filter(under)
    if unit_ids is not None:
        communes_qs = communes_qs.filter(pk__in=list(unit_ids))
    communes = list(communes_qs.values_list("pk", "code", "name", "path"))
    ids = [pk for pk, _code, _name, _path in communes]
    if on >= REFORM_DATE:
        former = _former(path_list, [(pk, path) for pk, _code, _name, path in communes], on)
        facts = _as_today(_facts([*path_list, *former], on))
    else:
        facts = _facts(path_list, on)
    subs = list(version.subcriteria.all())
    overrides = {
        (o.unit_id, o.subcriterion_id): o
        for o in ScorecardOverride.objects.filter(year=year, subcriterion__in=subs, unit_id__in=ids)
    }
    tests = [(sub, TESTS.get(sub.test)) for sub in subs]
    cards = []
    for pk, code, name, _path in communes:
        card = Scorecard(pk, code, name, year)
        results = card.results
        for sub, test in tests:
            override = overrides.get((pk, sub.pk)) if overrides else None
            if override is not None:
                result = SubResult(
                    sub.code,
                    sub.name,
                    override.met,
                    OVERRIDE,
                    override_link(override.pk),
                    override.reason,
                    sub.unconfirmed,
                    override.pk,
                )
            elif test is not None:
                met, evidence, detail = test(sub, pk, facts)
                result = SubResult(sub.code, sub.name, met, REGISTRY, evidence, detail, sub.unconfirmed)
            else:
                result = SubResult(sub.code, sub.name, False, NOT_ASSESSED, "", "", sub.unconfirmed)
            results.append(result)
        cards.append(card)
    return cards


def override_link(override_id: int) -> str:
    return reverse("indicators:override_file", args=[override_id])


def summary(cards: list[Scorecard]) -> dict[str, object]:
    """Communes meeting the criterion, and meeting each sub-criterion."""
    by_sub: dict[str, int] = {}
    for card in cards:
        for result in card.results:
            by_sub[result.code] = by_sub.get(result.code, 0) + int(result.met)
    return {"communes": len(cards), "met": sum(1 for c in cards if c.met), "by_subcriterion": by_sub}
