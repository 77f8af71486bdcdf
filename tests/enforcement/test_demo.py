from __future__ import annotations

import datetime as dt

import pytest

from ictmis.documents.demo import load_demo as load_signatories
from ictmis.enforcement import demo, selectors, services
from ictmis.enforcement.models import Inspection, InspectionPlan, SanctionDecision, ViolationRecord

pytestmark = pytest.mark.django_db


def test_the_demo_has_plans_inspections_paid_overdue_old_and_transferred_cases_once(now):
    load_signatories(now)
    demo.load(now)
    demo.load(now)

    assert set(InspectionPlan.objects.values_list("year", flat=True)) == {2019, 2026}
    assert Inspection.objects.count() == 3
    decisions = {d.decree.number: d for d in SanctionDecision.objects.select_related("decree")}
    assert SanctionDecision.objects.filter(decree__number="15/2020/NĐ-CP").count() == 2
    assert decisions["174/2013/NĐ-CP"].status == "closed"
    overdue = SanctionDecision.objects.get(decree__number="15/2020/NĐ-CP", status="delivered")
    assert services.surcharge_to(overdue, dt.date(2025, 12, 1)) > 0
    assert ViolationRecord.objects.get(status="transferred").transferred_to == "director"
    assert list(selectors.published_decisions().values_list("violator_type", flat=True)) == ["organisation"]
    assert overdue.appeals.get().outcome == "pending"
    spot = SanctionDecision.objects.get(kind="without_record")
    assert (spot.record_id, spot.status, spot.paid, spot.decree.number) == (None, "closed", 500_000, "174/2026/NĐ-CP")
    enforced = SanctionDecision.objects.get(status="enforced")
    coercion = enforced.coercions.get()
    assert coercion.number and coercion.document is not None
    assert (coercion.unpaid_fine, coercion.surcharge, coercion.amount) == (4_000_000, 56_000, 4_056_000)
