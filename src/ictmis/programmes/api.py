"""Programmes API: the programmes, their deliveries (recorded through the eligibility rules) and progress."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from ictmis.core.access import scoped
from ictmis.core.api_support import Authorised, Pagination
from ictmis.programmes import selectors, services
from ictmis.programmes.models import Delivery, Household, Programme

router = Router(tags=["programmes"])


def _programme_out(programme: Programme) -> dict[str, Any]:
    return {
        "code": programme.code, "name": programme.name, "legal_basis": programme.legal_basis.number,
        "citation": f"{programme.article}, {programme.legal_basis.number}".strip(", "),
        "starts_on": programme.starts_on, "ends_on": programme.ends_on, "rule": programme.rule,
        "reference_year": programme.reference_year, "once_per_household": programme.once_per_household,
        "max_cable_m": programme.max_cable_m, "unconfirmed": programme.unconfirmed,
    }  # fmt: skip


def _delivery_out(delivery: Delivery) -> dict[str, Any]:
    return {
        "id": delivery.pk, "household": delivery.household.code, "commune": delivery.household.unit.code,
        "delivered_on": delivery.delivered_on, "serial": delivery.serial, "antenna": delivery.antenna,
        "cable_m": delivery.cable_m, "amount": delivery.amount, "delivered_by": delivery.delivered_by,
        "funding_source": delivery.funding_source, "override_reason": delivery.override_reason,
    }  # fmt: skip


class DeliveryIn(Schema):
    household: str
    delivered_on: dt.date
    serial: str = ""
    antenna: bool = False
    cable_m: int | None = None
    amount: int = 0
    delivered_by: str = ""
    funding_source: str = ""
    override_reason: str = ""


@router.get("/programmes", response=list[dict[str, Any]], auth=Authorised("programmes.view_programme"))
def list_programmes(request: HttpRequest) -> Any:
    return [_programme_out(p) for p in Programme.objects.select_related("legal_basis")]


@router.get("/programmes/{code}/deliveries", response=list[dict[str, Any]], auth=Authorised("programmes.view_delivery"))
@paginate(Pagination)
def list_deliveries(request: HttpRequest, code: str, commune: str | None = None) -> Any:
    programme = get_object_or_404(Programme, code=code)
    qs = scoped(Delivery.objects.filter(programme=programme), request.user, unit_path="household__unit_path")
    if commune:
        qs = qs.filter(household__unit__code=commune)
    return _Shaped(qs.select_related("household__unit").order_by("-delivered_on", "-id"))


class _Shaped:
    def __init__(self, qs: Any) -> None:
        self.qs = qs

    def __len__(self) -> int:
        return int(self.qs.count())

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [_delivery_out(d) for d in self.qs[item]]


@router.post(
    "/programmes/{code}/deliveries", response={201: dict[str, Any]}, auth=Authorised("programmes.add_delivery")
)
def record_delivery(request: HttpRequest, code: str, payload: DeliveryIn) -> Any:
    from django.utils.translation import gettext as _

    from ictmis.core.errors import DomainError

    programme = get_object_or_404(Programme, code=code)
    household = (
        scoped(Household.objects.alive(), request.user, unit_path="unit_path").filter(code=payload.household).first()
    )
    if household is None:
        raise DomainError(
            _("No such household in your units: %(code)s.") % {"code": payload.household}, field="household"
        )
    values = payload.model_dump(exclude={"household"})
    delivery = services.record_delivery(
        programme=programme, household=household, actor=request.user, now=timezone.now(), **values
    )
    return Status(201, _delivery_out(delivery))


@router.get("/programmes/{code}/progress", response=list[dict[str, Any]], auth=Authorised("programmes.view_delivery"))
def progress(
    request: HttpRequest,
    code: str,
    level: Literal["province", "district", "commune"] = "commune",
    year: int | None = Query(None, ge=1990, le=2100),
) -> Any:
    rows = selectors.progress(get_object_or_404(Programme, code=code), level=level, year=year)
    return [{k: v for k, v in row.items() if k != "unit_id"} for row in rows]
