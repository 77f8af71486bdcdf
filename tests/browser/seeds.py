"""Data the browser tests need but do not test, made through the services on the live site's database (called
with `Site.call`, inside `ictmis shell`); each function returns what the test needs to find it, as JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from ictmis.enforcement import services
from ictmis.enforcement.models import CoercionDecision, SanctionProvision
from ictmis.parties.public import Organisation
from ictmis.units.public import unit_by_code


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 2, 30, tzinfo=dt.UTC)


def overdue_sanction_decision() -> dict[str, Any]:
    """A fine of 4,000,000 đ on an operator, decided 37 days ago by the commune chairman's title, delivered the next
    day and left unpaid: its payment deadline has passed."""
    users = get_user_model().objects
    inspector, leader = users.get(username="thanhtra"), users.get(username="lanhdao")
    operator = Organisation.objects.get(tax_code="4701234564")
    today = timezone.localdate()
    detected, decided = today - dt.timedelta(days=40), today - dt.timedelta(days=37)
    provision = SanctionProvision.objects.filter(article="khoản 1 Điều 8", legal_basis__number="174/2026/NĐ-CP").get()
    record = services.record_violation(
        actor=inspector,
        now=_at(detected),
        violator_type="organisation",
        violator_name=operator.name,
        violator_id_number=operator.tax_code,
        organisation=operator,
        place="Bưu cục Ba Đồn (thử nghiệm cưỡng chế)",
        unit=unit_by_code("18880", on=detected),
        detected_on=detected,
        provision_ids=[provision.pk],
    )
    drafted = services.draft_decision(
        actor=inspector,
        now=_at(decided),
        record=record,
        decided_on=decided,
        signer_title="commune_pc",
        acts=[{"provision": provision.pk, "fine": 4_000_000}],
    )
    signed = services.sign_decision(actor=leader, now=_at(decided), decision=drafted)
    delivered = decided + dt.timedelta(days=1)
    services.deliver_decision(actor=inspector, now=_at(delivered), decision=signed, delivered_on=delivered)
    return {
        "id": signed.pk,
        "number": signed.number,
        "violator": signed.violator_name,
        "decided_on": decided.strftime("%d/%m/%Y"),
        "today": today.strftime("%d/%m/%Y"),  # the server's day (Vietnam), not the test machine's
    }


def coercions_of(decision_id: int) -> int:
    return CoercionDecision.objects.filter(decision_id=decision_id).count()
