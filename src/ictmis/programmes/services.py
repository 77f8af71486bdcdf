"""Writes of programmes: poverty status, deliveries checked against the programme's rules, merging a duplicate
household (a year's list is imported through `list_import`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import events, records
from ictmis.core.access import scope_of
from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.programmes import eligibility, tallies
from ictmis.programmes.models import Delivery, Household, PovertyRecord, Programme


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


@transaction.atomic
def set_poverty_status(
    *,
    household: Household,
    year: int,
    status: str,
    standard: str = "",
    decision: str = "",
    actor: Any,
    now: dt.datetime,
) -> PovertyRecord:
    """A year's approved list: adds or corrects that year only; earlier years stay as they were."""
    record, created = PovertyRecord.objects.update_or_create(
        household=household, year=year, defaults={"status": status, "standard": standard, "decision": decision}
    )
    events.record(
        household, "programmes.household.poverty_status", actor=actor, at=now, year=year, status=status, created=created
    )
    return record


@transaction.atomic
def record_delivery(
    *,
    programme: Programme,
    household: Household,
    delivered_on: dt.date,
    actor: Any,
    now: dt.datetime,
    serial: str = "",
    antenna: bool = False,
    cable_m: int | None = None,
    amount: int = 0,
    delivered_by: str = "",
    funding_source: str = "",
    override_reason: str = "",
) -> Delivery:
    """A delivery the rules allow, or one a specialist overrides with a written reason (audited)."""
    Household.objects.select_for_update().filter(pk=household.pk).first()  # one delivery at a time per household
    if delivered_on > timezone.localdate(now):
        raise DomainError(_("The delivery date cannot be in the future."), field="delivered_on")
    if programme.max_cable_m is not None and cable_m is not None and cable_m > programme.max_cable_m:
        raise DomainError(_("At most %(m)s m of cable per household.") % {"m": programme.max_cable_m}, field="cable_m")
    reasons = eligibility.reasons_against(programme, household, delivered_on)
    if reasons and not override_reason.strip():
        raise DomainError(" ".join(reasons), field="household")
    if reasons and not actor.has_perm("programmes.override_delivery"):
        raise NotAllowedError(_("Only a specialist may deliver despite the rules."))
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                programme=programme,
                household=household,
                delivered_on=delivered_on,
                serial=serial.strip(),
                antenna=antenna,
                cable_m=cable_m,
                amount=amount,
                delivered_by=delivered_by,
                funding_source=funding_source,
                override_reason=override_reason.strip() if reasons else "",
                created_by=_user(actor),
                updated_by=_user(actor),
            )
    except IntegrityError:
        if not serial.strip() or not Delivery.objects.filter(programme=programme, serial=serial.strip()).exists():
            raise
        taken = serial_taken(programme_id=programme.pk, serial=serial.strip(), actor=actor)
        raise DomainError(taken, field="serial") from None
    events.record(
        delivery,
        "programmes.delivery.recorded",
        actor=actor,
        at=now,
        household=household.code,
        overridden=bool(reasons),
        reasons=reasons,
        override_reason=override_reason.strip(),
    )
    return delivery


def serial_taken(*, programme_id: int, serial: str, actor: Any) -> str:
    """Why a serial number is refused: the household it was handed over to and the day, when that household
    is inside the actor's units; another commune's household is not told, only that the serial is used."""
    earlier = (
        Delivery.objects.filter(programme_id=programme_id, serial=serial)
        .select_related("household")
        .only("delivered_on", "household__code", "household__unit_path")
        .first()
    )
    if earlier is None:
        return _("Serial number %(serial)s appears twice in this file.") % {"serial": serial}
    scope = scope_of(actor)
    if not (scope.whole_province or any(earlier.household.unit_path.startswith(p) for p in scope.unit_paths)):
        return _("Serial number %(serial)s was already handed over to another household.") % {"serial": serial}
    return _("Serial number %(serial)s was already handed over to household %(household)s on %(date)s.") % {
        "serial": serial,
        "household": earlier.household.code,
        "date": f"{earlier.delivered_on:%d/%m/%Y}",
    }


@transaction.atomic
def record_press_delivery(*, recipient: Any, month: dt.date, copies: int, actor: Any, now: dt.datetime) -> Any:
    """A month's copies for a recipient (as the distributor reports them); a second report corrects the first."""
    from ictmis.programmes.models import PressDelivery

    scheme = recipient.scheme
    month = month.replace(day=1)
    if month < scheme.starts_on.replace(day=1) or (scheme.ends_on is not None and month > scheme.ends_on):
        raise DomainError(_("The month is outside the scheme's period."), field="month")
    if copies < 0:
        raise DomainError(_("The number of copies cannot be negative."), field="copies")
    delivery, _created = PressDelivery.objects.update_or_create(
        recipient=recipient, month=month, defaults={"copies": copies}
    )
    events.record(delivery, "programmes.press.delivered", actor=actor, at=now, copies=copies)
    return delivery


@transaction.atomic
def merge_households(*, keep: Household, merge: Household, actor: Any, now: dt.datetime) -> Household:
    """A duplicate goes into the household kept: its deliveries and the years the kept one lacks move over;
    the duplicate is soft-deleted (restorable), and both histories stay."""
    if keep.pk == merge.pk:
        raise DomainError(_("A household cannot be merged into itself."))
    kept_years = set(keep.poverty.values_list("year", flat=True))
    with tallies.batched():
        merge.poverty.exclude(year__in=kept_years).update(household=keep)
        merge.deliveries.update(household=keep)
        records.soft_delete(merge, actor=actor, now=now, verb="programmes.household.merged",
                            reason=_("merged into %(code)s") % {"code": keep.code})  # fmt: skip
        tallies.touched([keep.unit_id, merge.unit_id])
    events.record(keep, "programmes.household.merged_in", actor=actor, at=now, merged=merge.code)
    return keep
