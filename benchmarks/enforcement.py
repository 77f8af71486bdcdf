"""Sanction measurements (called by benchmarks/run.py): ICTMIS_BENCH_DECISIONS decisions (default 100,000), each
with its record and act, written with bulk inserts; then the median time of the decision list page (plain and
filtered), the report by month, a decision through the API and the provisions in force, against the issue's
target of 150 ms."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.enforcement.models import DecisionAct, SanctionDecision, SanctionProvision, ViolationRecord
from ictmis.legal.public import by_number

DECISIONS = int(os.environ.get("ICTMIS_BENCH_DECISIONS", "100000"))
BATCH = 5_000
TARGET_MS = 150


def load(now: dt.datetime) -> float:
    inspector = User.objects.get(username="thanhtra")
    provisions = list(SanctionProvision.objects.filter(legal_basis__number="15/2020/NĐ-CP"))
    decree = by_number("15/2020/NĐ-CP")
    start = time.perf_counter()
    for offset in range(0, DECISIONS, BATCH):
        count = min(BATCH, DECISIONS - offset)
        with transaction.atomic():
            records = ViolationRecord.objects.bulk_create(
                [
                    ViolationRecord(
                        number=f"{n}/BB-VPHC", violator_type="organisation", violator_name=f"Công ty {n % 997}",
                        violator_id_number=f"{4700000000 + n % 997}", recorded_at=now, place="Đồng Hới",
                        detected_on=dt.date(2021, 1, 1) + dt.timedelta(days=n % 1500), recorder=inspector,
                        status="decided", search_text=f"cong ty {n % 997}",
                    )
                    for n in range(offset, offset + count)
                ]
            )  # fmt: skip
            decisions = SanctionDecision.objects.bulk_create(
                [
                    SanctionDecision(
                        number=f"{n}/QĐ-XPHC", record=record, violator_type="organisation",
                        violator_name=record.violator_name, violator_id_number=record.violator_id_number,
                        sector=provisions[n % len(provisions)].sector, decree=decree,
                        decided_on=record.detected_on + dt.timedelta(days=3), signer_title="chief_inspector",
                        total=7_500_000, paid=7_500_000 if n % 3 else 0, status="closed" if n % 3 else "delivered",
                        delivered_on=record.detected_on + dt.timedelta(days=4), search_text=record.search_text,
                        published_on=record.detected_on + dt.timedelta(days=5) if n % 5 == 0 else None,
                    )
                    for n, record in enumerate(records, start=offset)
                ]
            )  # fmt: skip
            DecisionAct.objects.bulk_create(
                [
                    DecisionAct(decision=d, provision=provisions[n % len(provisions)], fine=7_500_000)
                    for n, d in enumerate(decisions, start=offset)
                ]
            )
    return time.perf_counter() - start


def run(tmp: Path, report: Callable[..., None], measure: Callable[..., float]) -> None:
    now = timezone.now()
    seconds = load(now)
    print(f"enforcement: {DECISIONS:,} decisions with records and acts written in {seconds:.1f} s")
    session = Client()
    session.force_login(User.objects.get(username="lanhdao"))
    decision = SanctionDecision.objects.order_by("-id").first()
    assert decision is not None
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("GET /thanh-tra/ decisions page 1", lambda: session.get("/thanh-tra/")),
        ("GET /thanh-tra/?sector=telecom&status=delivered", lambda: session.get(
            "/thanh-tra/", {"sector": "telecom", "status": "delivered"})),
        ("GET /thanh-tra/?page=1000", lambda: session.get("/thanh-tra/", {"page": 1000})),
        ("GET /thanh-tra/bao-cao/?theo=month", lambda: session.get("/thanh-tra/bao-cao/", {"theo": "month"})),
        ("GET /thanh-tra/bao-cao/theo-doi/ (overdue, plan)", lambda: session.get("/thanh-tra/bao-cao/theo-doi/")),
        ("GET /cong-thong-tin/quyet-dinh-xu-phat/", lambda: session.get("/cong-thong-tin/quyet-dinh-xu-phat/")),
        ("GET /api/v1/sanction-decisions/{id}", lambda: session.get(f"/api/v1/sanction-decisions/{decision.pk}")),
        ("GET /api/v1/sanction-provisions?on=…", lambda: session.get("/api/v1/sanction-provisions",
                                                                     {"on": "2025-01-01"})),
    ]  # fmt: skip
    for name, call in cases:
        response = call()
        assert response.status_code == 200, (name, response.status_code)
        seconds = measure(call, repeat=5, number=5)
        verdict = "ok" if seconds * 1000 < TARGET_MS else f"OVER {TARGET_MS} ms"
        report(f"{name} ({verdict})", seconds)
