"""The pages every registry shares: list, map, detail with history, forms, import and export."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ictmis.core import imports, job_workers, registry, registry_export, registry_selectors, registry_services, tasks
from ictmis.core.access import scope_of
from ictmis.core.directory import directory
from ictmis.core.errors import DomainError
from ictmis.core.history import events_of, history_of
from ictmis.core.http import bad_request, is_htmx
from ictmis.core.listing import paginate_keys
from ictmis.core.models import ImportJob
from ictmis.core.registry import Importer, RegistrySpec


def _source(
    request: HttpRequest, key: str, action: str = "add", *, registries_only: bool = False
) -> RegistrySpec | Importer:
    """A registry, or for the import pages also another importer (deliveries), if the user may `action` it."""
    try:
        spec = registry.get(key) if registries_only else registry.source(key)
    except KeyError:
        raise Http404 from None
    if not request.user.has_perm(spec.perm(action)):
        raise PermissionDenied
    return spec


def _spec(request: HttpRequest, key: str, action: str = "view") -> RegistrySpec:
    spec = _source(request, key, action, registries_only=True)
    assert isinstance(spec, RegistrySpec)
    return spec


def _filter_options(spec: RegistrySpec, actor: Any) -> list[dict[str, Any]]:
    options = []
    for name in spec.filter_fields:
        field = spec.model._meta.get_field(name)
        if field.is_relation:
            choices: list[Any] = directory.organisation_choices(actor)
        else:
            column = next((c for c in spec.columns if c.field == name), None)
            choices = list(column.choices) if column and column.choices else list(getattr(field, "choices", None) or [])
        options.append({"name": name, "label": getattr(field, "verbose_name", name), "choices": choices})
    return options


@login_required
def index(request: HttpRequest) -> HttpResponse:
    visible = [spec for spec in registry.all_registries() if request.user.has_perm(spec.perm("view"))]
    if not visible:
        raise PermissionDenied
    rows = [{"spec": spec, "count": registry_selectors.records_for(spec, request.user).count()} for spec in visible]
    return render(request, "core/registry/index.html", {"rows": rows})


@login_required
def record_list(request: HttpRequest, key: str) -> HttpResponseBase:
    spec = _spec(request, key)
    try:
        qs = registry_selectors.filtered(spec, request.user, request.GET)
    except ValidationError as exc:
        return bad_request(request, exc)
    sort = spec.sort_order(request.GET.get("sort"))
    if sort:
        qs = qs.order_by(sort, "pk")
    else:
        sort = ""
        qs = qs.order_by(*(spec.model._meta.ordering or ["pk"]), "pk")
    level = request.GET.get("level", "district")
    level = level if level in registry_selectors.LEVEL_COLUMN else "district"
    structure = request.GET.get("structure", "as_filed")
    structure = structure if structure in registry_selectors.STRUCTURES else "as_filed"
    if request.GET.get("summary") and request.GET.get("export") in ("xlsx", "csv"):  # what the user is looking at
        counts = registry_selectors.summary(qs, level, structure)
        return registry_export.summary_response(spec, counts, level=level, kind=request.GET["export"])
    exported = registry_export.respond(request, spec, qs)
    if exported is not None:
        return exported
    context = {
        "spec": spec,
        "can_add": request.user.has_perm(spec.perm("add")),
        "page_obj": paginate_keys(request, qs),
        "fields": [spec.model._meta.get_field(name) for name in spec.list_fields],
        "filters": _filter_options(spec, request.user),
        "unit_choices": directory.unit_choices(),
        "params": request.GET,
        "sort": sort,
        "level": level,
        "structure": structure,
        "summary": registry_selectors.summary(qs, level, structure) if request.GET.get("summary") else None,
    }
    template = "core/registry/list.html#results" if is_htmx(request) else "core/registry/list.html"
    return render(request, template, context)


@login_required
def record_map(request: HttpRequest, key: str) -> HttpResponse:
    spec = _spec(request, key)
    return render(
        request,
        "core/registry/map.html",
        {
            "spec": spec,
            "filters": _filter_options(spec, request.user),
            "unit_choices": directory.unit_choices(),
            "params": request.GET,
            "map_config": json.dumps(
                {
                    "dataUrl": f"/api/v1/{spec.key}/map",
                    "detailUrl": reverse("registry:detail", args=[spec.key, 0]).replace("/0/", "/{id}/"),
                    "query": request.GET.urlencode(),
                }
            ),
        },
    )


@login_required
def record_detail(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    spec = _spec(request, key)
    record = get_object_or_404(registry_selectors.records_for(spec, request.user, include_deleted=True), pk=pk)
    tab = request.GET.get("tab", "info")
    fields = [f for f in spec.model._meta.fields if f.editable and f.name not in {"id", "search_text"}]
    return render(
        request,
        "core/registry/detail.html",
        {
            "spec": spec,
            "record": record,
            "tab": tab,
            "fields": fields,
            "m2m": [(f.verbose_name, list(getattr(record, f.name).all())) for f in spec.model._meta.many_to_many],
            "history": history_of(record) if tab == "history" else [],
            "events": events_of(record) if tab == "history" else [],
            "can_change": request.user.has_perm(spec.perm("change")),
            "can_delete": request.user.has_perm(spec.perm("delete")),
        },
    )


def _save_form(request: HttpRequest, spec: RegistrySpec, record: Any | None) -> HttpResponse:
    form = spec.form_class(request.POST or None, instance=record, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if record is None:
                saved = registry_services.create_record(spec=spec, actor=request.user, now=timezone.now(), form=form)
                messages.success(request, _("The record was created."))
            else:
                saved = registry_services.update_record(
                    spec=spec,
                    record=record,
                    actor=request.user,
                    now=timezone.now(),
                    expected_version=form.cleaned_data.get("version") or 0,
                    form=form,
                )
                messages.success(request, _("The changes were saved."))
        except DomainError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            for warning in registry_services.location_warnings(saved):
                messages.warning(request, warning)
            return redirect("registry:detail", spec.key, saved.pk)
    return render(request, "core/registry/form.html", {"spec": spec, "form": form, "record": record})


@login_required
def record_create(request: HttpRequest, key: str) -> HttpResponse:
    return _save_form(request, _spec(request, key, "add"), None)


@login_required
def record_edit(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    spec = _spec(request, key, "change")
    record = get_object_or_404(registry_selectors.records_for(spec, request.user), pk=pk)
    return _save_form(request, spec, record)


@require_POST
@login_required
def record_delete(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    spec = _spec(request, key, "delete")
    record = get_object_or_404(registry_selectors.records_for(spec, request.user), pk=pk)
    registry_services.delete_record(spec=spec, record=record, actor=request.user, now=timezone.now())
    messages.success(request, _("The record was deleted. It can be restored from this page."))
    return redirect("registry:detail", spec.key, pk)


@require_POST
@login_required
def record_restore(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    spec = _spec(request, key, "delete")
    qs = registry_selectors.records_for(spec, request.user, include_deleted=True).filter(deleted_at__isnull=False)
    record = get_object_or_404(qs, pk=pk)
    try:
        registry_services.restore_record(spec=spec, record=record, actor=request.user, now=timezone.now())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The record was restored."))
    return redirect("registry:detail", spec.key, pk)


@login_required
def template_download(request: HttpRequest, key: str) -> HttpResponse:
    spec = _source(request, key, "view")
    return registry_export.template_response(spec)


@login_required
def import_upload(request: HttpRequest, key: str) -> HttpResponse:
    spec = _source(request, key)
    error = None
    parameters = getattr(spec, "parameters", None)
    form = parameters(request.POST or None) if parameters is not None else None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if form is not None and not form.is_valid():
            pass  # the form shows its errors
        elif upload is None:
            error = _("Choose a file to import.")
        elif (upload.size or 0) > settings.IMPORT_MAX_BYTES:
            error = _("The file is larger than %(mb)s MB.") % {"mb": settings.IMPORT_MAX_BYTES // 1_000_000}
        elif not (upload.name or "").lower().endswith((".xlsx", ".csv")):
            error = _("Only Excel (.xlsx) and CSV files can be imported.")
        else:
            job = imports.create_job(
                spec=spec,
                filename=upload.name or "",
                chunks=upload.chunks(),
                actor=request.user,
                now=timezone.now(),
                params=form.cleaned_data if form is not None else None,
            )
            tasks.validate_import.enqueue(job.pk)
            return redirect("registry:import_job", spec.key, job.pk)
    jobs = ImportJob.objects.filter(registry=spec.key, created_by_id=request.user.pk)[:10]
    return render(request, "core/registry/import.html", {"spec": spec, "error": error, "jobs": jobs, "form": form})


def _job(request: HttpRequest, spec: RegistrySpec | Importer, job_id: int) -> ImportJob:
    jobs = ImportJob.objects.filter(registry=spec.key)
    if not scope_of(request.user).whole_province:
        jobs = jobs.filter(created_by_id=request.user.pk)
    return get_object_or_404(jobs, pk=job_id)


def _parameters(spec: RegistrySpec | Importer, job: ImportJob) -> list[tuple[Any, Any]]:
    """The importer's parameters of this job, as (label, value) for the page."""
    parameters = getattr(spec, "parameters", None)
    if parameters is None:
        return []
    fields = parameters.base_fields
    return [(fields[name].label, value) for name, value in imports.job_params(job.pk).items() if name in fields]


@login_required
def import_job(request: HttpRequest, key: str, job_id: int) -> HttpResponse:
    spec = _source(request, key)
    job = _job(request, spec, job_id)
    context = {
        "spec": spec,
        "job": job,
        "progress": imports.read_progress(job.pk),
        "errors": job.errors[:200],
        "parameters": _parameters(spec, job),
        "notes": (job.result or {}).get("notes", [])[:200],
    }
    template = "core/registry/import_job.html#status" if is_htmx(request) else "core/registry/import_job.html"
    return render(request, template, context)


@require_POST
@login_required
def import_commit(request: HttpRequest, key: str, job_id: int) -> HttpResponse:
    spec = _source(request, key)
    job = _job(request, spec, job_id)
    if job_workers.start_commit(job_id=job.pk, now=timezone.now()):
        tasks.commit_import.enqueue(job.pk)
    elif job.status in (ImportJob.Status.QUEUED, ImportJob.Status.COMMITTING, ImportJob.Status.DONE):
        messages.info(request, _("This file is already being imported or has been imported."))
    else:
        messages.error(request, _("Only a file that passed validation can be imported."))
    return redirect("registry:import_job", spec.key, job.pk)


@login_required
def import_errors(request: HttpRequest, key: str, job_id: int) -> HttpResponse:
    spec = _source(request, key)
    job = _job(request, spec, job_id)
    return registry_export.errors_response(job)


@login_required
def import_file(request: HttpRequest, key: str, job_id: int) -> FileResponse:
    spec = _source(request, key)
    job = _job(request, spec, job_id)
    return FileResponse(open(job.stored_path, "rb"), as_attachment=True, filename=job.filename)
