"""Pages of persons: the list (search, filter by unit, sort, pages, Excel), a person's page with their history
and what other apps know of them (their trainings), and the form. Thin: parse, one domain call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.history import events_of, history_of
from ictmis.core.http import is_htmx
from ictmis.core.listing import Column, apply_sort, export, paginate
from ictmis.parties import policies, selectors, services
from ictmis.parties.forms import PersonDeletion, PersonFilter, PersonForm
from ictmis.parties.models import Person
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
    deleted = bool(data.get("deleted"))
    qs = selectors.search_persons(request.user, q=data.get("q"), unit=data.get("unit"), deleted=deleted)
    qs, sort = apply_sort(qs, COLUMNS, request.GET.get("sort"), "sort_key")
    exported = export(request, qs, COLUMNS, "ca-nhan", str(_("Persons")), personal_data="persons")
    if exported is not None:
        return exported
    page = paginate(request, qs)
    context = {"filters": filters, "page_obj": page, "columns": COLUMNS, "sort": sort, "total": page.paginator.count,
               "deleted": deleted}  # fmt: skip
    template = "parties/person_list.html#results" if is_htmx(request) else "parties/person_list.html"
    return render(request, template, context)


def _detail(request: HttpRequest, person: Person, *, refusal: DomainError | None = None) -> HttpResponse:
    tab = "info" if refusal is not None else request.GET.get("tab", "info")
    return render(
        request,
        "parties/person_detail.html",
        {
            "person": person,
            "tab": tab,
            "may_edit": not person.is_deleted and policies.can_change_person(request.user, person),
            "may_delete": policies.can_delete_person(request.user, person),
            "deletion_reason": selectors.deletion_reason(person),
            "refusal": refusal,
            "sections": person_sections(request.user, person) if tab != "history" else [],
            "history": history_of(person) if tab == "history" else [],
            "events": events_of(person) if tab == "history" else [],
        },
    )


@login_required
@permission_required(policies.VIEW_PERSON, raise_exception=True)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A deleted person's page stays open to those who see the person (a course still links to them), marked
    deleted, with the reason and, for a keeper, the restore button."""
    return _detail(request, get_object_or_404(selectors.persons_for(request.user, include_deleted=True), pk=pk))


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


@login_required
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation page with the reason; the person is deleted only by its POST. Outside the actor's
    persons (another commune's, or none at all for an enterprise or an editor) it is a 404."""
    person = get_object_or_404(selectors.persons_for(request.user), pk=pk)
    if not policies.can_delete_person(request.user, person):
        raise PermissionDenied
    form = PersonDeletion(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_person(
                person_id=person.pk, actor=request.user, now=timezone.now(), reason=form.cleaned_data["reason"]
            )
        except NotAllowedError as exc:
            raise PermissionDenied from exc
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The person was deleted. They can be restored from their page."))
            return redirect("parties:person", pk=pk)
    return render(request, "parties/person_delete.html", {"person": person, "form": form})


@require_POST
@login_required
def person_restore(request: HttpRequest, pk: int) -> HttpResponse:
    """Restore a deleted person; a refusal (their citizen ID taken by a live person meanwhile) shows the
    person's page again with the reason at the citizen ID."""
    qs = selectors.persons_for(request.user, include_deleted=True).filter(deleted_at__isnull=False)
    person = get_object_or_404(qs, pk=pk)
    try:
        services.restore_person(person_id=person.pk, actor=request.user, now=timezone.now())
    except NotAllowedError as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        return _detail(request, person, refusal=exc)
    messages.success(request, _("The person was restored."))
    return redirect("parties:person", pk=pk)
