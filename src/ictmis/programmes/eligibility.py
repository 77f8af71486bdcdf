"""Eligibility rules of programmes: pure functions of a household's data and a date. A programme names its
rule by key, so a new programme with an existing rule needs data, not code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils.translation import gettext as _

from ictmis.programmes.models import Delivery, Household, Poverty, PovertyRecord, Programme

Rule = Callable[[Programme, Household, dt.date], list[str]]
SUPPORTED = (Poverty.POOR, Poverty.NEAR_POOR)


def _status(household: Household, year: int) -> str | None:
    record = PovertyRecord.objects.filter(household=household, year=year).values_list("status", flat=True).first()
    return record


def poor_or_near_poor(programme: Programme, household: Household, on: dt.date) -> list[str]:
    """Poor or near-poor in the approved list of the programme's reference year (or of the delivery year)."""
    year = programme.reference_year or on.year
    status = _status(household, year)
    if status not in SUPPORTED:
        return [_("The household is not in the approved poor or near-poor list of %(year)s.") % {"year": year}]
    return []


def poor_or_near_poor_not_equipped(programme: Programme, household: Household, on: dt.date) -> list[str]:
    """As above, and no device received from the programmes this one excludes (tablets, learning devices)."""
    reasons = poor_or_near_poor(programme, household, on)
    excluded = list(programme.excludes.all())
    served = Delivery.objects.filter(household=household, programme__in=excluded).select_related("programme").first()
    if served is not None:
        reasons.append(
            _("The household already received support from %(programme)s on %(day)s.")
            % {"programme": served.programme.name, "day": served.delivered_on.strftime("%d/%m/%Y")}
        )
    return reasons


def anyone(programme: Programme, household: Household, on: dt.date) -> list[str]:
    return []


RULES: dict[str, Rule] = {
    "poor_or_near_poor": poor_or_near_poor,
    "poor_or_near_poor_not_equipped": poor_or_near_poor_not_equipped,
    "anyone": anyone,
}


def reasons_against(programme: Programme, household: Household, on: dt.date) -> list[str]:
    """Why this delivery would break the programme's rules; empty when it may go ahead."""
    reasons: list[str] = []
    if on < programme.starts_on or (programme.ends_on is not None and on > programme.ends_on):
        reasons.append(_("%(day)s is outside the programme's period.") % {"day": on.strftime("%d/%m/%Y")})
    if programme.once_per_household:
        earlier = Delivery.objects.filter(programme=programme, household=household).first()
        if earlier is not None:
            reasons.append(
                _("The household was already served on %(day)s (once per household).")
                % {"day": earlier.delivered_on.strftime("%d/%m/%Y")}
            )
    rule = RULES.get(programme.rule)
    if rule is None:
        reasons.append(_("The programme names an unknown eligibility rule: %(rule)s.") % {"rule": programme.rule})
    else:
        reasons.extend(rule(programme, household, on))
    return reasons
