"""The sanction data the enforcement measurements run on (benchmarks/enforcement.py): `decisions` decisions from
2017 to yesterday, each with its violation record and its acts under the provisions in force on the day, signed by
a title whose limit covers the fines; statuses as the years leave them (most old decisions paid and closed, some
overdue, enforced, paid in instalments or postponed; recent ones drafted, signed or awaiting payment), payments
(late ones with their surcharge), remedial measures (some overdue), decisions against organisations published on
the portal; open and transferred records; one approved inspection plan a year with inspections (one for every
ten decisions) whose conclusions carry remedial measures. Bulk inserts in batches; deterministic."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

from django.db import transaction

from ictmis.accounts.models import User
from ictmis.enforcement import workflow
from ictmis.enforcement.models import (
    DecisionAct,
    Inspection,
    InspectionPlan,
    Payment,
    RecordAct,
    SanctionDecision,
    SanctioningAuthority,
    SanctionProvision,
    ViolationRecord,
)
from ictmis.parties.models import Organisation

START = dt.date(2017, 1, 2)
BATCH = 5_000
SURCHARGE = 5  # per ten thousand a day, as the seeded rule says
REMEDIES = ["Buộc tháo dỡ công trình không đúng quy hoạch", "Buộc cải chính thông tin sai sự thật",
            "Buộc nộp lại số lợi bất hợp pháp", "Buộc thông báo bổ sung các trạm còn thiếu"]  # fmt: skip
TRADES = ["Viễn thông", "Truyền thông", "Bưu chính", "Công nghệ", "Dịch vụ số", "Quảng cáo"]
PLACES = ["Đồng Hới", "Ba Đồn", "Quảng Trạch", "Bố Trạch", "Lệ Thủy", "Đông Hà", "Quảng Trị", "Vĩnh Linh"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Hải", "Ngọc Lan"]


class Generator:
    """One pass over the decisions, oldest first: each `_decision` call builds a record, its acts, a decision,
    its acts and payments as unsaved rows; `load` writes them in batches."""

    def __init__(self, today: dt.date, decisions: int) -> None:
        self.rng = random.Random(13)
        self.today = today
        self.count = decisions
        self.inspector = User.objects.get(username="thanhtra")
        self.enterprise = Organisation.objects.get(pk=User.objects.get(username="doanhnghiep").organisation_id)
        self.provisions = list(SanctionProvision.objects.select_related("legal_basis"))
        self.authorities = list(SanctioningAuthority.objects.all())
        self.organisations = list(Organisation.objects.order_by("id"))
        self.numbers: Counter[tuple[str, int]] = Counter()
        self.by_day: dict[dt.date, list[SanctionProvision]] = {}
        self.tally: Counter[str] = Counter()

    def number(self, kind: str, year: int) -> str:
        self.numbers[kind, year] += 1
        return f"{self.numbers[kind, year]}/{kind}"

    def in_force(self, day: dt.date) -> list[SanctionProvision]:
        if day not in self.by_day:
            self.by_day[day] = [p for p in self.provisions if p.in_force_on(day)]
        return self.by_day[day]

    def signer(self, day: dt.date, sector: str, fine: int, violator_type: str) -> str:
        competent = sorted(
            {
                a.title
                for a in self.authorities
                if a.in_force_on(day) and sector in a.sectors and workflow.limit_for(a, violator_type) >= fine
            }
        )
        return self.rng.choice(competent) if competent else "provincial_pc"

    def violator(self, n: int) -> tuple[str, str, str, Any]:
        rng = self.rng
        if rng.random() < 0.35:
            name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
            return "individual", name, f"044{n:09d}", None
        if rng.random() < 0.02:
            return "organisation", self.enterprise.name, self.enterprise.tax_code, self.enterprise
        company = n % 4_000
        name = f"Công ty TNHH {TRADES[company % len(TRADES)]} {company}"
        return "organisation", name, f"{4700000000 + company}", None

    def decision(self, n: int) -> tuple[ViolationRecord, list[RecordAct], SanctionDecision, list[Any], list[Payment]]:
        rng, today = self.rng, self.today
        span = (today - START).days
        decided_on = min(START + dt.timedelta(days=n * span // self.count + rng.randint(-3, 3)), today)
        decided_on = max(decided_on, START)
        detected_on = decided_on - dt.timedelta(days=rng.randint(1, 6))
        provisions = self.in_force(detected_on)
        acts = rng.sample(provisions, k=min(len(provisions), rng.choices([1, 2, 3], weights=[80, 17, 3])[0]))
        violator_type, name, id_number, organisation = self.violator(n)
        fines = [workflow.default_fine(p, violator_type) for p in acts]
        record = ViolationRecord(
            number=self.number("BB-VPHC", detected_on.year), violator_type=violator_type, organisation=organisation,
            violator_name=name, violator_id_number=id_number, place=rng.choice(PLACES), detected_on=detected_on,
            recorded_at=dt.datetime.combine(detected_on, dt.time(2, 0), tzinfo=dt.UTC), recorder=self.inspector,
            status="decided", created_by=self.inspector,
        )  # fmt: skip
        record.search_text = record.build_search_text()
        record_acts = [RecordAct(record=record, provision=p) for p in acts]
        sector = acts[0].sector
        decision = SanctionDecision(
            record=record, organisation=organisation, violator_type=violator_type, violator_name=name,
            violator_id_number=id_number, sector=sector, decree=acts[0].legal_basis, decided_on=decided_on,
            signer_title=self.signer(decided_on, sector, max(fines), violator_type), total=sum(fines),
            created_by=self.inspector,
        )  # fmt: skip
        payments = self.execution(decision)
        if decision.status != workflow.DRAFT:
            decision.number = self.number("QĐ-XPHC", decided_on.year)
        decision.search_text = decision.build_search_text()
        self.tally[decision.status] += 1
        decision_acts = [DecisionAct(decision=decision, provision=p, fine=f) for p, f in zip(acts, fines, strict=True)]
        return record, record_acts, decision, decision_acts, payments

    def execution(self, d: SanctionDecision) -> list[Payment]:
        """The decision's state after its age: delivery, payments, instalments, postponement, remedies, publication."""
        rng, today = self.rng, self.today
        age = (today - d.decided_on).days
        roll = rng.random()
        if rng.random() < 0.25:
            d.remedial_measures = rng.choice(REMEDIES)
            d.remedy_due_on = d.decided_on + dt.timedelta(days=30)
            if d.remedy_due_on < today and rng.random() < 0.85:
                d.remedy_done_on = d.remedy_due_on - dt.timedelta(days=rng.randint(0, 20))
        if age < 20 and roll < 0.25:
            d.status = workflow.DRAFT
            d.remedy_done_on = None
            return []
        if roll < 0.02 or (age < 20 and roll < 0.4):
            d.status = "signed"  # never delivered: the surcharge runs from the day the rules give
            return []
        d.status = "delivered"
        d.delivered_on = min(d.decided_on + dt.timedelta(days=rng.randint(1, 5)), today)
        due = d.delivered_on + dt.timedelta(days=10)
        if rng.random() < 0.5 and d.violator_type == "organisation":
            d.published_on = min(d.decided_on + dt.timedelta(days=3), today)
        payments: list[Payment] = []

        def pay(day: dt.date, amount: int, late_from: dt.date) -> None:
            late = max(0, (day - late_from).days - 1)
            surcharge = amount * late * SURCHARGE // 10_000
            receipt = f"BL{len(payments) + 1}-{d.decided_on:%y%m%d}"
            payments.append(Payment(decision=d, paid_on=day, amount=amount, surcharge=surcharge, receipt=receipt))
            d.paid += amount

        if age < 20:
            if roll > 0.8 and due - dt.timedelta(days=2) <= today:
                pay(due - dt.timedelta(days=2), d.total, due)
        elif roll < 0.09:
            pass  # delivered, unpaid: overdue
        elif roll < 0.13:
            pay(due - dt.timedelta(days=1), d.total * 2 // 5, due)  # part paid, the rest overdue
        elif roll < 0.17:
            d.status = "enforced"
        elif roll < 0.21:
            first, second = d.total * 2 // 5, d.total - d.total * 2 // 5
            plan = [(due, first), (due + dt.timedelta(days=60), second // 2),
                    (due + dt.timedelta(days=120), second - second // 2)]  # fmt: skip
            d.instalments = [{"due": day.isoformat(), "amount": amount} for day, amount in plan]
            for day, amount in plan:
                if day < today and rng.random() < 0.8:
                    pay(day - dt.timedelta(days=1), amount, day)
        elif roll < 0.22 and d.violator_type == "individual":
            d.postponed_until = due + dt.timedelta(days=60)
            if d.postponed_until < today and rng.random() < 0.7:
                pay(d.postponed_until, d.total, d.postponed_until)
        else:
            on_time = rng.random() < 0.9
            day = due - dt.timedelta(days=rng.randint(0, 8)) if on_time else due + dt.timedelta(days=rng.randint(1, 40))
            if day < today:
                pay(day, d.total, due)
        if d.paid == d.total:
            outstanding = d.remedial_measures and d.remedy_done_on is None
            d.status = "paid" if outstanding else workflow.CLOSED
            d.closed_on = None if outstanding else max(payments[-1].paid_on, d.remedy_done_on or d.decided_on)
        return payments


def _write(rows: list[tuple[Any, ...]]) -> None:
    records = ViolationRecord.objects.bulk_create([r[0] for r in rows])
    for record, row in zip(records, rows, strict=True):
        for act in row[1]:
            act.record = record
        row[2].record = record
    RecordAct.objects.bulk_create([a for r in rows for a in r[1]])
    decisions = SanctionDecision.objects.bulk_create([r[2] for r in rows])
    for decision, row in zip(decisions, rows, strict=True):
        for child in (*row[3], *row[4]):
            child.decision = decision
    DecisionAct.objects.bulk_create([a for r in rows for a in r[3]])
    Payment.objects.bulk_create([p for r in rows for p in r[4]])


def _open_records(g: Generator, count: int) -> None:
    rows = []
    for n in range(count):
        detected_on = g.today - dt.timedelta(days=g.rng.randint(1, 60))
        violator_type, name, id_number, organisation = g.violator(g.count + n)
        transferred = g.rng.random() < 0.1
        record = ViolationRecord(
            number=g.number("BB-VPHC", detected_on.year), violator_type=violator_type, organisation=organisation,
            violator_name=name, violator_id_number=id_number, place=g.rng.choice(PLACES), detected_on=detected_on,
            recorded_at=dt.datetime.combine(detected_on, dt.time(2, 0), tzinfo=dt.UTC), recorder=g.inspector,
            status="transferred" if transferred else "open", transferred_to="provincial_pc" if transferred else "",
        )  # fmt: skip
        record.search_text = record.build_search_text()
        rows.append((record, [RecordAct(record=record, provision=g.rng.choice(g.in_force(detected_on)))]))
    records = ViolationRecord.objects.bulk_create([r[0] for r in rows])
    for record, row in zip(records, rows, strict=True):
        row[1][0].record = record
    RecordAct.objects.bulk_create([r[1][0] for r in rows])


def _inspections(g: Generator, count: int) -> None:
    leader = User.objects.get(username="lanhdao")
    years = list(range(START.year, g.today.year + 1))
    plans = InspectionPlan.objects.bulk_create(
        [
            InspectionPlan(
                year=y,
                title=f"Kế hoạch thanh tra, kiểm tra năm {y} (dữ liệu đo)",
                planned_inspections=count // len(years) + 20,
                status="approved",
                approved_by=leader,
                approved_on=dt.date(y - 1, 12, 20),
            )
            for y in years
        ]
    )
    span = (g.today - START).days
    rows = []
    for n in range(count):
        starts_on = START + dt.timedelta(days=n * span // count)
        ends_on = starts_on + dt.timedelta(days=g.rng.randint(2, 10))
        subject = g.organisations[n % len(g.organisations)]
        concluded = ends_on < g.today - dt.timedelta(days=15) and g.rng.random() < 0.9
        remedies = []
        if concluded:
            for measure in g.rng.sample(REMEDIES, k=g.rng.choice([0, 1, 1, 2])):
                due = ends_on + dt.timedelta(days=60)
                done = due < g.today and g.rng.random() < 0.85
                remedies.append({"measure": measure, "due": due.isoformat(), "done": due.isoformat() if done else None})
        inspection = Inspection(
            plan=plans[starts_on.year - START.year], decision_number=g.number("QĐ-TTr", starts_on.year),
            subject=subject, subject_name=subject.name, scope="Hạ tầng trạm BTS, trang thông tin điện tử",
            team_head=g.inspector, starts_on=starts_on, ends_on=ends_on,
            records=[{"registry": "bts-stations", "id": n % 500 + 1}], status="concluded" if concluded else "open",
            findings="Một số trạm chưa thông báo" if concluded else "",
            conclusion="Yêu cầu khắc phục" if concluded else "",
            remedies=remedies,
        )  # fmt: skip
        inspection.search_text = inspection.build_search_text()
        rows.append(inspection)
    Inspection.objects.bulk_create(rows, batch_size=BATCH)


def load(today: dt.date, decisions: int) -> Counter[str]:
    """Write the data; the decisions counted by status."""
    g = Generator(today, decisions)
    for offset in range(0, decisions, BATCH):
        with transaction.atomic():
            _write([g.decision(n) for n in range(offset, min(decisions, offset + BATCH))])
    with transaction.atomic():
        _open_records(g, max(decisions // 50, 10))
        _inspections(g, max(decisions // 10, 10))
    return g.tally
