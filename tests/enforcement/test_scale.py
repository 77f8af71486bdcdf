"""What the pages at 100,000 decisions read differently (keys first, acts alone, batches, the oldest remedies on
the page) still gives what the hand count gives."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from ictmis.enforcement import selectors, services
from ictmis.enforcement.models import SanctionDecision, SanctionProvision
from ictmis.enforcement.public import published_rows
from ictmis.parties.models import Organisation
from tests.conftest import logged_in
from tests.enforcement.conftest import at, make_record

pytestmark = pytest.mark.django_db
D = dt.date
WEBSITE_15 = ("Điều 99", "15/2020/NĐ-CP")
DAY = D(2024, 3, 4)


def decide(inspector, leader, record, *, sign=True, **extra):
    decision = services.draft_decision(
        actor=inspector,
        now=at(DAY),
        record=record,
        decided_on=DAY + dt.timedelta(days=1),
        signer_title="chief_inspector",
        acts=[{"provision": a.provision_id, "fine": (a.provision.min_fine + a.provision.max_fine) // 2}
              for a in record.acts.select_related("provision")],
        **extra,
    )  # fmt: skip
    if not sign:
        return decision
    return services.sign_decision(actor=leader, now=at(DAY + dt.timedelta(days=1)), decision=decision)


def two_acts_of_one_article(inspector):
    """A record citing both provisions of Article 6 of Decree 15/2020 (two postal acts under one article)."""
    both = SanctionProvision.objects.filter(article="Điều 6", legal_basis__number="15/2020/NĐ-CP").order_by("pk")
    assert both.count() == 2
    return services.record_violation(
        actor=inspector, now=at(DAY), violator_type="organisation", violator_name="Công ty Nhật Lệ (mẫu)",
        violator_id_number="4701234564", place="Đồng Hới", detected_on=DAY, provision_ids=[p.pk for p in both],
    )  # fmt: skip


def test_the_report_by_provision_counts_a_decision_once_per_article_and_leaves_drafts_out(inspector, leader):
    decide(inspector, leader, two_acts_of_one_article(inspector))
    decide(inspector, leader, make_record(inspector, day=DAY, articles=[WEBSITE_15], id_number="4702345676"))
    decide(inspector, leader, make_record(inspector, day=DAY, articles=[WEBSITE_15], id_number="4705678909"))
    draft = make_record(inspector, day=DAY, articles=[WEBSITE_15], id_number="4706789016")
    decide(inspector, leader, draft, sign=False)

    rows = selectors.report(leader, by="provision")

    assert rows == [
        {"key": "Điều 99, 15/2020/NĐ-CP", "n": 2, "decided": 2 * 7_500_000, "collected": None},
        {"key": "Điều 6, 15/2020/NĐ-CP", "n": 1, "decided": 4_000_000 + 6_000_000, "collected": None},
    ]


def test_the_follow_up_page_shows_the_oldest_overdue_remedies_and_the_workbook_all(inspector, leader, monkeypatch):
    monkeypatch.setattr(selectors, "OVERDUE_ON_PAGE", 2)
    for n, due in enumerate((D(2024, 5, 3), D(2024, 4, 1), D(2024, 4, 20))):
        record = make_record(inspector, day=DAY, articles=[WEBSITE_15], id_number=f"470234567{n}")
        decide(inspector, leader, record, remedial_measures=f"Biện pháp số {n}", remedy_due_on=due)
    client = logged_in("lanhdao")

    page = client.get("/thanh-tra/bao-cao/theo-doi/").content.decode()
    workbook = load_workbook(io.BytesIO(client.get("/thanh-tra/bao-cao/theo-doi/", {"export": "xlsx"}).content))

    assert "Biện pháp số 1" in page and "Biện pháp số 2" in page and "Biện pháp số 0" not in page
    assert 'data-testid="overdue-remedies-more"' in page
    measures = [row[4] for row in workbook["Khắc phục quá hạn"].iter_rows(min_row=2, values_only=True)]
    assert measures == ["Biện pháp số 1", "Biện pháp số 2", "Biện pháp số 0"]


def test_a_deep_page_read_keys_first_holds_the_rows_of_the_plain_order(inspector, leader):
    for n in range(5):
        decide(inspector, leader, make_record(inspector, day=DAY, articles=[WEBSITE_15], id_number=f"470345678{n}"))
    qs = selectors.decision_rows(leader)

    page = selectors.IdsFirstPaginator(qs, 2).page(2)

    assert [d.pk for d in page] == [d.pk for d in qs[2:4]]
    assert page.paginator.count == 5 and page.has_next()


def test_the_api_lists_decisions_newest_first_filtered_and_scoped(inspector, leader):
    first = decide(inspector, leader, make_record(inspector, day=DAY, articles=[WEBSITE_15]))
    second = decide(inspector, leader, make_record(inspector, day=DAY, articles=[WEBSITE_15], id_number="4702345676"))
    draft = decide(inspector, leader, make_record(inspector, day=DAY, articles=[WEBSITE_15]), sign=False)
    enterprise = Organisation.objects.get(tax_code="4701234564")
    SanctionDecision.objects.filter(pk__in=[first.pk, draft.pk]).update(organisation=enterprise)
    client = logged_in("lanhdao")

    listed = client.get("/api/v1/sanction-decisions", {"limit": 2}).json()
    signed = client.get("/api/v1/sanction-decisions", {"status": "signed", "sector": first.sector}).json()
    refused = client.get("/api/v1/sanction-decisions", {"status": "nonsense"})
    own = logged_in("doanhnghiep").get("/api/v1/sanction-decisions").json()

    assert listed["count"] == 3 and [i["id"] for i in listed["items"]] == [draft.pk, second.pk]
    assert listed["items"][1]["decree"] == "15/2020/NĐ-CP" and listed["items"][1]["total"] == 7_500_000
    assert {i["id"] for i in signed["items"]} == {first.pk, second.pk}
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "status"
    assert [i["id"] for i in own["items"]] == [first.pk]


def test_the_open_dataset_lists_each_act_of_a_published_decision(inspector, leader):
    from ictmis.enforcement import execution

    decision = decide(inspector, leader, two_acts_of_one_article(inspector))
    execution.publish_decision(actor=leader, now=at(D(2024, 3, 8)), decision=decision, basis_checked=True)

    rows = list(published_rows())

    assert len(rows) == 1 and rows[0][0] == decision.number and rows[0][5] == 10_000_000
    acts = [f"{a.provision.act} (Điều 6, 15/2020/NĐ-CP)" for a in decision.acts.order_by("id")]
    assert rows[0][4] == "; ".join(acts)


def test_the_overdue_payments_are_read_in_batches_in_their_order(inspector, leader):
    for n in range(5):
        decide(inspector, leader, make_record(inspector, day=DAY, articles=[WEBSITE_15], id_number=f"470456789{n}"))
    qs = SanctionDecision.objects.order_by("decided_on", "id")

    assert [d.pk for d in selectors._in_batches(qs, 2)] == [d.pk for d in qs]


def test_the_inspections_page_is_paginated_newest_first(inspector, leader, monkeypatch):
    from ictmis.enforcement import views
    from ictmis.parties.models import Organisation

    monkeypatch.setattr(views, "INSPECTIONS_PER_PAGE", 1)
    subject = Organisation.objects.get(tax_code="4701234564")
    opened = []
    for day in (D(2025, 3, 3), D(2025, 6, 2)):
        opened.append(
            services.open_inspection(
                actor=inspector,
                now=at(day),
                plan=None,
                subject=subject,
                scope="Trạm BTS",
                team_head=inspector,
                starts_on=day,
                ends_on=day + dt.timedelta(days=3),
            )
        )
    client = logged_in("thanhtra")

    first = client.get("/thanh-tra/kiem-tra/").content.decode()
    second = client.get("/thanh-tra/kiem-tra/", {"page": 2}).content.decode()

    assert f"/thanh-tra/kiem-tra/{opened[1].pk}/" in first and f"/thanh-tra/kiem-tra/{opened[0].pk}/" not in first
    assert f"/thanh-tra/kiem-tra/{opened[0].pk}/" in second


def test_the_overdue_payments_walk_past_many_not_yet_due_without_offset(inspector, leader, monkeypatch):
    """Most candidates not yet due (postponed, instalments to come): the batches start after the last row seen
    (keyset), so no query re-reads the rows before it with an OFFSET, and the queries stay one pair per batch."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(selectors, "OVERDUE_BATCH", 2)
    today = D(2024, 6, 3)
    later = (today + dt.timedelta(days=30)).isoformat()
    decisions = [
        decide(inspector, leader, make_record(inspector, day=DAY, articles=[WEBSITE_15], id_number=f"47056789{n:02}"))
        for n in range(12)
    ]
    waiting, overdue = decisions[:10], decisions[10:]
    for decision in waiting[:3]:
        SanctionDecision.objects.filter(pk=decision.pk).update(postponed_until=today)
    for decision in waiting[3:]:
        SanctionDecision.objects.filter(pk=decision.pk).update(instalments=[{"due": later, "amount": decision.total}])
    # the last one a day later: the keyset goes on across days as well as across ids of one day
    SanctionDecision.objects.filter(pk=overdue[1].pk).update(decided_on=DAY + dt.timedelta(days=2))

    with CaptureQueriesContext(connection) as captured:
        rows = selectors.overdue_payments(leader, today, limit=2)

    assert [r["decision"].pk for r in rows] == [d.pk for d in overdue]
    assert all(r["overdue"] == r["decision"].total for r in rows)
    walked = [q["sql"] for q in captured.captured_queries if 'FROM "enforcement_sanctiondecision"' in q["sql"]]
    assert len(walked) == 5  # 7 instalment rows and 2 overdue, 2 at a time; the postponed left out by the database
    assert not [sql for sql in walked if "OFFSET" in sql.upper()]
    assert len(captured) <= 2 * len(walked) + 3


def test_no_decision_is_signed_without_acts_so_the_provision_report_misses_none(inspector, leader):
    from ictmis.enforcement import workflow
    from ictmis.enforcement.models import DecisionAct

    decide(inspector, leader, make_record(inspector, day=DAY, articles=[WEBSITE_15], id_number="4706789012"))
    emptied = decide(inspector, leader, make_record(inspector, day=DAY, articles=[WEBSITE_15]), sign=False)
    DecisionAct.objects.filter(decision=emptied).delete()

    with pytest.raises(workflow.SanctionRefused) as refused:
        services.sign_decision(actor=leader, now=at(DAY + dt.timedelta(days=1)), decision=emptied)

    assert "acts" in {r.rule for r in refused.value.refusals}
    emptied.refresh_from_db()
    assert emptied.status == "draft"
    signed = sum(r["n"] for r in selectors.report(leader, by="sector"))
    assert signed == sum(r["n"] for r in selectors.report(leader, by="provision")) == 1


def test_an_overdue_remedy_of_a_newer_inspection_is_found_past_the_oldest_inspections(inspector, leader, monkeypatch):
    """The remedies' deadlines live in each conclusion: the oldest inspections are not the oldest remedies."""
    monkeypatch.setattr(selectors, "OVERDUE_ROWS", 1)
    plan = services.create_plan(
        actor=inspector, now=at(D(2024, 12, 1)), year=2025, title="Kế hoạch 2025", planned_inspections=4
    )
    plan = services.approve_plan(actor=leader, now=at(D(2024, 12, 5)), plan=plan)
    subject = Organisation.objects.get(tax_code="4701234564")
    for ends_on, remedy in ((D(2025, 3, 7), {"measure": "Đã xong", "due": D(2025, 4, 1), "done": True}),
                            (D(2025, 6, 6), {"measure": "Thông báo các trạm", "due": D(2025, 7, 30)})):  # fmt: skip
        inspection = services.open_inspection(
            actor=inspector, now=at(ends_on - dt.timedelta(days=4)), plan=plan, subject=subject, scope="Trạm BTS",
            team_head=inspector, starts_on=ends_on - dt.timedelta(days=4), ends_on=ends_on,
        )  # fmt: skip
        services.conclude_inspection(
            actor=inspector, now=at(ends_on + dt.timedelta(days=10)), inspection=inspection, findings="Thiếu",
            conclusion="Khắc phục", remedies=[remedy],
        )  # fmt: skip

    rows = selectors.overdue_remedies(leader, D(2025, 9, 1))

    assert [(r["kind"], r["measure"]) for r in rows] == [("inspection", "Thông báo các trạm")]
