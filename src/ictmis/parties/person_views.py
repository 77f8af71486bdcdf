"""Pages of persons: the list (search, filter by unit, sort, pages, Excel), a person's page with their history
and what other apps know of them (their trainings), and the form. Thin: parse, one domain call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.history import events_of, history_of
from ictmis.core.http import is_htmx
from ictmis.core.listing import Column, apply_sort, export, paginate
from ictmis.parties import policies, selectors, services
from ictmis.parties.forms import PersonFilter, PersonForm
from ictmis.parties.sections import person_sections

COLUMNS = [
    Column("name", gettext_lazy("Full name"), lambda p: p.full_name, "sort_key"),
    Column("birth_year", gettext_lazy("Year of birth"), lambda p: p.birth_year, "birth_year"),
    Column("unit", gettext_lazy("Commune"), lambda p: p.unit, "unit__name"),
    Column("position", gettext_lazy("Position"), lambda p: p.position, "position"),
    Column("phone", gettext_lazy("Phone"), lambda p: p.phone),
    Column("gender", gettext_lazy("Gender"), lambda p: p.get_gender_display()),
    Column("citizen_id", gettext_lazy("Citizen ID"), lambda p: p.citizen_id),
    Column("organisation", gettext_lazy("Organisation"), lambda p: p.organisation),
    Column("email", gettext_lazy("E-mail"), lambda p: p.email),
]


@login_required
@permission_required(policies.VIEW_PERSON, raise_exception=True)
def person_list(request: HttpRequest) -> HttpResponseBase:
    filters = PersonFilter(request.GET or None)
    filters.is_valid()
    data = filters.cleaned_data if filters.is_bound else {}
    qs = selectors.search_persons(request.user, q=data.get("q"), unit=data.get("unit"))
    qs, sort = apply_sort(qs, COLUMNS, request.GET.get("sort"), "sort_key")
    exported = export(request, qs, COLUMNS, "ca-nhan", str(_("Persons")), personal_data="persons")
    if exported is not None:
        return exported
    page = paginate(request, qs)
    context = {"filters": filters, "page_obj": page, "columns": COLUMNS, "sort": sort, "total": page.paginator.count}
    template = "parties/person_list.html#results" if is_htmx(request) else "parties/person_list.html"
    return render(request, template, context)


@login_required
@permission_required(policies.VIEW_PERSON, raise_exception=True)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(selectors.persons_for(request.user), pk=pk)
    tab = request.GET.get("tab", "info")
    return render(
        request,
        "parties/person_detail.html",
        {
            "person": person,
            "tab": tab,
            "may_edit": policies.can_change_person(request.user, person),
            "sections": person_sections(request.user, person) if tab != "history" else [],
            "history": history_of(person) if tab == "history" else [],
            "events": events_of(person) if tab == "history" else [],
        },
    )


@login_required
@permission_required(policies.ADD_PERSON, raise_exception=True)
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(actor=request.user, now=timezone.now(), values=form.changes())
        except NotAllowedError:
            form.add_error("unit", _("You may only record persons of the communes in your charge."))
        else:
            messages.success(request, _("The person was recorded."))
            return redirect(person)
    return render(request, "parties/person_form.html", {"form": form, "person": None})


@login_required
@permission_required(policies.CHANGE_PERSON, raise_exception=True)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(selectors.persons_for(request.user), pk=pk)
    form = PersonForm(request.POST or None, instance=person, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(
                person_id=person.pk,
                actor=request.user,
                now=timezone.now(),
                expected_version=form.cleaned_data["version"] or 0,
                changes=form.changes(),
            )
        except NotAllowedError:
            form.add_error("unit", _("You may only record persons of the communes in your charge."))
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("parties:person", pk=pk)
    return render(request, "parties/person_form.html", {"form": form, "person": person})
