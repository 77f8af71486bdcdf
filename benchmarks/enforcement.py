"""Sanction measurements (called by benchmarks/run.py): ICTMIS_BENCH_DECISIONS decisions (default 100,000) written
by enforcement_data.py, then every sanction page and API endpoint, full stack with a leader's session (the public
page and its open dataset anonymous), each beside the raw SQL its page cannot do without, timed in the same run:
median of 5 rounds of 5 calls, the ratio to the floor, against the issue's target of 150 ms."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.enforcement.models import SanctionDecision

DECISIONS = int(os.environ.get("ICTMIS_BENCH_DECISIONS", "100000"))
TARGET_MS = 150
D = "enforcement_sanctiondecision"
DECISION_COLUMNS = (
    "d.id, d.number, d.violator_name, d.decided_on, d.total, d.paid, d.status, d.sector, d.signer_title, "
    "d.record_id, l.number"
)


def raw(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _ids(rows: list[tuple[Any, ...]]) -> str:
    return ", ".join(str(int(r[0])) for r in rows) or "0"


def decision_page(where: str = "", params: tuple[Any, ...] = (), *, offset: int = 0, size: int = 50) -> None:
    """What any list of decisions needs: the count, then one page in the list's order with the decree."""
    raw(f"SELECT COUNT(*) FROM {D} d {where}", params)
    raw(
        f"SELECT {DECISION_COLUMNS} FROM {D} d JOIN legal_legaldocument l ON l.id = d.decree_id {where} "
        f"ORDER BY d.decided_on DESC, d.id DESC LIMIT {size} OFFSET {offset}",
        params,
    )


def acts_of(rows: list[tuple[Any, ...]], table: str = "enforcement_decisionact", key: str = "decision_id") -> None:
    raw(
        f"SELECT a.*, p.*, l.* FROM {table} a JOIN enforcement_sanctionprovision p ON p.id = a.provision_id "
        f"JOIN legal_legaldocument l ON l.id = p.legal_basis_id WHERE a.{key} IN ({_ids(rows)}) ORDER BY a.id"
    )


def detail(pk: int, day: dt.date) -> None:
    raw(
        f"SELECT d.*, l.*, r.* FROM {D} d JOIN legal_legaldocument l ON l.id = d.decree_id "
        "JOIN enforcement_violationrecord r ON r.id = d.record_id WHERE d.id = %s",
        [pk],
    )
    acts_of([(pk,)])
    raw("SELECT * FROM enforcement_payment WHERE decision_id = %s ORDER BY paid_on, id", [pk])
    raw("SELECT * FROM enforcement_appeal WHERE decision_id = %s ORDER BY lodged_on, id", [pk])
    raw(
        "SELECT t.*, l.* FROM enforcement_timerule t JOIN legal_legaldocument l ON l.id = t.legal_basis_id "
        "WHERE t.valid_from <= %s AND (t.valid_to IS NULL OR t.valid_to > %s)",
        [day, day],
    )


def records_page() -> None:
    raw("SELECT COUNT(*) FROM enforcement_violationrecord")
    rows = raw(
        "SELECT r.*, u.username FROM enforcement_violationrecord r JOIN accounts_user u ON u.id = r.recorder_id "
        "ORDER BY r.recorded_at DESC, r.id DESC LIMIT 50"
    )
    acts_of(rows, "enforcement_recordact", "record_id")


def report_floor(by: str) -> None:
    if by == "provision":
        raw(
            f"SELECT p.article, l.number, COUNT(DISTINCT d.id), SUM(a.fine) FROM {D} d "
            "JOIN enforcement_decisionact a ON a.decision_id = d.id "
            "JOIN enforcement_sanctionprovision p ON p.id = a.provision_id "
            "JOIN legal_legaldocument l ON l.id = p.legal_basis_id WHERE d.status <> 'draft' "
            "GROUP BY p.article, l.number ORDER BY 4 DESC"
        )
        return
    month = "date_trunc('month', decided_on)" if connection.vendor == "postgresql" else "strftime('%Y-%m', decided_on)"
    key = {"month": month, "sector": "sector", "signer": "signer_title"}[by]
    raw(f"SELECT {key} AS k, COUNT(*), SUM(total), SUM(paid) FROM {D} WHERE status <> 'draft' GROUP BY k ORDER BY k")


def follow_up_floor(today: dt.date) -> None:
    """The oldest unpaid payable decisions with their payments, the overdue remedies of decisions and inspections,
    and the plans against the inspections opened and concluded."""
    rows = raw(
        f"SELECT id, number, violator_name, decided_on, delivered_on, total, paid, status, instalments, "
        f"postponed_until FROM {D} WHERE status IN ('delivered', 'enforced', 'signed') AND paid < total "
        "AND decided_on < %s ORDER BY decided_on, id LIMIT 100",
        [today - dt.timedelta(days=9)],
    )
    raw(f"SELECT * FROM enforcement_payment WHERE decision_id IN ({_ids(rows)})")
    raw(
        f"SELECT id, number, violator_name, remedial_measures, remedy_due_on FROM {D} WHERE status <> 'draft' "
        "AND remedy_due_on < %s AND remedy_done_on IS NULL AND remedial_measures <> '' "
        "ORDER BY remedy_due_on, id LIMIT 500",
        [today],
    )
    raw(
        "SELECT id, decision_number, subject_name, remedies FROM enforcement_inspection WHERE status = 'concluded' "
        "ORDER BY ends_on, id LIMIT 500"
    )
    plans_floor()


def plans_floor() -> None:
    raw(
        "SELECT p.id, p.year, p.title, p.planned_inspections, COUNT(i.id), "
        "SUM(CASE WHEN i.status = 'concluded' THEN 1 ELSE 0 END) FROM enforcement_inspectionplan p "
        "LEFT JOIN enforcement_inspection i ON i.plan_id = p.id GROUP BY p.id, p.year, p.title, p.planned_inspections "
        "ORDER BY p.year DESC, p.id DESC"
    )


def inspections_floor(size: int) -> None:
    plans_floor()
    raw(f"SELECT * FROM enforcement_inspection ORDER BY starts_on DESC, id DESC LIMIT {size}")


PUBLISHED = "WHERE d.published_on IS NOT NULL AND d.violator_type = 'organisation' AND d.status <> 'draft'"


def public_page() -> None:
    raw(f"SELECT COUNT(*) FROM {D} d {PUBLISHED}")
    rows = raw(
        f"SELECT d.*, l.number FROM {D} d JOIN legal_legaldocument l ON l.id = d.decree_id {PUBLISHED} "
        "ORDER BY d.decided_on DESC, d.id DESC LIMIT 20"
    )
    acts_of(rows)


def dataset_floor() -> None:
    raw(
        "SELECT d.number, d.decided_on, d.violator_name, d.violator_id_number, p.act, p.article, l.number, d.total, "
        f"d.additional_sanctions, d.remedial_measures, d.published_on FROM {D} d "
        "JOIN enforcement_decisionact a ON a.decision_id = d.id "
        "JOIN enforcement_sanctionprovision p ON p.id = a.provision_id "
        f"JOIN legal_legaldocument l ON l.id = p.legal_basis_id {PUBLISHED} ORDER BY d.decided_on DESC, d.id DESC, a.id"
    )


def in_force_floor(table: str, day: dt.date) -> None:
    raw(
        f"SELECT t.*, l.* FROM {table} t JOIN legal_legaldocument l ON l.id = t.legal_basis_id "
        "WHERE t.valid_from <= %s AND (t.valid_to IS NULL OR t.valid_to > %s)",
        [day, day],
    )


def run(tmp: Path, report: Callable[..., None], measure: Callable[..., float]) -> None:
    from enforcement_data import load  # benchmarks/ is the script directory, first on sys.path

    now = timezone.now()
    today = timezone.localdate(now)
    start = time.perf_counter()
    tally = load(today, DECISIONS)
    seconds = time.perf_counter() - start
    statuses = ", ".join(f"{status} {count:,}" for status, count in tally.most_common())
    print(f"\nenforcement: {DECISIONS:,} decisions ({statuses}) with records, acts, payments, inspections "
          f"written in {seconds:.1f} s")  # fmt: skip
    with open("/proc/loadavg") as loadavg:
        print(f"load average before measuring: {loadavg.read().strip()}")
    # what autovacuum does after a bulk load: plans depend on it (and PostgreSQL's index-only scans on the vacuum)
    connection.cursor().execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    logging.disable(logging.WARNING)  # one log line per request would be measured too
    leader = Client()
    leader.force_login(User.objects.get(username="lanhdao"))
    public = Client()
    decision = SanctionDecision.objects.filter(status="delivered").order_by("-decided_on", "-id").first()
    assert decision is not None
    day = dt.date(2025, 1, 1)
    cases: list[tuple[str, Callable[[], Any], Callable[[], Any] | None]] = [
        ("GET /thanh-tra/ decisions page 1", lambda: leader.get("/thanh-tra/"), lambda: decision_page()),
        ("GET /thanh-tra/?sector=telecom&status=delivered",
         lambda: leader.get("/thanh-tra/", {"sector": "telecom", "status": "delivered"}),
         lambda: decision_page("WHERE d.status = %s AND d.sector = %s", ("delivered", "telecom"))),
        ("GET /thanh-tra/?page=1000 (deep page)", lambda: leader.get("/thanh-tra/", {"page": 1000}),
         lambda: decision_page(offset=999 * 50)),
        ("GET /thanh-tra/quyet-dinh/{id}/ (detail)", lambda: leader.get(f"/thanh-tra/quyet-dinh/{decision.pk}/"),
         lambda: detail(decision.pk, decision.decided_on)),
        ("GET /thanh-tra/bien-ban/ (records)", lambda: leader.get("/thanh-tra/bien-ban/"), records_page),
        *[
            (f"GET /thanh-tra/bao-cao/?theo={by}", lambda by=by: leader.get("/thanh-tra/bao-cao/", {"theo": by}),
             lambda by=by: report_floor(by))
            for by in ("month", "sector", "provision", "signer")
        ],
        ("GET /thanh-tra/bao-cao/theo-doi/ (follow-up)", lambda: leader.get("/thanh-tra/bao-cao/theo-doi/"),
         lambda: follow_up_floor(today)),
        ("GET /thanh-tra/kiem-tra/ (inspections)", lambda: leader.get("/thanh-tra/kiem-tra/"),
         lambda: inspections_floor(50)),
        ("GET /cong-thong-tin/quyet-dinh-xu-phat/", lambda: public.get("/cong-thong-tin/quyet-dinh-xu-phat/"),
         public_page),
        ("GET /api/v1/sanction-decisions", lambda: leader.get("/api/v1/sanction-decisions"), lambda: decision_page()),
        ("GET /api/v1/sanction-decisions?sector=&status=",
         lambda: leader.get("/api/v1/sanction-decisions", {"sector": "telecom", "status": "delivered"}),
         lambda: decision_page("WHERE d.status = %s AND d.sector = %s", ("delivered", "telecom"))),
        ("GET /api/v1/sanction-decisions/{id}", lambda: leader.get(f"/api/v1/sanction-decisions/{decision.pk}"),
         lambda: detail(decision.pk, decision.decided_on)),
        ("GET /api/v1/sanction-provisions?on=…",
         lambda: leader.get("/api/v1/sanction-provisions", {"on": day.isoformat()}),
         lambda: in_force_floor("enforcement_sanctionprovision", day)),
        ("GET /api/v1/sanction-authorities?on=…",
         lambda: leader.get("/api/v1/sanction-authorities", {"on": day.isoformat()}),
         lambda: in_force_floor("enforcement_sanctioningauthority", day)),
        ("GET /api/v1/inspections", lambda: leader.get("/api/v1/inspections"), lambda: inspections_floor(50)),
    ]  # fmt: skip
    slow = []
    for name, call, floor_call in cases:
        response = call()
        assert response.status_code == 200, (name, response.status_code)
        floor = measure(floor_call, repeat=5, number=5) if floor_call else None
        seconds = measure(call, repeat=5, number=5)
        if seconds * 1000 >= TARGET_MS:
            slow.append(name)
        report(f"{name}{'' if seconds * 1000 < TARGET_MS else ' OVER'}", seconds, floor)
    count = SanctionDecision.objects.filter(published_on__isnull=False).count()
    floor = measure(dataset_floor, repeat=3, number=1)
    report(f"open dataset, {count:,} published decisions (raw SQL floor)", floor)
    for fmt in ("csv", "json"):
        url = f"/cong-thong-tin/du-lieu-mo/sanction-decisions.{fmt}"
        seconds = measure(lambda url=url: _download(public, url), repeat=3, number=1)
        report(f"GET …/{url.rsplit('/', 1)[1]} (whole file)", seconds, floor)
    logging.disable(logging.NOTSET)
    with open("/proc/loadavg") as loadavg:
        print(f"load average after measuring: {loadavg.read().strip()}")
    print(f"enforcement: {len(cases) - len(slow)} of {len(cases)} pages and endpoints under {TARGET_MS} ms"
          + (f"; over: {', '.join(slow)}" if slow else ""))  # fmt: skip


def _download(client: Client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return len(body)
