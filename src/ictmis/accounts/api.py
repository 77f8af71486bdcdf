from django.http import HttpRequest
from ninja import Router, Schema

from ictmis.accounts.models import User

router = Router(tags=["accounts"])


class OrganisationRef(Schema):
    id: int
    name: str
    kind: str


class ScopeUnit(Schema):
    code: str
    name: str
    level: str


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    organisation: OrganisationRef | None
    roles: list[str]
    whole_province: bool
    scope: list[ScopeUnit]


@router.get("/me", response=MeOut, summary="The caller, its organisation, roles and scope")
def me(request: HttpRequest) -> MeOut:
    user: User = request.user  # type: ignore[assignment]
    organisation = user.organisation
    return MeOut(
        id=user.pk,
        username=user.username,
        full_name=user.get_full_name(),
        email=user.email,
        organisation=OrganisationRef(id=organisation.pk, name=organisation.name, kind=organisation.kind)
        if organisation
        else None,
        roles=user.roles,
        whole_province=user.access_scope().whole_province,
        scope=[ScopeUnit(code=u.code, name=u.name, level=u.level) for u in user.scope_units.all()],
    )
