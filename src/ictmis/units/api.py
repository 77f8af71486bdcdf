import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from ictmis.core.api_support import Pagination
from ictmis.units import selectors
from ictmis.units.models import AdministrativeUnit, Level

router = Router(tags=["units"])


class UnitOut(Schema):
    code: str
    name: str
    type: str
    level: str
    parent_code: str | None
    valid_from: dt.date
    valid_to: dt.date | None

    @staticmethod
    def resolve_parent_code(obj: AdministrativeUnit) -> str | None:
        return obj.parent.code if obj.parent else None


class UnitDetailOut(UnitOut):
    children: list[UnitOut] = Field(..., alias="children_list")
    successors: list[UnitOut]
    predecessors: list[UnitOut]


class UnitFilters(Schema):
    level: Level | None = None
    parent: str | None = None
    q: str | None = None
    on: dt.date | None = None


@router.get("/units", response=list[UnitOut], summary="Administrative units, filtered")
@paginate(Pagination)
def list_units(request: HttpRequest, filters: Query[UnitFilters]) -> Any:
    return selectors.units(level=filters.level, parent_code=filters.parent, q=filters.q, on=filters.on)


@router.get("/units/{code}", response=UnitDetailOut, summary="One unit with its children and lineage")
def get_unit(request: HttpRequest, code: str, on: dt.date | None = None) -> Any:
    unit = selectors.unit_by_code(code, on=on)
    if unit is None:
        raise Http404
    lineage = selectors.lineage_of(unit)
    unit.children_list = list(selectors.children_of(unit).select_related("parent"))  # type: ignore[attr-defined]
    unit.successors = [link.successor for link in lineage["successors"]]  # type: ignore[attr-defined]
    unit.predecessors = [link.predecessor for link in lineage["predecessors"]]  # type: ignore[attr-defined]
    return unit
