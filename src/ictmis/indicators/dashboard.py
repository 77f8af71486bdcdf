"""What needs a leader's or specialist's attention, as counts that link to the filtered lists, the headline
indicators' trend, and a commune officer's own commune."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ictmis.core.access import scope_of
from ictmis.core.public import working_calendar
from ictmis.indicators import periods, scorecards, selectors
from ictmis.indicators.models import Indicator
from ictmis.licensing import public as licensing
from ictmis.programmes import public as programmes
from ictmis.units.public import Level, predecessors, unit_by_code

DUE_SOON_WORKING_DAYS = 3
EXPIRING_WITHIN_DAYS = 60
HEADLINE = ("BD01", "VT01", "TT01")
HEADLINE_REGIME = "XA-NAM"  # the yearly report every commune sends


@dataclass(frozen=True)
class Attention:
    key: str
    label: str | Promise
    count: int
    link: str


def home_province(on: dt.date) -> Any:
    for code in settings.HOME_PROVINCE_CODES:
        unit = unit_by_code(code, on=on)
        if unit is not None and unit.level == Level.PROVINCE:
            return unit
    return None


def attention(actor: Any, *, today: dt.date, province: Any = None) -> list[Attention]:
    """The counts the actor may see; a count is left out when the actor may not open its list. `province` is
    the home province today (looked up when not given)."""
    items: list[Attention] = []
    if actor.has_perm("licensing.view_case"):
        due_by = working_calendar().add_working_days(today, DUE_SOON_WORKING_DAYS)
        figures = licensing.attention_counts(
            actor, today=today, due_by=due_by, expiring_by=today + dt.timedelta(days=EXPIRING_WITHIN_DAYS)
        )
        cases = reverse("licensing:cases")
        items += [
            Attention("cases_overdue", _("cases overdue"), figures["cases_overdue"], f"{cases}?xem=overdue"),
            Attention(
                "cases_due_soon",
                _("cases due within 3 working days"),
                figures["cases_due_soon"],
                f"{cases}?xem=in_time",
            ),
        ]
        if actor.has_perm("licensing.view_licence"):
            items.append(
                Attention(
                    "licences_expiring",
                    _("licences expiring within 60 days"),
                    figures["licences_expiring"],
                    reverse("licensing:licences"),
                )
            )
    if actor.has_perm("indicators.view_report"):
        reports = reverse("indicators:reports")
        items += [
            Attention(
                "reports_late",
                _("reports late"),
                selectors.late_reports(actor, today=today).count(),
                f"{reports}?tre=1",
            ),
            Attention(
                "reports_waiting",
                _("reports waiting for approval"),
                selectors.waiting_reports(actor).count(),
                f"{reports}?status=submitted",
            ),
        ]
    if actor.has_perm("programmes.view_programme"):
        items.append(
            Attention(
                "programmes_behind",
                _("programmes behind pace"),
                len(programmes.programmes_behind_pace(today=today)),
                reverse("programmes:list"),
            )
        )
    if actor.has_perm("indicators.view_report"):
        items.append(_criterion(actor, today, province if province is not None else home_province(today)))
    return items


def _criterion(actor: Any, today: dt.date, province: Any) -> Attention:
    scope = scope_of(actor)
    paths = [province.path] if scope.whole_province and province is not None else list(scope.unit_paths)
    figures = scorecards.summary_of(paths=paths, year=today.year, today=today) if paths else None
    return Attention(
        "criterion_not_met",
        _("communes not meeting criterion 8"),
        figures["communes"] - figures["met"] if figures else 0,
        f"{reverse('indicators:scorecards')}?nam={today.year}&chua-dat=1",
    )


def headline(today: dt.date, province: Any) -> list[dict[str, Any]]:
    """The headline indicators over the last 12 years of the home province, across the 2025 reform."""
    if province is None:
        return []
    paths = [province.path, *_former_paths(province)]
    last = periods.Period(today.year, periods.YEAR, 1)
    result = []
    for indicator in Indicator.objects.filter(code__in=HEADLINE).order_by("code"):
        series = selectors.province_series(indicator, paths=paths, last=last, regime=HEADLINE_REGIME)
        result.append({"code": indicator.code, "name": indicator.name, "unit": indicator.unit_of_measure, **series})
    return result


def _former_paths(province: Any) -> list[str]:
    from ictmis.units.public import AdministrativeUnit

    return list(AdministrativeUnit.objects.filter(pk__in=predecessors(province.pk)).values_list("path", flat=True))


def commune_home(actor: Any, *, today: dt.date) -> dict[str, Any]:
    """A commune officer's own commune: its reports, its scorecard this year."""
    scope = scope_of(actor)
    reports = selectors.reports_for(actor).order_by("-period", "-edition")[:10]
    cards = (
        scorecards.scorecards(paths=list(scope.unit_paths), year=today.year, today=today) if scope.unit_paths else []
    )
    return {"reports": reports, "cards": cards, "late": selectors.late_reports(actor, today=today).count()}
