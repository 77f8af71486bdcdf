from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ictmis.core import registry, registry_selectors
from ictmis.postal import services


class ActivityForm(forms.Form):
    month = forms.CharField()
    readers = forms.IntegerField(min_value=0)
    internet_users = forms.IntegerField(min_value=0)
    revenue = forms.IntegerField(min_value=0)

    def clean_month(self) -> dt.date:
        try:
            return dt.datetime.strptime(self.cleaned_data["month"].strip(), "%m/%Y").date()
        except ValueError:
            raise forms.ValidationError(_("Write the month as mm/yyyy, e.g. 06/2019.")) from None


@require_POST
@login_required
@permission_required("postal.change_postofficepoint", raise_exception=True)
def record_activity(request: HttpRequest, pk: int) -> HttpResponse:
    spec = registry.get("post-offices")
    point = get_object_or_404(registry_selectors.records_for(spec, request.user), pk=pk)
    form = ActivityForm(request.POST)
    if form.is_valid():
        services.record_monthly_activity(point=point, actor=request.user, now=timezone.now(), **form.cleaned_data)
        messages.success(request, _("The month's figures were saved."))
    else:
        for messages_of_field in form.errors.values():
            for message in messages_of_field:
                messages.error(request, str(message))
    return redirect("registry:detail", spec.key, point.pk)
