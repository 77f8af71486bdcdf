"""The public portal at /cong-thong-tin/: no login, Vietnamese first; and the staff inbox for feedback."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from ictmis.core import registry_export, registry_selectors
from ictmis.core.directory import directory
from ictmis.core.errors import DomainError
from ictmis.core.http import client_address
from ictmis.core.listing import paginate, paginate_keys
from ictmis.portal import datasets as extra_datasets
from ictmis.portal import page_cache, public_registers, services
from ictmis.portal.forms import FeedbackForm, FeedbackStatusForm
from ictmis.portal.models import Feedback
from ictmis.portal.public_registers import LICENCE, LICENCE_URL, PublicRegister


def _register(key: str) -> PublicRegister:
    register = public_registers.get(key)
    if register is None:
        raise Http404
    return register


@page_cache.cached_page
def home(request: HttpRequest) -> HttpResponse:
    from ictmis.portal.models import Article

    rows = [{"register": r, "count": r.records({}).count()} for r in public_registers.registers()]
    latest = (
        Article.objects.published(now=timezone.now())
        .select_related("cover_image")
        .order_by("-featured", "-published_at")[:6]
    )
    return render(request, "portal/home.html", {"rows": rows, "latest": latest})


def language(request: HttpRequest, code: str) -> HttpResponse:
    """The portal's language switch is a plain link, so its pages carry no CSRF token and can be cached."""
    from django.utils.http import url_has_allowed_host_and_scheme

    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("portal:home")
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",
    )  # fmt: skip
    return response


def register_list(request: HttpRequest, key: str) -> HttpResponse:
    register = _register(key)
    qs = register.records(request.GET)
    return render(
        request,
        "portal/register_list.html",
        {
            "register": register,
            "page_obj": paginate_keys(request, qs),
            "columns": [c for c in register.columns if c.field not in ("latitude", "longitude")],
            "unit_choices": directory.unit_choices(),
            "params": request.GET,
        },
    )


def register_map(request: HttpRequest, key: str) -> HttpResponse:
    register = _register(key)
    config = {
        "dataUrl": reverse("portal:register_map_data", args=[key]),
        "detailUrl": "",
        "query": request.GET.urlencode(),
    }
    return render(
        request,
        "portal/register_map.html",
        {
            "register": register,
            "params": request.GET,
            "map_config": json.dumps(config),
            "unit_choices": directory.unit_choices(),
        },
    )


@cache_control(public=True, max_age=60)
def register_map_data(request: HttpRequest, key: str) -> JsonResponse:
    register = _register(key)
    try:
        bbox = registry_selectors.BBox.parse(request.GET.get("bbox"))
        zoom = max(0, min(int(request.GET.get("zoom", "6")), 20))
    except ValueError:
        return JsonResponse({"detail": _("Give bbox as west,south,east,north in degrees."), "errors": []}, status=422)
    qs = register.records(request.GET)
    collection = registry_selectors.map_features(qs, bbox=bbox, zoom=zoom, title_field=register.spec.list_fields[0])
    if request.GET.get("with_bounds"):
        collection["bounds"] = registry_selectors.bounds(qs)
    return JsonResponse(collection)


def open_data(request: HttpRequest) -> HttpResponse:
    datasets = []
    for register in public_registers.registers():
        qs = register.records({})
        datasets.append(
            {"register": register, "count": qs.count(), "updated": qs.aggregate(at=Max("updated_at"))["at"]}
        )
    others = [{"dataset": d, "count": d.count(), "updated": d.updated()} for d in extra_datasets.DATASETS]
    return render(
        request,
        "portal/open_data.html",
        {"datasets": datasets, "others": others, "licence": LICENCE, "licence_url": LICENCE_URL},
    )


FORMATS = {"csv", "xlsx", "json", "geojson"}


def dataset(request: HttpRequest, key: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    other = extra_datasets.get(key)
    if other is not None:
        return _other_dataset(other, fmt)
    register = _register(key)
    if fmt not in FORMATS:
        raise Http404
    records = register.records({}).iterator(chunk_size=2000)
    response = registry_export.file_response(register.spec, records, register.columns, fmt)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _other_dataset(other: extra_datasets.Dataset, fmt: str) -> HttpResponse | StreamingHttpResponse:
    from ictmis.core.tabular import csv_bytes, xlsx_bytes

    if fmt not in other.formats:
        raise Http404
    response: HttpResponse | StreamingHttpResponse
    if fmt == "json":
        response = StreamingHttpResponse(extra_datasets.json_chunks(other), content_type="application/json")
    elif fmt == "csv":
        response = HttpResponse(csv_bytes(other.header, iter(other.rows())), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            xlsx_bytes(str(other.title), other.header, other.rows()),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{other.key}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def catalogue(request: HttpRequest) -> JsonResponse:
    """A DCAT-style catalogue of the open datasets, at a stable URL."""
    base = request.build_absolute_uri("/").rstrip("/")
    entries = []
    for register in public_registers.registers():
        updated = register.records({}).aggregate(at=Max("updated_at"))["at"]
        entries.append(
            {
                "@type": "dcat:Dataset",
                "dct:identifier": register.key,
                "dct:title": str(register.spec.label),
                "dct:publisher": settings.ORGANISATION_NAME,
                "dct:license": LICENCE_URL,
                "dct:modified": updated.isoformat() if updated else None,
                "dcat:landingPage": base + reverse("portal:register_list", args=[register.key]),
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:format": fmt.upper(),
                        "dcat:downloadURL": base + reverse("portal:dataset", args=[register.key, fmt]),
                    }
                    for fmt in ("csv", "xlsx", "json", "geojson")
                ],
            }
        )
    for other in extra_datasets.DATASETS:
        updated = other.updated()
        entries.append(
            {
                "@type": "dcat:Dataset",
                "dct:identifier": other.key,
                "dct:title": str(other.title),
                "dct:publisher": settings.ORGANISATION_NAME,
                "dct:license": LICENCE_URL,
                "dct:modified": updated.isoformat() if updated else None,
                "dcat:landingPage": base + reverse(other.landing_url_name),
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:format": fmt.upper(),
                        "dcat:downloadURL": base + reverse("portal:dataset", args=[other.key, fmt]),
                    }
                    for fmt in other.formats
                ],
            }
        )
    return JsonResponse(
        {
            "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/"},
            "@type": "dcat:Catalog",
            "dct:title": _("Open data of %(org)s") % {"org": settings.ORGANISATION_NAME},
            "dct:publisher": settings.ORGANISATION_NAME,
            "dct:license": LICENCE_URL,
            "dcat:dataset": entries,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def contact(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit_feedback(
                name=data["name"], contact=data["contact"], subject=data["subject"], message=data["message"],
                address=client_address(request), now=timezone.now(),
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you. Your message has reached the Department."))
            return redirect("portal:contact")
    return render(request, "portal/contact.html", {"form": form})


@login_required
@permission_required("portal.view_feedback", raise_exception=True)
def inbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = Feedback.objects.all()
    if status in Feedback.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "portal/inbox.html",
        {"page_obj": paginate(request, qs), "status": status, "statuses": Feedback.Status.choices},
    )


@login_required
@permission_required("portal.view_feedback", raise_exception=True)
def inbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_object_or_404(Feedback, pk=pk)
    can_change = request.user.has_perm("portal.change_feedback")
    form = FeedbackStatusForm(
        request.POST or None,
        initial={"status": feedback.status, "reply_note": feedback.reply_note, "version": feedback.version},
    )
    if request.method == "POST":
        if not can_change:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if form.is_valid():
            try:
                services.set_feedback_status(
                    feedback=feedback, status=form.cleaned_data["status"], reply_note=form.cleaned_data["reply_note"],
                    expected_version=form.cleaned_data["version"], actor=request.user, now=timezone.now(),
                )  # fmt: skip
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("portal:inbox")
    context: dict[str, Any] = {"feedback": feedback, "form": form, "can_change": can_change}
    return render(request, "portal/inbox_detail.html", context)
