"""Training pages for staff: plans and courses, a course's participants, attendance, results and certificates,
coverage by commune, and the exports. Thin: parse, one domain call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.history import events_of, history_of
from ictmis.training import policies, report, selectors, services
from ictmis.training.forms import CourseEditForm, CourseForm, CoverageForm, ParticipantForm, PlanForm, ResultForm
from ictmis.training.models import Course, Enrolment, Result, Session, Topic, TrainingPlan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _form_error(form: Any, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
@permission_required(policies.VIEW, raise_exception=True)
def courses(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("nam", "")
    qs = selectors.courses_for(request.user)
    if year.isdigit():
        qs = qs.filter(plan__year=int(year))
    return render(
        request,
        "training/course_list.html",
        {"plans": selectors.plans(), "courses": qs, "year": year, "plan_form": PlanForm(),
         "may_create": policies.can_create_course(request.user),
         "may_approve": policies.can_approve_plan(request.user)},
    )  # fmt: skip


@login_required
@require_POST
@permission_required(policies.CREATE, raise_exception=True)
def plan_new(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            services.create_plan(actor=request.user, now=timezone.now(), **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The training plan was created."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("training:courses")


@login_required
@require_POST
@permission_required(policies.APPROVE, raise_exception=True)
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(TrainingPlan, pk=pk)
    try:
        services.approve_plan(plan_id=plan.pk, actor=request.user, now=timezone.now())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The training plan was approved."))
    return redirect("training:courses")


@login_required
@permission_required(policies.CREATE, raise_exception=True)
def course_new(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        plan = values.pop("plan")
        try:
            course = services.create_course(plan=plan, values=values, actor=request.user, now=timezone.now())
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The course was created."))
            return redirect(course)
    return render(request, "training/course_form.html", {"form": form})


def _course_or_404(request: HttpRequest, pk: int) -> Course:
    return get_object_or_404(selectors.courses_for(request.user), pk=pk)


@login_required
@permission_required(policies.CREATE, raise_exception=True)
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    course = _course_or_404(request, pk)
    initial = {name: getattr(course, name) for name in services.EDITABLE} | {"version": course.version}
    form = CourseEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            services.update_course(course=course, expected_version=values.pop("version"), changes=values,
                                   actor=request.user, now=timezone.now())  # fmt: skip
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The course was saved."))
            return redirect(course)
    return render(request, "training/course_form.html", {"form": form, "course": course})


@login_required
@permission_required(policies.VIEW, raise_exception=True)
def course_detail(request: HttpRequest, pk: int, participant_form: ParticipantForm | None = None) -> HttpResponse:
    course = _course_or_404(request, pk)
    enrolments = list(selectors.enrolments_for(request.user, course))
    sessions = list(course.sessions.all())
    grid = selectors.attendance_grid(course, enrolments)
    return render(
        request,
        "training/course_detail.html",
        {
            "course": course,
            "enrolments": enrolments,
            "sessions": [{"session": s, "present": grid.get(s.pk, set())} for s in sessions],
            "session_count": len(sessions),
            "form": participant_form or ParticipantForm(),
            "results": Result.choices,
            "may_manage": policies.can_manage_course(request.user),
            "may_certify": policies.can_issue_certificate(request.user),
            "summary": selectors.evaluation_summary(course),
            "tab": request.GET.get("tab", ""),
            "history": history_of(course) if request.GET.get("tab") == "history" else [],
            "events": events_of(course) if request.GET.get("tab") == "history" else [],
            "may_edit": policies.can_create_course(request.user),
        },
    )


@login_required
@require_POST
@permission_required(policies.MANAGE, raise_exception=True)
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    course = _course_or_404(request, pk)
    form = ParticipantForm(request.POST, on=course.starts_on)
    if form.is_valid():
        try:
            services.enrol_participant(course=course, actor=request.user, now=timezone.now(), **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The participant was enrolled."))
            return redirect(course)
    return course_detail(request, pk, participant_form=form)


@login_required
@require_POST
@permission_required(policies.MANAGE, raise_exception=True)
def attendance(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    course = _course_or_404(request, pk)
    session = get_object_or_404(Session, pk=session_id, course=course)
    try:
        present = {int(v) for v in request.POST.getlist("present")}
    except ValueError:
        present = {-1}
    try:
        services.mark_attendance(session=session, present=present, actor=request.user, now=timezone.now())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The attendance of %(day)s was saved.") % {"day": f"{session.day:%d/%m/%Y}"})
    return redirect(course)


def _enrolment_or_404(request: HttpRequest, pk: int) -> Enrolment:
    enrolment = get_object_or_404(Enrolment.objects.select_related("course"), pk=pk)
    _course_or_404(request, enrolment.course_id)
    return get_object_or_404(selectors.enrolments_for(request.user, enrolment.course), pk=pk)


@login_required
@require_POST
@permission_required(policies.MANAGE, raise_exception=True)
def result(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment_or_404(request, pk)
    form = ResultForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid result."))
    else:
        try:
            services.record_result(enrolment_id=enrolment.pk, actor=request.user, now=timezone.now(),
                                   result=form.cleaned_data["result"])  # fmt: skip
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The result was recorded."))
    return redirect(enrolment.course)


@login_required
@require_POST
@permission_required(policies.CERTIFY, raise_exception=True)
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment_or_404(request, pk)
    try:
        done = services.issue_certificate(enrolment_id=enrolment.pk, actor=request.user, now=timezone.now())
    except NotAllowedError:
        raise PermissionDenied from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Certificate %(number)s was issued; verification code %(code)s.")
            % {"number": done.certificate_number, "code": done.certificate_code},
        )
    return redirect(enrolment.course)


@login_required
@permission_required(policies.VIEW, raise_exception=True)
def certificate_file(request: HttpRequest, pk: int) -> FileResponse:
    enrolment = _enrolment_or_404(request, pk)
    if enrolment.certificate is None:
        from django.http import Http404

        raise Http404
    document = enrolment.certificate
    return FileResponse(document.file.open("rb"), as_attachment=True,
                        filename=f"giay-chung-nhan-{document.number.replace('/', '-')}.docx")  # fmt: skip


@login_required
@permission_required(policies.VIEW, raise_exception=True)
def attendance_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    course = _course_or_404(request, pk)
    enrolments = list(selectors.enrolments_for(request.user, course))
    grid = selectors.attendance_grid(course, enrolments)
    content = report.attendance_sheet(course, enrolments, grid, day=timezone.localdate())
    return _xlsx(content, f"diem-danh-{course.code}.xlsx")


@login_required
@permission_required(policies.VIEW, raise_exception=True)
def year_report(request: HttpRequest, year: int) -> HttpResponse:
    qs = (
        selectors.courses_for(request.user)
        .filter(plan__year=year)
        .annotate(certificate_count=Count("enrolments", filter=Q(enrolments__certificate__isnull=False),
                                          distinct=True))
        .order_by("starts_on", "code")
    )  # fmt: skip
    return _xlsx(report.year_report(year, list(qs), day=timezone.localdate()), f"bao-cao-dao-tao-{year}.xlsx")


@login_required
@permission_required(policies.VIEW, raise_exception=True)
def coverage(request: HttpRequest) -> HttpResponse:
    form = CoverageForm(request.GET)
    topic, years = "", 5
    if form.is_valid():
        topic = form.cleaned_data["topic"] or ""
        years = form.cleaned_data["years"] or 5
    rows = selectors.coverage(request.user, today=timezone.localdate(), years=years, topic=topic)
    points, unplaced = selectors.coverage_points(rows)
    return render(
        request,
        "training/coverage.html",
        {"rows": rows, "topic": topic, "years": years, "topics": Topic.choices, "form": form,
         "points": points, "unplaced": unplaced,
         "map_labels": {"trained": _("Persons trained"), "last": _("Last course")}},
    )  # fmt: skip
