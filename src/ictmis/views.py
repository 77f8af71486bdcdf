"""The home dashboard: the unit tree and the counts of what the platform holds."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ictmis.parties.public import organisations_for
from ictmis.units.public import counts, provinces


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "unit_counts": counts(),
            "provinces": provinces(),
            "organisation_count": organisations_for(request.user).count(),
        },
    )
