"""Pages of the indicators app: reports (list, detail with values and workflow, exports), completeness of a
regime's period, and the criterion-8 scorecards. Thin: parse, one domain call, render."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ictmis.core import events
from ictmis.core.access import scope_of
from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.listing import paginate
from ictmis.indicators import exports, forms, periods, policies, rules, scorecards, selectors, services, workflow
from ictmis.indicators.models import Regime, Report, ReportStatus, ScorecardOverride
from ictmis.units.public import Level, positions_of, unit_by_code

VIEW = "indicators.view_report"


def _messages_of(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{message}" for messages_ in exc.message_dict.values() for message in messages_]
    return list(exc.messages)


@login_required
@permission_required(VIEW, raise_exception=True)
def report_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    params = {key: request.GET.get(key, "").strip() for key in ("regime", "period", "unit", "status")}
    late = request.GET.get("tre") == "1"
    qs = selectors.filter_reports(selectors.reports_for(request.user), **params, late_on=today if late else None)
    form = forms.NewReport(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm(policies.ADD):
            raise PermissionDenied
        if form.is_valid():
            try:
                report = services.create_report(
                    actor=request.user,
                    now=timezone.now(),
                    regime=form.cleaned_data["regime"].code,
                    unit=form.cleaned_data["unit"],
                    period=form.cleaned_data["period"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                return redirect(report)
    return render(
        request,
        "indicators/report_list.html",
        {
            "page_obj": paginate(request, qs.order_by("-period", "regime__code", "unit__code", "-edition")),
            "params": params,
            "late": late,
            "regimes": Regime.objects.order_by("code"),
            "statuses": ReportStatus.choices,
            "form": form,
            "can_create": request.user.has_perm(policies.ADD),
        },
    )


def _report(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(selectors.reports_for(request.user), pk=pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return render(request, "indicators/report_detail.html", _detail_context(request, report))


def _detail_context(request: HttpRequest, report: Report, **extra: Any) -> dict[str, Any]:
    period = periods.parse(report.period)
    return {
        "report": report,
        "period": period,
        "rows": selectors.values_of(report),
        "findings": services.findings_of(report) if report.status in ("draft", "returned") else [],
        "editable": policies.can_edit(request.user, report),
        "actions": policies.allowed_actions(request.user, report),
        "events": events.for_object(report).order_by("-at"),
        "editions": Report.objects.filter(regime=report.regime, unit=report.unit, period=report.period)
        .exclude(pk=report.pk)
        .order_by("-edition"),
        "submission": extra.pop("submission", forms.Submission()),
        "return_form": extra.pop("return_form", forms.Return()),
        "ERROR": rules.ERROR,
        **extra,
    }


@require_POST
@login_required
@permission_required(VIEW, raise_exception=True)
def report_values(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    values = {key[2:]: value for key, value in request.POST.items() if key.startswith("v_")}
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.set_values(
            actor=request.user,
            now=timezone.now(),
            report_id=report.pk,
            values=values,
            version=version,
            narrative=request.POST.get("narrative"),
        )
    except ValidationError as exc:
        return render(
            request,
            "indicators/report_detail.html",
            _detail_context(request, report, value_errors=exc.message_dict, typed=values),
            status=422,
        )
    except NotAllowedError as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The values were saved."))
    return redirect(report)


@require_POST
@login_required
@permission_required(VIEW, raise_exception=True)
def report_import(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    upload = request.FILES.get("file")
    if upload is None or (upload.size or 0) > 5 * 1024 * 1024:
        messages.error(request, _("The file is not the report form (Excel) of this regime."))
        return redirect(report)
    try:
        services.import_values(actor=request.user, now=timezone.now(), report_id=report.pk, data=upload.read())
    except ValidationError as exc:
        for message in _messages_of(exc):
            messages.error(request, message)
    except NotAllowedError as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The values were saved."))
    return redirect(report)


@require_POST
@login_required
@permission_required(VIEW, raise_exception=True)
def report_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    report = _report(request, pk)
    now = timezone.now()
    try:
        if action == "submit":
            form = forms.Submission(request.POST)
            form.is_valid()
            services.submit_report(
                actor=request.user, now=now, report_id=report.pk, comment=form.cleaned_data.get("comment", "")
            )
        elif action == "approve":
            services.approve_report(actor=request.user, now=now, report_id=report.pk)
        elif action == "return":
            services.return_report(
                actor=request.user, now=now, report_id=report.pk, reason=request.POST.get("reason", "")
            )
        elif action == "correct":
            new = services.correct_report(actor=request.user, now=now, report_id=report.pk)
            return redirect(new)
        else:
            raise Http404
    except ValidationError as exc:
        for message in _messages_of(exc):
            messages.error(request, message)
    except NotAllowedError as exc:
        raise PermissionDenied from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, workflow.DONE_MESSAGES[action])
    return redirect(report)


@login_required
@permission_required(VIEW, raise_exception=True)
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    data = exports.report_xlsx(report, on=timezone.localdate())
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (
        f'attachment; filename="{report.regime.code}-{report.unit.code}-{report.period}.xlsx"'
    )
    return response


@login_required
@permission_required(VIEW, raise_exception=True)
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    data = exports.report_docx(report, on=timezone.localdate())
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{report.regime.code}-{report.unit.code}-{report.period}-thuyet-minh.docx"'
    )
    return response


@login_required
@permission_required(VIEW, raise_exception=True)
def report_dhis2(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    body = json.dumps(exports.dhis2_document([report]), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/json")


@login_required
@permission_required(VIEW, raise_exception=True)
def completeness(request: HttpRequest) -> HttpResponse:
    regimes = Regime.objects.order_by("code")
    regime = regimes.filter(code=request.GET.get("regime", "")).first() or regimes.filter(code="XA-NAM").first()
    today = timezone.localdate()
    text = request.GET.get("period", "") or str(
        periods.containing(regime.period_kind, today).previous() if regime else today.year
    )
    context: dict[str, Any] = {"regimes": regimes, "regime": regime, "period_text": text}
    if regime is not None:
        try:
            period = services.regime_period(regime, text)
        except ValidationError as exc:
            context["error"] = " ".join(_messages_of(exc))
        else:
            end = period.cutoff(regime.cutoff_rule)[1]
            province = _home_province(end)
            if province is not None:
                context.update(selectors.completeness(regime, period, under=province))
                context.update(
                    {
                        "period": period,
                        "province": province,
                        "due": _due(regime, period),
                        "can_remind": policies.can_remind(request.user),
                    }
                )
    return render(request, "indicators/completeness.html", context)


@require_POST
@login_required
@permission_required(VIEW, raise_exception=True)
def remind(request: HttpRequest) -> HttpResponse:
    if not policies.can_remind(request.user):
        raise PermissionDenied
    regime, period = request.POST.get("regime", ""), request.POST.get("period", "")
    try:
        parsed = periods.parse(period)
        count = services.remind_late(
            actor=request.user, now=timezone.now(), regime=regime, period=period, province=_home_province(parsed.end)
        )
    except NotAllowedError as exc:
        raise PermissionDenied from exc
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)s late communes were reminded.") % {"n": count})
    return redirect(f"{reverse('indicators:completeness')}?regime={regime}&period={period}")


def _due(regime: Regime, period: periods.Period) -> Any:
    from ictmis.core.public import working_calendar

    rule = regime.deadline_rule(Level.COMMUNE)
    return periods.deadline(period, rule, working_calendar(), cutoff_rule=regime.cutoff_rule) if rule else None


def _home_province(on: Any) -> Any:
    for code in settings.HOME_PROVINCE_CODES:
        unit = unit_by_code(code, on=on)
        if unit is not None and unit.level == Level.PROVINCE:
            return unit
    return None


@login_required
@permission_required(VIEW, raise_exception=True)
def scorecard_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", "") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 2016), today.year)
    on = scorecards.assessed_on(year, today)
    province = _home_province(on)
    scope = scope_of(request.user)
    paths = [province.path] if province is not None and scope.whole_province else list(scope.unit_paths)
    cards = scorecards.scorecards(paths=paths, year=year, today=today) if paths else []
    placed = positions_of([c.unit_id for c in cards])
    points = [
        {
            "lat": placed[c.unit_id][0],
            "lon": placed[c.unit_id][1],
            "name": c.name,
            "code": c.code,
            "state": "done" if c.met else "behind",
            "met": sum(r.met for r in c.results),
            "of": len(c.results),
        }
        for c in cards
        if c.unit_id in placed
    ]
    only_failing = request.GET.get("chua-dat") == "1"
    return render(
        request,
        "indicators/scorecards.html",
        {
            "year": year,
            "version": scorecards.version_for(year),
            "cards": [c for c in cards if not c.met] if only_failing else cards,
            "only_failing": only_failing,
            "summary": scorecards.summary(cards),
            "points": points,
            "can_override": policies.can_override_scorecard(request.user),
            "override_form": forms.Override(),
            "years": list(range(today.year, 2015, -1)),
        },
    )


@require_POST
@login_required
@permission_required(VIEW, raise_exception=True)
def scorecard_override(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    if not policies.can_override_scorecard(request.user):
        raise PermissionDenied
    form = forms.Override(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.override_subcriterion(
                actor=request.user,
                now=timezone.now(),
                unit_id=unit_id,
                year=year,
                subcriterion_id=form.cleaned_data["subcriterion"],
                met=form.cleaned_data["met"],
                reason=form.cleaned_data["reason"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as exc:
            for message in _messages_of(exc):
                messages.error(request, message)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The sub-criterion was set by hand."))
    else:
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
    return redirect(f"{reverse('indicators:scorecards')}?nam={year}")


@login_required
@permission_required(VIEW, raise_exception=True)
def override_file(request: HttpRequest, pk: int) -> FileResponse:
    override = get_object_or_404(ScorecardOverride.objects.select_related("unit"), pk=pk)
    if not policies.sees_unit(request.user, override.unit.path):
        raise Http404
    return FileResponse(override.evidence.open("rb"), as_attachment=True)
