"""Indicators API: indicators, regimes, reports and their workflow, aggregated values, criterion 8 and the
caller's dashboard."""

from __future__ import annotations

import json
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from ictmis.core.access import scope_of
from ictmis.core.api_support import Authorised, Pagination
from ictmis.indicators import dashboard, periods, scorecards, selectors, services
from ictmis.indicators.models import Indicator, Regime, Report, ReportStatus
from ictmis.units.public import Level, unit_by_code

router = Router(tags=["indicators"])
VIEW = Authorised("indicators.view_report")


def _citation(document: Any, article: str) -> dict[str, Any] | None:
    if document is None:
        return None
    return {"number": document.number, "article": article, "unconfirmed": document.unconfirmed}


def _indicator_out(indicator: Indicator) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit_of_measure": indicator.unit_of_measure,
        "definition": indicator.definition,
        "aggregation": indicator.aggregation,
        "numerator": indicator.numerator.code if indicator.numerator else None,
        "denominator": indicator.denominator.code if indicator.denominator else None,
        "breakdowns": indicator.breakdowns,
        "derivation": indicator.derivation or None,
        "legal_basis": _citation(indicator.legal_basis, indicator.article),
        "unconfirmed": indicator.unconfirmed,
    }


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _report_out(report: Report, *, with_values: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": report.pk,
        "regime": report.regime.code,
        "unit": report.unit.code,
        "unit_name": report.unit.name,
        "level": report.level,
        "period": report.period,
        "edition": report.edition,
        "status": report.status,
        "cutoff_from": report.cutoff_from,
        "cutoff_to": report.cutoff_to,
        "due_on": report.due_on,
        "submitted_at": report.submitted_at,
        "on_time": report.is_on_time,
        "version": report.version,
        "return_reason": report.return_reason,
    }
    if with_values:
        out["narrative"] = report.narrative
        out["values"] = [
            {
                "row": row["number"],
                "indicator": row["indicator"].code,
                "value": _num(row["value"]),
                "source": row["source"],
                "link": row["link"],
                "breakdowns": {b["breakdown"]: _num(b["value"]) for b in row["breakdowns"]},
            }
            for row in selectors.values_of(report)
        ]
    return out


@router.get("/indicators", response=list[dict[str, Any]], auth=VIEW, operation_id="indicators_list")
def list_indicators(request: HttpRequest) -> Any:
    qs = Indicator.objects.select_related("legal_basis", "numerator", "denominator").order_by("code")
    return [_indicator_out(i) for i in qs]


@router.get("/regimes", response=list[dict[str, Any]], auth=VIEW, operation_id="regimes_list")
def list_regimes(request: HttpRequest) -> Any:
    qs = Regime.objects.select_related("legal_basis").prefetch_related("rows__indicator").order_by("code")
    return [
        {
            "code": r.code,
            "name": r.name,
            "period_type": r.period_kind,
            "cutoff_rule": r.cutoff_rule,
            "legal_basis": _citation(r.legal_basis, r.article),
            "deadlines": r.deadlines,
            "reporting_levels": r.reporting_levels,
            "unconfirmed": r.unconfirmed,
            "rows": [{"row": row.row_number, "indicator": row.indicator.code} for row in r.rows.all()],
        }
        for r in qs
    ]


@router.get("/reports", response=list[dict[str, Any]], auth=VIEW, operation_id="reports_list")
@paginate(Pagination)
def list_reports(
    request: HttpRequest,
    regime: str = "",
    period: str = "",
    unit: str = "",
    status: str = "",
) -> Any:
    if status and status not in ReportStatus.values:
        raise ValidationError({"status": [_("Give one of: %(values)s.") % {"values": ", ".join(ReportStatus.values)}]})
    if period:
        try:
            periods.parse(period)
        except periods.PeriodError as exc:
            raise ValidationError({"period": [exc.message]}) from exc
    qs = selectors.filter_reports(
        selectors.reports_for(request.user), regime=regime, period=period, unit=unit, status=status
    )
    return _Shaped(qs.order_by("-period", "unit__code", "-edition"))


class _Shaped:
    def __init__(self, qs: Any) -> None:
        self.qs = qs

    def __len__(self) -> int:
        return int(self.qs.count())

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [_report_out(r) for r in self.qs[item]]


class ReportIn(Schema):
    regime: str
    unit: str
    period: str


def _create(request: HttpRequest, payload: ReportIn) -> Report:
    try:
        return services.create_report(actor=request.user, now=timezone.now(), **payload.model_dump())
    except services.UnitOutOfScope as exc:
        raise Http404 from exc


@router.post(
    "/reports", response={201: dict[str, Any]}, auth=Authorised("indicators.add_report"), operation_id="reports_create"
)
def create_report(request: HttpRequest, payload: ReportIn) -> Any:
    return Status(201, _report_out(_create(request, payload), with_values=True))


def _report(request: HttpRequest, report_id: int) -> Report:
    return get_object_or_404(selectors.reports_for(request.user), pk=report_id)


@router.get("/reports/{report_id}", response=dict[str, Any], auth=VIEW, operation_id="reports_detail")
def report_detail(request: HttpRequest, report_id: int) -> Any:
    return _report_out(_report(request, report_id), with_values=True)


class ValuesIn(Schema):
    values: dict[str, Any]
    version: int | None = None
    narrative: str | None = Field(default=None, max_length=20000)


@router.put(
    "/reports/{report_id}/values",
    response=dict[str, Any],
    auth=Authorised("indicators.change_report"),
    operation_id="reports_set_values",
)
def set_values(request: HttpRequest, report_id: int, payload: ValuesIn) -> Any:
    report = _report(request, report_id)
    report = services.set_values(
        actor=request.user,
        now=timezone.now(),
        report_id=report.pk,
        values=payload.values,
        version=payload.version,
        narrative=payload.narrative,
    )
    return _report_out(report, with_values=True)


def _text(request: HttpRequest, name: str) -> str:
    """An optional text field of an optional JSON body ({"comment": …} or {"reason": …})."""
    if not request.body:
        return ""
    try:
        body = json.loads(request.body)
    except ValueError as exc:
        raise ValidationError({"": [_("The body is not valid JSON.")]}) from exc
    value = body.get(name, "") if isinstance(body, dict) else ""
    if not isinstance(value, str):
        raise ValidationError({name: [_("Give a text.")]})
    return value


@router.post("/reports/{report_id}/submit", response=dict[str, Any], auth=VIEW, operation_id="reports_submit")
def submit_report(request: HttpRequest, report_id: int) -> Any:
    report = _report(request, report_id)
    return _report_out(
        services.submit_report(
            actor=request.user, now=timezone.now(), report_id=report.pk, comment=_text(request, "comment")
        )
    )


@router.post("/reports/{report_id}/approve", response=dict[str, Any], auth=VIEW, operation_id="reports_approve")
def approve_report(request: HttpRequest, report_id: int) -> Any:
    report = _report(request, report_id)
    return _report_out(services.approve_report(actor=request.user, now=timezone.now(), report_id=report.pk))


@router.post("/reports/{report_id}/return", response=dict[str, Any], auth=VIEW, operation_id="reports_return")
def return_report(request: HttpRequest, report_id: int) -> Any:
    report = _report(request, report_id)
    return _report_out(
        services.return_report(
            actor=request.user, now=timezone.now(), report_id=report.pk, reason=_text(request, "reason")
        )
    )


@router.get("/indicator-values", response=list[dict[str, Any]], auth=VIEW, operation_id="indicator_values")
def indicator_values(
    request: HttpRequest,
    indicator: str,
    period: str,
    level: Literal["province", "district", "commune"] = "province",
    unit: str = "",
) -> Any:
    item = Indicator.objects.select_related("numerator", "denominator").filter(code=indicator).first()
    if item is None:
        raise ValidationError({"indicator": [_("There is no indicator with the code %(code)s.") % {"code": indicator}]})
    try:
        the_period = periods.parse(period)
    except periods.PeriodError as exc:
        raise ValidationError({"period": [exc.message]}) from exc
    under = None
    if unit:
        under = unit_by_code(unit, on=the_period.end)
        if under is None:
            raise HttpError(404, _("Unit %(code)s not found.") % {"code": unit})
    scope = scope_of(request.user)
    if not scope.whole_province and (under is None or not any(under.path.startswith(p) for p in scope.unit_paths)):
        raise Http404
    rows = selectors.indicator_values(item, str(the_period), level=level, under=under)
    return [{**row, "value": _num(row["value"])} for row in rows]


@router.get("/criteria/nong-thon-moi-8", response=list[dict[str, Any]], auth=VIEW, operation_id="criterion8_list")
def criterion8(request: HttpRequest, year: int, unit: str = "") -> Any:
    if not 2016 <= year <= 2100:
        raise ValidationError({"year": [_("Give a year from 2016.")]})
    today = timezone.localdate()
    on = scorecards.assessed_on(year, today)
    scope = scope_of(request.user)
    province = dashboard.home_province(on)
    paths = [province.path] if scope.whole_province and province is not None else list(scope.unit_paths)
    unit_id = None
    if unit:
        target = unit_by_code(unit, on=on)
        if target is None or target.level != Level.COMMUNE or not any(target.path.startswith(p) for p in paths):
            raise HttpError(404, _("Unit %(code)s not found.") % {"code": unit})
        unit_id = target.pk
    cards = scorecards.scorecards(paths=paths, year=year, today=today, unit_id=unit_id)
    return [
        {
            "unit": c.code,
            "name": c.name,
            "year": c.year,
            "met": c.met,
            "subcriteria": [
                {
                    "code": r.code,
                    "name": r.name,
                    "met": r.met,
                    "source": r.source,
                    "evidence": r.evidence,
                    "detail": r.detail,
                    "unconfirmed": r.unconfirmed,
                }
                for r in c.results
            ],
        }
        for c in cards
    ]


@router.get("/dashboard", response=dict[str, Any], operation_id="dashboard")
def caller_dashboard(request: HttpRequest) -> Any:
    items = dashboard.attention(request.user, today=timezone.localdate())
    return {"attention": [{"key": a.key, "label": str(a.label), "count": a.count, "link": a.link} for a in items]}
