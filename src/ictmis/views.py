"""The home page: a leader's or specialist's dashboard (what needs attention), a commune officer's own
commune, or the unit tree and the counts of what the platform holds for everyone else."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ictmis.core.access import scope_of
from ictmis.indicators import dashboard
from ictmis.indicators.rules import ATTRIBUTION_RULE
from ictmis.parties.public import organisations_for
from ictmis.units.public import counts, provinces


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    if user.has_perm("indicators.view_report"):
        scope = scope_of(user)
        if not scope.whole_province and scope.unit_paths:
            return render(request, "indicators/commune_home.html", dashboard.commune_home(user, today=today))
        if user.has_perm("indicators.review_report") or user.has_perm("licensing.decide_case"):
            return _dashboard(request, today)
    return render(
        request,
        "core/home.html",
        {
            "unit_counts": counts(),
            "provinces": provinces(),
            "organisation_count": organisations_for(request.user).count(),
        },
    )


def _dashboard(request: HttpRequest, today: dt.date) -> HttpResponse:
    province = dashboard.home_province(today)
    return render(
        request,
        "indicators/dashboard.html",
        {
            "attention": dashboard.attention(request.user, today=today, province=province),
            "headline": dashboard.headline(today, province),
            "province": province,
            "attribution_rule": ATTRIBUTION_RULE,
        },
    )
