"""The working-day calendar page: a year's days off and make-up days, and the override table."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ictmis.core import calendar_admin
from ictmis.core.forms import DateInput, StyledModelForm
from ictmis.core.models import CalendarOverride
from ictmis.core.workdays import LEGAL_BASIS


class OverrideForm(StyledModelForm):
    class Meta:
        model = CalendarOverride
        fields = ["day", "is_working_day", "reason", "legal_basis"]
        widgets = {"day": DateInput()}
        labels = {"is_working_day": gettext_lazy("This day is a working day")}


@login_required
def working_calendar(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    can_edit = request.user.has_perm("core.change_calendaroverride")
    form = OverrideForm(request.POST or None, initial={"day": dt.date(year, 1, 1)})
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            calendar_admin.save_override(actor=request.user, now=timezone.now(), values=form.cleaned_data)
            messages.success(request, _("The calendar was updated."))
            return redirect(f"{request.path}?year={form.cleaned_data['day'].year}")
    return render(
        request,
        "core/working_calendar.html",
        {
            "year": year,
            "days": calendar_admin.special_days(year),
            "form": form,
            "can_edit": can_edit,
            "legal_basis": LEGAL_BASIS,
        },
    )


@require_POST
@login_required
def delete_override(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("core.change_calendaroverride"):
        raise PermissionDenied
    override = get_object_or_404(CalendarOverride, pk=pk)
    year = override.day.year
    calendar_admin.delete_override(override=override, actor=request.user, now=timezone.now())
    messages.success(request, _("The calendar was updated."))
    return redirect(f"{reverse('calendar:working_calendar')}?year={year}")
