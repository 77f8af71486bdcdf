import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AfterValidator

from ictmis.core.api_support import Authorised, Pagination
from ictmis.core.validators import http_url_check
from ictmis.parties import policies, selectors, services
from ictmis.parties.models import Organisation, OrganisationKind, Person
from ictmis.units.public import AdministrativeUnit

router = Router(tags=["organisations"])
Website = Annotated[str, AfterValidator(http_url_check(gettext_lazy("website")))]


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    tax_code: str
    address: str
    unit_code: str | None
    phone: str
    email: str
    website: str
    version: int

    @staticmethod
    def resolve_unit_code(obj: Organisation) -> str | None:
        return obj.unit.code if obj.unit else None


class OrganisationIn(Schema):
    name: str
    short_name: str = ""
    kind: OrganisationKind
    tax_code: str = ""
    address: str = ""
    unit_code: str | None = None
    phone: str = ""
    email: str = ""
    website: Website = ""


class OrganisationPatch(Schema):
    version: int
    name: str | None = None
    short_name: str | None = None
    kind: OrganisationKind | None = None
    tax_code: str | None = None
    address: str | None = None
    unit_code: str | None = None
    phone: str | None = None
    email: str | None = None
    website: Website | None = None


class OrganisationFilters(Schema):
    q: str | None = None
    kind: OrganisationKind | None = None


def _resolve_unit(values: dict[str, Any]) -> dict[str, Any]:
    if "unit_code" in values:
        code = values.pop("unit_code")
        unit = None
        if code:
            unit = AdministrativeUnit.objects.filter(code=code).order_by("-valid_from").first()
            if unit is None:
                raise ValidationError({"unit_code": _("No administrative unit has this code.")})
        values["unit"] = unit
    return values


REQUIRED_ON_PATCH = ("name", "kind")


def _nulls_cleared(changes: dict[str, Any]) -> dict[str, Any]:
    """`null` on PATCH clears an optional text field (it becomes empty) and removes the unit; the name and
    the kind cannot be cleared (422 naming the field)."""
    for name in REQUIRED_ON_PATCH:
        if name in changes and changes[name] is None:
            raise ValidationError({name: _("This field is required.")})
    return {name: ("" if value is None and name != "unit_code" else value) for name, value in changes.items()}


@router.get(
    "/organisations",
    response=list[OrganisationOut],
    auth=Authorised("parties.view_organisation"),
    summary="Organisations the caller may see",
)
@paginate(Pagination)
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilters]) -> Any:
    return selectors.search_organisations(request.user, q=filters.q, kind=filters.kind)


@router.get("/organisations/{pk}", response=OrganisationOut, auth=Authorised("parties.view_organisation"))
def get_organisation(request: HttpRequest, pk: int) -> Any:
    return get_object_or_404(selectors.organisations_for(request.user), pk=pk)


@router.post("/organisations", response={201: OrganisationOut}, auth=Authorised("parties.add_organisation"))
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Any:
    values = _resolve_unit(payload.dict())
    return Status(201, services.create_organisation(actor=request.user, now=timezone.now(), values=values))


@router.patch("/organisations/{pk}", response=OrganisationOut, auth=Authorised("parties.change_organisation"))
def update_organisation(request: HttpRequest, pk: int, payload: OrganisationPatch) -> Any:
    organisation = selectors.organisations_for(request.user).filter(pk=pk).first()
    if organisation is None:
        raise Http404
    changes = _resolve_unit(_nulls_cleared(payload.dict(exclude_unset=True, exclude={"version"})))
    return services.update_organisation(
        organisation=organisation,
        actor=request.user,
        now=timezone.now(),
        expected_version=payload.version,
        changes=changes,
    )


class PersonOut(Schema):
    id: int
    full_name: str
    birth_year: int | None
    gender: str
    citizen_id: str
    position: str
    phone: str
    email: str
    unit_code: str | None
    unit_name: str | None
    organisation_id: int | None
    version: int
    deleted_at: dt.datetime | None = Field(None, description="when the person was deleted (restorable)")

    @staticmethod
    def resolve_unit_code(obj: Person) -> str | None:
        return obj.unit.code if obj.unit else None

    @staticmethod
    def resolve_unit_name(obj: Person) -> str | None:
        return obj.unit.name if obj.unit else None


class PersonFilters(Schema):
    q: str | None = Field(None, max_length=200, description="name, citizen ID or phone (diacritics ignored)")
    unit: str | None = Field(None, max_length=10, pattern=r"^[0-9]+$", description="code of an administrative unit")
    deleted: bool = Field(False, description="the deleted persons (restorable) instead of the live ones")


@router.get(
    "/persons",
    response=list[PersonOut],
    auth=Authorised(policies.VIEW_PERSON),
    summary="Persons the caller may see (the Department's staff: all; a commune officer: their communes')",
    tags=["persons"],
)
@paginate(Pagination)
def list_persons(request: HttpRequest, filters: Query[PersonFilters]) -> Any:
    qs = selectors.search_persons(request.user, q=filters.q, unit=filters.unit, deleted=filters.deleted)
    return qs.order_by("sort_key", "pk")


@router.get("/persons/{pk}", response=PersonOut, auth=Authorised(policies.VIEW_PERSON), tags=["persons"])
def get_person(request: HttpRequest, pk: int) -> Any:
    return get_object_or_404(selectors.persons_for(request.user, include_deleted=True), pk=pk)


class PersonDeletionIn(Schema):
    reason: str = Field(..., min_length=1, max_length=services.REASON_MAX_LENGTH, description="kept in the history")


@router.delete(
    "/persons/{pk}",
    response={204: None},
    auth=Authorised(),
    summary="Delete a person (soft: restorable), with the reason",
    tags=["persons"],
)
def delete_person(request: HttpRequest, pk: int, payload: PersonDeletionIn) -> Any:
    """A keeper of persons (the Department's specialists; a commune officer for their communes' persons);
    a person the caller does not see (another commune's; any, for an enterprise or an editor) is a 404."""
    person = get_object_or_404(selectors.persons_for(request.user), pk=pk)
    services.delete_person(person_id=person.pk, actor=request.user, now=timezone.now(), reason=payload.reason)
    return Status(204, None)


@router.post(
    "/persons/{pk}/restore",
    response=PersonOut,
    auth=Authorised(),
    summary="Restore a deleted person (409 on citizen_id when a live person holds it now)",
    tags=["persons"],
)
def restore_person(request: HttpRequest, pk: int) -> Any:
    qs = selectors.persons_for(request.user, include_deleted=True).filter(deleted_at__isnull=False)
    person = get_object_or_404(qs, pk=pk)
    return services.restore_person(person_id=person.pk, actor=request.user, now=timezone.now())
