from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ictmis.core.listing import apply_search
from ictmis.legal.models import DocumentType, LegalDocument


def catalogue(request: HttpRequest) -> HttpResponse:
    """The legal documents the rules cite, with what replaced or amended what; public."""
    qs = apply_search(
        LegalDocument.objects.prefetch_related("replaces", "amends", "replaced_by", "amended_by"), request.GET.get("q")
    )
    kind = request.GET.get("loai", "")
    if kind in DocumentType.values:
        qs = qs.filter(doc_type=kind)
    return render(
        request,
        "legal/catalogue.html",
        {
            "documents": qs,
            "q": request.GET.get("q", ""),
            "kind": kind,
            "kinds": DocumentType.choices,
            "today": timezone.localdate(),
        },
    )
