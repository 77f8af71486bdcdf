from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError
from ictmis.core.history import events_of, history_of
from ictmis.core.http import is_htmx
from ictmis.core.listing import Column, apply_sort, export, paginate
from ictmis.parties import selectors, services
from ictmis.parties.forms import OrganisationFilter, OrganisationForm

COLUMNS = [
    Column("name", gettext_lazy("Name"), lambda o: o.name, "name"),
    Column("kind", gettext_lazy("Kind"), lambda o: o.get_kind_display(), "kind"),
    Column("tax_code", gettext_lazy("Tax code"), lambda o: o.tax_code, "tax_code"),
    Column("unit", gettext_lazy("Administrative unit"), lambda o: o.unit, "unit__name"),
    Column("address", gettext_lazy("Address"), lambda o: o.address),
    Column("phone", gettext_lazy("Phone"), lambda o: o.phone),
    Column("email", gettext_lazy("E-mail"), lambda o: o.email),
]


@login_required
@permission_required("parties.view_organisation", raise_exception=True)
def organisation_list(request: HttpRequest) -> HttpResponseBase:
    filters = OrganisationFilter(request.GET or None)
    filters.is_valid()
    data = filters.cleaned_data if filters.is_bound else {}
    qs = selectors.search_organisations(request.user, q=data.get("q"), kind=data.get("kind"))
    qs, sort = apply_sort(qs, COLUMNS, request.GET.get("sort"), "name")
    exported = export(request, qs, COLUMNS, "to-chuc", str(_("Organisations")))
    if exported is not None:
        return exported
    page = paginate(request, qs)
    context = {
        "filters": filters,
        "page_obj": page,
        "columns": COLUMNS,
        "sort": sort,
        "total": page.paginator.count,
    }
    template = "parties/organisation_list.html#results" if is_htmx(request) else "parties/organisation_list.html"
    return render(request, template, context)


@login_required
@permission_required("parties.view_organisation", raise_exception=True)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(selectors.organisations_for(request.user, include_deleted=True), pk=pk)
    return render(
        request,
        "parties/organisation_detail.html",
        {
            "organisation": organisation,
            "tab": request.GET.get("tab", "info"),
            "history": history_of(organisation) if request.GET.get("tab") == "history" else [],
            "events": events_of(organisation) if request.GET.get("tab") == "history" else [],
        },
    )


@login_required
@permission_required("parties.add_organisation", raise_exception=True)
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.create_organisation(actor=request.user, now=timezone.now(), values=form.changes())
        messages.success(request, _("The organisation was created."))
        return redirect(organisation)
    return render(request, "parties/organisation_form.html", {"form": form, "organisation": None})


@login_required
@permission_required("parties.change_organisation", raise_exception=True)
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(selectors.organisations_for(request.user), pk=pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                organisation=organisation,
                actor=request.user,
                now=timezone.now(),
                expected_version=form.cleaned_data["version"] or 0,
                changes=form.changes(),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("parties:detail", pk=pk)
    return render(request, "parties/organisation_form.html", {"form": form, "organisation": organisation})


@require_POST
@login_required
@permission_required("parties.delete_organisation", raise_exception=True)
def organisation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(selectors.organisations_for(request.user), pk=pk)
    services.delete_organisation(organisation=organisation, actor=request.user, now=timezone.now())
    messages.success(request, _("The organisation was deleted. It can be restored from its page."))
    return redirect("parties:detail", pk=pk)


@require_POST
@login_required
@permission_required("parties.delete_organisation", raise_exception=True)
def organisation_restore(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        selectors.organisations_for(request.user, include_deleted=True).filter(deleted_at__isnull=False),
        pk=pk,
    )
    services.restore_organisation(organisation=organisation, actor=request.user, now=timezone.now())
    messages.success(request, _("The organisation was restored."))
    return redirect("parties:detail", pk=pk)
