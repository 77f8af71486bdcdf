from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ictmis.core.formatting import parse_date
from ictmis.core.http import is_htmx
from ictmis.core.listing import paginate
from ictmis.units import selectors
from ictmis.units.models import Level


def _on(request: HttpRequest) -> dt.date | None:
    raw = request.GET.get("on", "").strip()
    if not raw:
        return None
    try:
        return parse_date(raw)
    except ValueError:
        return None


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    on = _on(request)
    q = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    context: dict[str, Any] = {"on": on, "q": q, "levels": Level.choices, "level": level}
    if q:
        context["page_obj"] = paginate(request, selectors.units(q=q, on=on, level=level or None), 50)
    else:
        context["provinces"] = selectors.provinces(on=on)
    template = "units/tree.html#results" if is_htmx(request) else "units/tree.html"
    return render(request, template, context)


@login_required
def children(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_by_code(code, on=_on(request))
    if unit is None:
        raise Http404
    return render(request, "units/_children.html", {"unit": unit, "children": selectors.children_of(unit)})


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    on = _on(request)
    unit = selectors.unit_by_code(code, on=on)
    if unit is None:
        raise Http404
    return render(
        request,
        "units/detail.html",
        {
            "unit": unit,
            "on": on,
            "ancestors": selectors.ancestors_of(unit),
            "children": selectors.children_of(unit),
            "lineage": selectors.lineage_of(unit),
            "versions": selectors.versions_of(code),
        },
    )
