"""Writes shared by every registry: each in a transaction, versioned, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ictmis.core import events, records
from ictmis.core.access import scope_of
from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.registry import RegistrySpec


def _check_scope(spec: RegistrySpec, actor: Any, record: Any) -> None:
    """A commune officer may only file records in their units; an enterprise only its own records."""
    scope = scope_of(actor)
    if scope.whole_province:
        return
    record.fill_unit_keys()
    if scope.unit_paths and any(record.unit_path.startswith(p) for p in scope.unit_paths):
        return
    owner_field = f"{spec.organisation_field}_id" if spec.organisation_field else None
    if scope.organisation_id and owner_field and getattr(record, owner_field) == scope.organisation_id:
        return
    raise NotAllowedError(_("This record is outside the units you are responsible for."))


@transaction.atomic
def create_record(*, spec: RegistrySpec, actor: Any, now: dt.datetime, form: Any) -> Any:
    record = form.save(commit=False)
    _check_scope(spec, actor, record)
    record.created_by = actor
    record.updated_by = actor
    record.save()
    form.save_m2m()
    events.record(record, f"{spec.app_label}.{spec.model_name}.created", actor=actor, at=now)
    return record


@transaction.atomic
def update_record(
    *, spec: RegistrySpec, record: Any, actor: Any, now: dt.datetime, expected_version: int, form: Any
) -> Any:
    changes = {
        name: value
        for name, value in form.cleaned_data.items()
        if name not in {"version"} and name not in {f.name for f in spec.model._meta.many_to_many}
    }
    candidate = form.instance
    _check_scope(spec, actor, candidate)
    saved = records.update_record(
        record,
        actor=actor,
        now=now,
        expected_version=expected_version,
        changes=changes,
        verb=f"{spec.app_label}.{spec.model_name}.updated",
    )
    for field in spec.model._meta.many_to_many:
        if field.name in form.cleaned_data:
            getattr(saved, field.name).set(form.cleaned_data[field.name])
    return saved


def delete_record(*, spec: RegistrySpec, record: Any, actor: Any, now: dt.datetime) -> Any:
    return records.soft_delete(record, actor=actor, now=now, verb=f"{spec.app_label}.{spec.model_name}.deleted")


@transaction.atomic
def restore_record(*, spec: RegistrySpec, record: Any, actor: Any, now: dt.datetime) -> Any:
    """A deleted record comes back unless a live record has taken its key meanwhile (the registry's
    constraint allows one live record per key)."""
    columns = [f"{n}_id" if spec.model._meta.get_field(n).is_relation else n for n in spec.natural_key]
    key = {column: getattr(record, column) for column in columns}
    taken = spec.model.objects.filter(deleted_at__isnull=True, **key).exclude(pk=record.pk)
    if taken.exists():
        names = [str(getattr(spec.model._meta.get_field(name), "verbose_name", name)) for name in spec.natural_key]
        raise DomainError(
            _("Another record with the same %(key)s is in the registry now; change or delete it first.")
            % {"key": ", ".join(names)}
        )
    return records.restore(record, actor=actor, now=now, verb=f"{spec.app_label}.{spec.model_name}.restored")


def location_warnings(record: Any) -> list[str]:
    """Coordinates inside Viet Nam but far from the chosen commune's province deserve a second look."""
    from ictmis.core.registry_selectors import province_box

    if record.latitude is None or record.province_unit_id is None:
        return []
    box = province_box(record.province_unit_id, exclude_pk=record.pk, model=type(record))
    if box is None:
        return []
    south, north, west, east = box
    margin = 0.3
    if south - margin <= record.latitude <= north + margin and west - margin <= record.longitude <= east + margin:
        return []
    return [
        _("The coordinates lie outside the area of the other records of %(province)s; check them.")
        % {"province": record.province_unit}
    ]
