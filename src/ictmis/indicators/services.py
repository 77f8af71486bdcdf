"""Every write of the indicators app: reports created with their derived values, values typed, the workflow
steps, corrections as new editions, and the specialists' overrides of a scorecard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import events
from ictmis.core.errors import DomainError, NotAllowedError, StaleRecordError
from ictmis.core.public import working_calendar
from ictmis.indicators import derivations, notifications, periods, policies, rules, selectors, workflow
from ictmis.indicators.models import (
    Indicator,
    Regime,
    Report,
    ReportStatus,
    ReportValue,
    ScorecardOverride,
    SubCriterion,
)
from ictmis.units.public import AdministrativeUnit, predecessors, successions, unit_by_code

LIVE = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


class UnitOutOfScope(DomainError):
    """The unit is not one the actor may report for or see: answered as "not found"."""


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def regime_period(regime: Regime, text: str) -> periods.Period:
    try:
        period = periods.parse(text)
    except periods.PeriodError as exc:
        raise _invalid("period", exc.message) from exc
    if period.kind != regime.period_kind:
        raise _invalid(
            "period",
            _("The regime %(regime)s reports by %(kind)s: %(period)s is not one of its periods.")
            % {"regime": regime.code, "kind": regime.get_period_kind_display(), "period": text},
        )
    return period


@transaction.atomic
def create_report(*, actor: Any, now: dt.datetime, regime: str, unit: str, period: str) -> Report:
    """A draft with every derived value filled in (and, for a province, the communes' values aggregated)."""
    regime_row = Regime.objects.filter(code=regime).first()
    if regime_row is None:
        raise _invalid("regime", _("There is no reporting regime with the code %(code)s.") % {"code": regime})
    the_period = regime_period(regime_row, period)
    start, end = the_period.cutoff(regime_row.cutoff_rule)
    unit_row = unit_by_code(unit, on=end)
    if unit_row is None or not policies.sees_unit(actor, unit_row.path):
        raise UnitOutOfScope(_("Unit %(code)s not found.") % {"code": unit}, field="unit")
    if unit_row.level not in regime_row.reporting_levels:
        raise _invalid(
            "unit",
            _("%(unit)s does not report under the regime %(regime)s.") % {"unit": unit_row.name, "regime": regime},
        )
    if not policies.can_create(actor, unit_row.path):
        raise NotAllowedError()
    if (
        Report.objects.filter(regime=regime_row, unit=unit_row, period=str(the_period))
        .exclude(status=ReportStatus.SUPERSEDED)
        .exists()
    ):
        raise DomainError(
            _("A report of %(unit)s for %(period)s under this regime already exists.")
            % {"unit": unit_row.name, "period": the_period},
            field="period",
        )
    rule = regime_row.deadline_rule(unit_row.level)
    due = periods.deadline(the_period, rule, working_calendar(), cutoff_rule=regime_row.cutoff_rule) if rule else None
    report = Report.objects.create(
        regime=regime_row,
        unit=unit_row,
        unit_path=unit_row.path,
        level=unit_row.level,
        period=str(the_period),
        cutoff_from=start,
        cutoff_to=end,
        due_on=due,
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    ReportValue.objects.bulk_create(_computed_values(report))
    events.record(report, "indicators.report.created", actor=actor, at=now, period=report.period)
    return report


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _rows(report: Report) -> list[Indicator]:
    return [row.indicator for row in report.regime.rows.select_related("indicator").order_by("order")]


def _computed_values(report: Report) -> list[ReportValue]:
    """Derived values (from the registries as of the cut-off), a province's aggregation of its communes'
    typed values, and the ratios recomputed from their terms."""
    indicators = _rows(report)
    values: list[ReportValue] = []
    totals: dict[str, Decimal | None] = {}
    below = _communes_values(report) if report.level != "commune" else {}
    paths = derivation_paths(report.unit)
    for indicator in indicators:
        if indicator.aggregation == rules.RATIO:
            continue
        derivation = derivations.DERIVATIONS.get(indicator.derivation)
        if derivation is not None and (report.level != "commune" or not derivation.department_only):
            derived = derivation.compute(paths, report.cutoff_from, report.cutoff_to)
            link = derivation.link(report.unit_id)
            for key, value in derived.values.items():
                values.append(
                    ReportValue(
                        report=report,
                        indicator=indicator,
                        breakdown=key,
                        value=value,
                        source=ReportValue.Source.DERIVED,
                        source_link=link,
                    )
                )
            totals[indicator.code] = derived.values.get("")
        elif report.level != "commune":
            combined = rules.across_units(indicator.aggregation, below.get(indicator.code, []))
            values.append(
                ReportValue(report=report, indicator=indicator, value=combined, source=ReportValue.Source.AGGREGATED)
            )
            totals[indicator.code] = combined
        else:
            values.append(ReportValue(report=report, indicator=indicator, source=ReportValue.Source.MANUAL))
    values.extend(_ratios(report, indicators, totals))
    return values


def derivation_paths(unit: Any) -> list[str]:
    """The tree paths whose records count for `unit`: its own, and for a unit of today's structure those of the
    former units whose records it inherited (records keep the unit they were filed under). A former unit divided
    between several counts only for its default successor: a record is one thing in one place, so it is not split
    by area share as reported values are (rules.ATTRIBUTION_RULE)."""
    if unit.valid_to is not None:
        return [unit.path]
    former = AdministrativeUnit.objects.filter(pk__in=predecessors(unit.pk)).values_list("pk", "path")
    defaults = successions([pk for pk, _path in former])
    return [unit.path, *(path for pk, path in former if defaults.get(pk, [(None, "")])[0][0] == unit.pk)]


def _ratios(report: Report, indicators: list[Indicator], totals: Mapping[str, Decimal | None]) -> list[ReportValue]:
    result = []
    for indicator in indicators:
        if indicator.aggregation != rules.RATIO or indicator.numerator is None or indicator.denominator is None:
            continue
        value = rules.ratio(
            totals.get(indicator.numerator.code), totals.get(indicator.denominator.code), indicator.scale
        )
        result.append(
            ReportValue(
                report=report,
                indicator=indicator,
                value=value,
                source=ReportValue.Source.AGGREGATED if report.level != "commune" else ReportValue.Source.DERIVED,
            )
        )
    return result


def _communes_values(report: Report) -> dict[str, list[Decimal | None]]:
    """The values the communes under a province reported for the same regime and period (their live edition)."""
    rows = ReportValue.objects.filter(
        report__regime=report.regime,
        report__period=report.period,
        report__level="commune",
        report__status__in=LIVE,
        report__unit_path__startswith=report.unit_path,
        breakdown="",
    ).values_list("indicator__code", "value")
    result: dict[str, list[Decimal | None]] = {}
    for code, value in rows:
        result.setdefault(code, []).append(value)
    return result


def _locked(report_id: int, expected_version: int | None = None) -> Report:
    report = Report.objects.select_for_update(of=("self",)).select_related("regime", "unit").get(pk=report_id)
    if expected_version is not None and report.version != expected_version:
        raise StaleRecordError()
    return report


def _number(raw: Any) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise InvalidOperation
    value = Decimal(str(raw).strip().replace(",", "."))
    if not value.is_finite():
        raise InvalidOperation
    return value


@transaction.atomic
def set_values(
    *,
    actor: Any,
    now: dt.datetime,
    report_id: int,
    values: Mapping[str, Any],
    version: int | None = None,
    narrative: str | None = None,
) -> Report:
    """Typed values of a draft or returned report (indicator code → number; blank clears), and its narrative
    part when given. Nothing is written unless every value is acceptable; each refusal names its field."""
    report = _locked(report_id, version)
    if not policies.sees_unit(actor, report.unit_path):
        raise UnitOutOfScope(_("Report not found."))
    workflow.ensure_editable(report.status)
    if not policies.can_edit(actor, report):
        raise NotAllowedError()
    indicators = {indicator.code: indicator for indicator in _rows(report)}
    errors: dict[str, list[str]] = {}
    parsed: dict[Indicator, Decimal | None] = {}
    for code, raw in values.items():
        field = f"values.{code}"
        indicator = indicators.get(code)
        if indicator is None:
            errors[field] = [_("The regime has no indicator %(code)s.") % {"code": code}]
            continue
        if indicator.derivation or indicator.aggregation == rules.RATIO:
            errors[field] = [_("%(code)s is computed from the registries; it cannot be typed.") % {"code": code}]
            continue
        try:
            number = _number(raw)
        except (InvalidOperation, ValueError):
            errors[field] = [_("%(code)s: “%(value)s” is not a number.") % {"code": code, "value": raw}]
            continue
        if number is not None and indicator.non_negative and number < 0:
            errors[field] = [_("%(code)s cannot be negative.") % {"code": code}]
            continue
        parsed[indicator] = number
    if errors:
        raise ValidationError(errors)
    for indicator, number in parsed.items():
        ReportValue.objects.update_or_create(
            report=report,
            indicator=indicator,
            breakdown="",
            defaults={"value": number, "source": ReportValue.Source.MANUAL, "source_link": ""},
        )
    _refresh_ratios(report)
    report.version += 1
    report.updated_by = _user(actor)
    if narrative is not None:
        report.narrative = narrative.strip()
    report.save(update_fields=["version", "updated_by", "updated_at", "narrative"])
    events.record(
        report,
        "indicators.report.values_set",
        actor=actor,
        at=now,
        values={i.code: v for i, v in parsed.items()},
        narrative_changed=narrative is not None,
    )
    return report


def _refresh_ratios(report: Report) -> None:
    totals = dict(report.values.filter(breakdown="").values_list("indicator__code", "value"))
    indicators = _rows(report)
    for item in _ratios(report, indicators, totals):
        ReportValue.objects.update_or_create(
            report=report,
            indicator=item.indicator,
            breakdown="",
            defaults={"value": item.value, "source": item.source},
        )


def values_from_form(data: bytes) -> dict[str, Any]:
    """The typed values in a filled report form (the XLSX this app writes): the code in column C, the value in
    column E, from the first row under the header. A file that is not such a form is refused."""
    import io
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise _invalid("file", _("The file is not the report form (Excel) of this regime.")) from exc
    found: dict[str, Any] = {}
    try:
        for row in workbook.worksheets[0].iter_rows(min_row=10, values_only=True):
            code = row[2] if len(row) > 2 else None
            if isinstance(code, str) and code.strip() and (len(row) < 2 or not str(row[1] or "").startswith("  –")):
                found[code.strip()] = row[4] if len(row) > 4 else None
    finally:
        workbook.close()
    if not found:
        raise _invalid("file", _("The file is not the report form (Excel) of this regime."))
    return found


@transaction.atomic
def import_values(*, actor: Any, now: dt.datetime, report_id: int, data: bytes) -> Report:
    """Typed values read from the regime's Excel form; the rows computed from the registries are skipped, and
    any other value is checked as if typed (nothing is written unless all are acceptable)."""
    report = _locked(report_id)
    typed = {i.code for i in _rows(report) if not i.derivation and i.aggregation != rules.RATIO}
    values = {code: value for code, value in values_from_form(data).items() if code in typed}
    return set_values(actor=actor, now=now, report_id=report.pk, values=values)


def findings_of(report: Report) -> list[rules.Finding]:
    values = dict(report.values.filter(breakdown="").values_list("indicator__code", "value"))
    required = [
        i.code for i in _rows(report) if not i.derivation and i.aggregation != rules.RATIO and report.level == "commune"
    ]
    regime_rules = [
        rules.Rule(r.kind, r.left, r.right, r.minimum, r.maximum, r.severity, r.message)
        for r in report.regime.rules.all()
    ]
    return rules.check(values, regime_rules, required=required)


def _step(report: Report, actor: Any, action: str) -> workflow.Step:
    if not policies.sees_unit(actor, report.unit_path):
        raise UnitOutOfScope(_("Report not found."))
    wanted = workflow.STEPS.get(action)
    if wanted is not None and not actor.has_perm(wanted.permission):
        raise NotAllowedError()
    step = workflow.ensure_allowed(report.status, action)
    if not policies.can_act(actor, report, action):
        raise NotAllowedError()
    return step


@transaction.atomic
def submit_report(*, actor: Any, now: dt.datetime, report_id: int, comment: str = "") -> Report:
    """Errors block the submission; warnings need a comment."""
    report = _locked(report_id)
    step = _step(report, actor, "submit")
    findings = findings_of(report)
    errors: dict[str, list[str]] = {}
    for finding in findings:
        if finding.severity == rules.ERROR:
            errors.setdefault(f"values.{finding.field}", []).append(finding.message)
    if errors:
        raise ValidationError(errors)
    warnings = [f.message for f in findings if f.severity == rules.WARNING]
    if warnings and not comment.strip():
        raise _invalid(
            "comment", _("Explain the warnings before submitting: %(warnings)s") % {"warnings": "; ".join(warnings)}
        )
    report.status = step.target
    report.submitted_at = now
    report.comment = comment.strip()
    report.version += 1
    report.updated_by = _user(actor)
    report.save()
    events.record(report, "indicators.report.submitted", actor=actor, at=now, warnings=warnings, comment=comment)
    notifications.report_submitted(report, actor=actor, now=now)
    return report


@transaction.atomic
def approve_report(*, actor: Any, now: dt.datetime, report_id: int) -> Report:
    """Approved is locked; an earlier approved edition of the same report is superseded, never deleted."""
    report = _locked(report_id)
    step = _step(report, actor, "approve")
    report.status = step.target
    report.decided_at = now
    report.version += 1
    report.updated_by = _user(actor)
    report.save()
    Report.objects.filter(
        regime=report.regime, unit=report.unit, period=report.period, status=ReportStatus.APPROVED
    ).exclude(pk=report.pk).update(status=ReportStatus.SUPERSEDED)
    events.record(report, "indicators.report.approved", actor=actor, at=now)
    notifications.report_decided(report, actor=actor, now=now)
    return report


@transaction.atomic
def return_report(*, actor: Any, now: dt.datetime, report_id: int, reason: str) -> Report:
    if not reason.strip():
        raise _invalid("reason", _("Say why the report is returned."))
    report = _locked(report_id)
    step = _step(report, actor, "return")
    report.status = step.target
    report.decided_at = now
    report.return_reason = reason.strip()
    report.version += 1
    report.updated_by = _user(actor)
    report.save()
    events.record(report, "indicators.report.returned", actor=actor, at=now, reason=reason)
    notifications.report_decided(report, actor=actor, now=now)
    return report


@transaction.atomic
def correct_report(*, actor: Any, now: dt.datetime, report_id: int) -> Report:
    """A new draft edition of an approved report, with its values; the approved one stays until the
    correction is approved."""
    report = _locked(report_id)
    _step(report, actor, "correct")
    if Report.objects.filter(
        regime=report.regime,
        unit=report.unit,
        period=report.period,
        status__in=[ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED],
    ).exists():
        raise DomainError(_("A correction of this report is already open."))
    old_values = list(report.values.all())
    new = Report.objects.create(
        regime=report.regime,
        unit=report.unit,
        unit_path=report.unit_path,
        level=report.level,
        period=report.period,
        edition=report.edition + 1,
        cutoff_from=report.cutoff_from,
        cutoff_to=report.cutoff_to,
        due_on=report.due_on,
        narrative=report.narrative,
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    ReportValue.objects.bulk_create(
        ReportValue(
            report=new,
            indicator_id=v.indicator_id,
            breakdown=v.breakdown,
            value=v.value,
            source=v.source,
            source_link=v.source_link,
        )
        for v in old_values
    )
    events.record(new, "indicators.report.corrected", actor=actor, at=now, replaces=report.pk)
    return new


@transaction.atomic
def remind_late(*, actor: Any, now: dt.datetime, regime: str, period: str, province: Any) -> int:
    """Remind the communes of `province` that have not submitted a report now past its deadline (a notification
    and an e-mail, once a day each). Returns how many communes were reminded."""
    if not policies.can_remind(actor):
        raise NotAllowedError()
    regime_row = Regime.objects.filter(code=regime).first()
    if regime_row is None:
        raise _invalid("regime", _("There is no reporting regime with the code %(code)s.") % {"code": regime})
    the_period = regime_period(regime_row, period)
    late = selectors.late_communes(regime_row, the_period, under=province, today=timezone.localdate(now))
    for unit, due_on in late:
        notifications.remind(unit=unit, regime=regime_row, period=str(the_period), due_on=due_on, now=now)
    events.record(
        regime_row,
        "indicators.report.reminded",
        actor=actor,
        at=now,
        period=str(the_period),
        units=[unit.code for unit, _due in late],
    )
    return len(late)


def _is_evidence(upload: Any) -> bool:
    head = upload.read(8)
    upload.seek(0)
    return head.startswith((b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))


@transaction.atomic
def override_subcriterion(
    *,
    actor: Any,
    now: dt.datetime,
    unit_id: int,
    year: int,
    subcriterion_id: int,
    met: bool,
    reason: str,
    evidence: Any,
) -> ScorecardOverride:
    """A specialist's decision on a sub-criterion, only with a written reason and a file; audited."""
    if not policies.can_override_scorecard(actor):
        raise NotAllowedError()
    errors: dict[str, list[str]] = {}
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason for setting the sub-criterion by hand.")]
    if not evidence:
        errors["evidence"] = [_("Attach the file that supports the decision.")]
    elif not _is_evidence(evidence):
        errors["evidence"] = [_("The evidence must be a PDF, JPEG or PNG file.")]
    if errors:
        raise ValidationError(errors)
    subcriterion = SubCriterion.objects.get(pk=subcriterion_id)
    override, _created = ScorecardOverride.objects.update_or_create(
        unit_id=unit_id,
        year=year,
        subcriterion=subcriterion,
        defaults={"met": met, "reason": reason.strip(), "evidence": evidence, "updated_by": _user(actor)},
    )
    events.record(
        override,
        "indicators.scorecard.overridden",
        actor=actor,
        at=now,
        unit=unit_id,
        year=year,
        subcriterion=subcriterion.code,
        met=met,
        reason=reason,
    )
    return override
