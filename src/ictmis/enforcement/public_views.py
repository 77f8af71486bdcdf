"""The portal page of sanction decisions against organisations that the law requires to be published. No personal
data: an individual's decision is never published, nor the people named in a case (witnesses, signer's name);
a provision not yet confirmed is shown without its citation."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ictmis.enforcement import selectors


def published(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.published_decisions(q), 20).get_page(request.GET.get("page"))
    return render(request, "enforcement/public_decisions.html", {"page_obj": page, "q": q})
