"""Programme pages: progress by unit (with Excel in the report's layout), recording a delivery, and the
commune's list of eligible households not yet served."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.access import scoped
from ictmis.core.errors import DomainError
from ictmis.core.forms import StyledForm
from ictmis.core.listing import paginate
from ictmis.programmes import selectors, services
from ictmis.programmes.models import Household, Programme

LEVELS = [
    ("province", gettext_lazy("province")),
    ("district", gettext_lazy("district (former structure)")),
    ("commune", gettext_lazy("commune")),
]


class DeliveryForm(StyledForm):
    household = forms.CharField(label=gettext_lazy("Household code"), max_length=40)
    delivered_on = forms.DateField(
        label=gettext_lazy("Delivered on"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    serial = forms.CharField(label=gettext_lazy("Device serial number"), required=False, max_length=60)
    antenna = forms.BooleanField(label=gettext_lazy("Antenna"), required=False)
    cable_m = forms.IntegerField(label=gettext_lazy("Cable (m)"), required=False, min_value=0)
    amount = forms.IntegerField(label=gettext_lazy("Subsidy (đồng)"), required=False, min_value=0)
    delivered_by = forms.CharField(label=gettext_lazy("Delivered by"), required=False, max_length=120)
    funding_source = forms.CharField(label=gettext_lazy("Funding source"), required=False, max_length=160)
    override_reason = forms.CharField(
        label=gettext_lazy("Reason, if delivering despite the rules (specialists only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


UNITS_PER_PAGE = 50  # 3,321 commune rows in one table took most of the page's time and 1.3 MB of HTML


class ProgressFilter(StyledForm):
    """Which rows of the progress table to show; totals, the at-risk count, the map and the export cover all."""

    tinh = forms.TypedChoiceField(label=gettext_lazy("Province"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=gettext_lazy("Unit name or code"), required=False, max_length=100)

    def __init__(self, *args: Any, provinces: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province = self.fields["tinh"]
        assert isinstance(province, forms.TypedChoiceField)
        # by name and code: a former province and the current one may share a name
        named = ((str(p["unit_id"]), f"{p['name']} ({p['unit']})") for p in provinces)
        province.choices = [("", _("All provinces")), *named]


@login_required
@permission_required("programmes.view_programme", raise_exception=True)
def programme_list(request: HttpRequest) -> HttpResponse:
    rows = []
    for programme in Programme.objects.select_related("legal_basis"):
        totals = selectors.progress(programme, level="province")
        rows.append(
            {
                "programme": programme,
                "target": sum(r["target"] for r in totals),
                "delivered": sum(r["delivered"] for r in totals),
                "waiting": sum(r["eligible_not_served"] for r in totals),
            }
        )
    from ictmis.programmes.models import PressScheme

    return render(request, "programmes/programme_list.html", {"rows": rows, "schemes": PressScheme.objects.all()})


@login_required
@permission_required("programmes.view_programme", raise_exception=True)
def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.select_related("legal_basis"), code=code)
    level = request.GET.get("cap", "district")
    level = level if level in dict(LEVELS) else "district"
    rows = selectors.progress(programme, level=level)
    if request.GET.get("export") == "xlsx":
        return _report(programme, rows, level)
    form = DeliveryForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("programmes.add_delivery"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            household = (
                scoped(Household.objects.alive(), request.user, unit_path="unit_path")
                .filter(code=data.pop("household").strip())
                .first()
            )
            try:
                if household is None:
                    raise DomainError(_("No such household in your units."), field="household")
                services.record_delivery(
                    programme=programme,
                    household=household,
                    actor=request.user,
                    now=timezone.now(),
                    **{k: v for k, v in data.items() if v not in (None, "")},
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The delivery was recorded."))
                return redirect(f"{request.path}?cap={level}")
    by_month = selectors.deliveries_by_month(programme)
    communes = rows if level == "commune" else selectors.progress(programme, level="commune")
    points, unplaced = selectors.map_points(programme, communes)
    provinces = rows if level == "province" else selectors.progress(programme, level="province")
    filters = ProgressFilter(request.GET, provinces=provinces)
    filters.is_valid()  # a field with a bad value is named on the form and left out of the filter
    chosen = filters.cleaned_data
    shown = selectors.progress_matching(rows, level=level, province=chosen.get("tinh"), q=chosen.get("q"))
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "rows": rows,
            "page_obj": paginate(request, shown, per_page=UNITS_PER_PAGE),
            "shown": len(shown),
            "filters": filters,
            "level": level,
            "levels": LEVELS,
            "form": form,
            "at_risk": sum(1 for r in rows if r["at_risk"]),
            "groups": programme.switch_off_groups.all(),
            "by_month": by_month,
            "chart_data": {"labels": [m for m, _n in by_month], "values": [n for _m, n in by_month]},
            "map_points": points,
            "unplaced": unplaced,
            "map_labels": {
                "target": _("Target"),
                "delivered": _("Delivered"),
                "waiting": _("Eligible, not yet served"),
                "none": _("no target"),
            },
            "totals": {
                "target": sum(r["target"] for r in rows),
                "delivered": sum(r["delivered"] for r in rows),
                "waiting": sum(r["eligible_not_served"] for r in rows),
            },
        },
    )


def _report(programme: Programme, rows: list[dict[str, Any]], level: str) -> HttpResponse:
    """The progress report to the Ministry (see `programmes.report`)."""
    from ictmis.programmes import report

    communes = rows if level == "commune" else selectors.progress(programme, level="commune")
    response = HttpResponse(
        report.workbook(programme, rows, communes, level=level, on=timezone.localdate()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="bao-cao-tien-do-{programme.code}-{level}.xlsx"'
    return response


@login_required
@permission_required("programmes.view_household", raise_exception=True)
def waiting(request: HttpRequest, code: str) -> HttpResponse:
    programme = get_object_or_404(Programme, code=code)
    households = selectors.waiting_households(programme, request.user)[:2000]
    return render(request, "programmes/waiting.html", {"programme": programme, "households": households})


@login_required
@permission_required("programmes.change_household", raise_exception=True)
def poverty_list(request: HttpRequest) -> HttpResponse:
    """The former address of the list import: a year's list goes through the import engine's pages."""
    return redirect("registry:import", "poverty-list")


@login_required
@permission_required("programmes.view_programme", raise_exception=True)
def press(request: HttpRequest, code: str) -> HttpResponse:
    """A subsidised press scheme: copies due and delivered per recipient, and the shortfall."""
    import datetime as dt

    from ictmis.programmes.models import PressScheme

    scheme = get_object_or_404(PressScheme.objects.select_related("legal_basis"), code=code)
    today = timezone.localdate()
    default_end = min(today, scheme.ends_on) if scheme.ends_on else today
    try:
        start = dt.datetime.strptime(request.GET.get("tu", ""), "%m/%Y").date()
    except ValueError:
        start = scheme.starts_on
    try:
        end = dt.datetime.strptime(request.GET.get("den", ""), "%m/%Y").date()
    except ValueError:
        end = default_end
    rows = selectors.press_shortfall(scheme, start=start, end=end)
    if request.GET.get("export") == "xlsx":
        from ictmis.core.tabular import xlsx_bytes

        header = ["Nơi nhận", "Loại", "Mã xã", "Số bản phải cấp", "Số bản đã cấp", "Thiếu"]
        body = [[r["recipient"].name, r["recipient"].get_kind_display(), r["recipient"].unit.code, r["due"],
                 r["delivered"], r["shortfall"]] for r in rows]  # fmt: skip
        response = HttpResponse(
            xlsx_bytes(scheme.code, header, body),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="thieu-bao-{scheme.code}.xlsx"'
        return response
    return render(request, "programmes/press.html", {
        "scheme": scheme, "rows": rows, "start": start, "end": end,
        "short": sum(1 for r in rows if r["shortfall"]),
    })  # fmt: skip


@login_required
@permission_required("programmes.override_delivery", raise_exception=True)
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    """A specialist merges a duplicate into the household kept (both histories stay)."""
    if request.method != "POST":
        from django.http import HttpResponseNotAllowed

        return HttpResponseNotAllowed(["POST"])
    households = scoped(Household.objects.alive(), request.user, unit_path="unit_path")
    duplicate = get_object_or_404(households, pk=pk)
    keep = households.filter(code=request.POST.get("keep", "").strip()).first()
    if keep is None:
        messages.error(request, _("No such household in your units."))
        return redirect("registry:detail", "households", pk)
    try:
        services.merge_households(keep=keep, merge=duplicate, actor=request.user, now=timezone.now())
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("registry:detail", "households", pk)
    messages.success(request, _("%(merged)s was merged into %(kept)s.") % {"merged": duplicate.code, "kept": keep.code})
    return redirect("registry:detail", "households", keep.pk)
