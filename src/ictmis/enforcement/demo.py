"""Demo data: inspection plans for 2019 (Quảng Bình) and 2026 (Quảng Trị), inspections of two operators and a
website, two decisions under Decree 15/2020 as amended (one paid, one overdue with its surcharge), one under
Decree 174/2013 from 2018, a record transferred to a higher authority, and under Decree 174/2026 a decision made on
the spot without a record (paid) and one enforced with its coercion decision. Everything goes through the services,
on the dates it happened; a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from ictmis.enforcement import coercion, execution, onspot, services
from ictmis.enforcement.models import InspectionPlan, SanctionProvision, ViolationRecord
from ictmis.legal.public import by_number
from ictmis.parties.public import Organisation
from ictmis.units.public import unit_by_code

D = dt.date
COMMUNE = "18880"


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 2, 30, tzinfo=dt.UTC)


def _provision(article: str, decree: str, code: str = "") -> SanctionProvision:
    rows = SanctionProvision.objects.filter(article=article, legal_basis__number=decree)
    if code:
        rows = rows.filter(act_code=code)
    provision = rows.first()
    assert provision is not None, f"{article} {decree}"
    return provision


def _old_provision() -> SanctionProvision:
    """Decree 174/2013 is not among the seeded texts' provisions: a specialist's entry, the demo's own sample row,
    confirmed by the demo's specialist so that its decision can be signed."""
    provision, _created = SanctionProvision.objects.get_or_create(
        act_code="internet-point-hours",
        legal_basis=by_number("174/2013/NĐ-CP"),
        defaults={
            "act": "Điểm truy nhập Internet công cộng hoạt động không đúng giờ quy định (dữ liệu mẫu)",
            "sector": "telecom",
            "article": "Điều 34 (dữ liệu mẫu)",
            "min_fine": 2_000_000,
            "max_fine": 6_000_000,
            "valid_from": D(2014, 1, 15),
            "valid_to": D(2020, 4, 15),
            "unconfirmed": False,
        },
    )
    return provision


def _spot_provision() -> SanctionProvision:
    """A small act fined within the on-the-spot ceiling: a specialist's entry, the demo's own sample row, confirmed
    by the demo's specialist so that its decision can be signed."""
    provision, _created = SanctionProvision.objects.get_or_create(
        act_code="postal-price-not-posted",
        legal_basis=by_number("174/2026/NĐ-CP"),
        defaults={
            "act": "Không niêm yết công khai giá cước dịch vụ bưu chính tại điểm phục vụ (dữ liệu mẫu)",
            "sector": "postal",
            "article": "Điều 9 (dữ liệu mẫu)",
            "min_fine": 500_000,
            "max_fine": 1_500_000,
            "valid_from": D(2026, 7, 1),
            "unconfirmed": False,
        },
    )
    return provision


def _on_the_spot(inspector: Any, leader: Any) -> None:
    """An individual fined on the spot without a record (form MQĐ01), who paid the same week."""
    day = D(2026, 8, 12)
    decision = onspot.draft_decision_without_record(
        actor=inspector,
        now=_at(day),
        violator_type="individual",
        violator_name="Hoàng Văn Lợi (dữ liệu mẫu)",
        violator_id_number="044090001234",
        address="Phường Đồng Hới, tỉnh Quảng Trị (dữ liệu mẫu)",
        act_at=_at(day),
        place="Điểm phục vụ bưu chính, phường Đồng Hới",
        unit=unit_by_code(COMMUNE, on=day),
        decided_on=day,
        signer_title="commune_pc",
        acts=[{"provision": _spot_provision().pk, "fine": 500_000}],
    )
    decision = services.sign_decision(actor=leader, now=_at(day), decision=decision)
    services.deliver_decision(actor=inspector, now=_at(day), decision=decision, delivered_on=day)
    services.record_payment(
        actor=inspector, now=_at(D(2026, 8, 14)), decision=decision, paid_on=D(2026, 8, 14), amount=500_000
    )


def _coerced(inspector: Any, leader: Any, organisation: Organisation) -> None:
    """A fine left unpaid after its deadline: the leader orders coercion by deduction from the bank account."""
    record = _record(
        inspector, organisation, D(2026, 7, 20), _provision("khoản 1 Điều 8", "174/2026/NĐ-CP"), "Bưu cục Ba Đồn"
    )
    decision = _decide(inspector, leader, record, D(2026, 7, 23), "commune_pc", 4_000_000)
    services.deliver_decision(actor=inspector, now=_at(D(2026, 7, 24)), decision=decision, delivered_on=D(2026, 7, 24))
    coercion.order_enforcement(
        actor=leader,
        now=_at(D(2026, 9, 1)),
        decision=decision,
        measure="account",
        details="Tài khoản của Công ty tại ngân hàng thương mại (dữ liệu mẫu)",
    )


def _record(
    inspector: Any, organisation: Organisation, day: dt.date, provision: SanctionProvision, place: str
) -> ViolationRecord:
    return services.record_violation(
        actor=inspector,
        now=_at(day),
        violator_type="organisation",
        violator_name=organisation.name,
        violator_id_number=organisation.tax_code,
        organisation=organisation,
        place=place,
        unit=unit_by_code(COMMUNE, on=day),
        detected_on=day,
        provision_ids=[provision.pk],
        statement="Đơn vị thừa nhận hành vi và cam kết khắc phục.",
        witnesses="Đại diện UBND xã (dữ liệu mẫu)",
    )


def _decide(inspector: Any, leader: Any, record: ViolationRecord, day: dt.date, title: str, fine: int) -> Any:
    act = record.acts.get()
    decision = services.draft_decision(
        actor=inspector,
        now=_at(day),
        record=record,
        decided_on=day,
        signer_title=title,
        acts=[{"provision": act.provision_id, "fine": fine}],
        remedial_measures="",
    )
    return services.sign_decision(actor=leader, now=_at(day), decision=decision)


def _stations_of(operator: Any) -> list[dict[str, Any]]:
    """A few of the operator's BTS stations, when the telecom demo loaded them."""
    from ictmis.core.registry import get, keys

    if "bts-stations" not in keys():
        return []
    model: Any = get("bts-stations").model  # a registry record; the BTS spec's model has an operator
    stations = model.objects.filter(operator=operator).order_by("pk")[:3]
    return [{"registry": "bts-stations", "id": pk} for pk in stations.values_list("pk", flat=True)]


def _licences_of(holder: Any) -> list[dict[str, Any]]:
    from ictmis.licensing.public import public_licences

    licences = public_licences().filter(holder=holder).order_by("pk")[:3]
    return [{"registry": "licences", "id": pk} for pk in licences.values_list("pk", flat=True)]


@transaction.atomic
def load(now: dt.datetime, progress: Callable[[str], None] = lambda _m: None) -> None:
    if InspectionPlan.objects.filter(year=2019).exists():
        return
    users = get_user_model().objects
    inspector, leader = users.filter(username="thanhtra").first(), users.filter(username="lanhdao").first()
    operator = Organisation.objects.filter(tax_code="4701234564").first()
    operator2 = Organisation.objects.filter(tax_code="4705678909").first()
    website_owner = Organisation.objects.filter(tax_code="4702345676").first()
    if None in (inspector, leader, operator, operator2, website_owner):
        return
    assert operator and operator2 and website_owner
    progress("inspection plans, inspections and sanctions…")
    for year, title in (
        (2019, "Kế hoạch thanh tra năm 2019 của Sở Thông tin và Truyền thông tỉnh Quảng Bình"),
        (2026, "Kế hoạch kiểm tra chuyên ngành năm 2026 của Sở Khoa học và Công nghệ tỉnh Quảng Trị"),
    ):
        plan = services.create_plan(
            actor=inspector, now=_at(D(year - 1, 12, 10)), year=year, title=title, planned_inspections=3
        )
        plan = services.approve_plan(actor=leader, now=_at(D(year - 1, 12, 20)), plan=plan)
        subject = operator if year == 2019 else operator2
        inspection = services.open_inspection(
            actor=inspector,
            now=_at(D(year, 4, 1)),
            plan=plan,
            subject=subject,
            team_head=inspector,
            scope="Hạ tầng trạm BTS và việc thông báo công trình viễn thông",
            starts_on=D(year, 4, 1),
            ends_on=D(year, 4, 10),
            records=_stations_of(subject),
        )
        services.conclude_inspection(
            actor=inspector,
            now=_at(D(year, 4, 20)),
            inspection=inspection,
            findings="Một số trạm chưa thông báo cho Sở trước khi xây dựng.",
            conclusion="Yêu cầu bổ sung thông báo và rà soát quy hoạch.",
            remedies=[{"measure": "Thông báo các trạm còn thiếu", "due": D(year, 6, 30)}],
        )
    plan_2026 = InspectionPlan.objects.get(year=2026)
    services.open_inspection(
        actor=inspector,
        now=_at(D(2026, 3, 2)),
        plan=plan_2026,
        subject=website_owner,
        team_head=inspector,
        scope="Trang thông tin điện tử tổng hợp và giấy phép",
        starts_on=D(2026, 3, 2),
        ends_on=D(2026, 3, 6),
        records=_licences_of(website_owner),
    )

    # Decree 174/2013, 2018: a public Internet access point out of hours
    old = _record(inspector, operator, D(2018, 5, 10), _old_provision(), "Điểm truy nhập Internet, Đồng Hới")
    decision = _decide(inspector, leader, old, D(2018, 5, 14), "chief_inspector", 4_000_000)
    services.deliver_decision(actor=inspector, now=_at(D(2018, 5, 15)), decision=decision, delivered_on=D(2018, 5, 15))
    services.record_payment(
        actor=inspector, now=_at(D(2018, 5, 20)), decision=decision, paid_on=D(2018, 5, 20), amount=4_000_000
    )

    # Decree 15/2020 as amended: one paid, one overdue
    works = _provision("Điều 41", "15/2020/NĐ-CP")
    paid = _record(inspector, operator, D(2024, 9, 9), works, "Trạm BTS, phường Đồng Hới")
    decision = _decide(inspector, leader, paid, D(2024, 9, 12), "provincial_pc", 37_500_000)
    services.deliver_decision(actor=inspector, now=_at(D(2024, 9, 13)), decision=decision, delivered_on=D(2024, 9, 13))
    services.record_payment(
        actor=inspector, now=_at(D(2024, 9, 20)), decision=decision, paid_on=D(2024, 9, 20), amount=37_500_000
    )
    execution.publish_decision(actor=leader, now=_at(D(2024, 9, 23)), decision=decision, basis_checked=True)
    homepage = _provision("Điều 99", "15/2020/NĐ-CP")
    overdue = _record(inspector, website_owner, D(2025, 10, 6), homepage, "Trụ sở Công ty, Ba Đồn")
    decision = _decide(inspector, leader, overdue, D(2025, 10, 9), "commune_pc", 7_500_000)
    services.deliver_decision(
        actor=inspector, now=_at(D(2025, 10, 10)), decision=decision, delivered_on=D(2025, 10, 10)
    )
    services.record_payment(
        actor=inspector, now=_at(D(2025, 11, 3)), decision=decision, paid_on=D(2025, 11, 3), amount=2_500_000
    )
    execution.record_appeal(
        actor=inspector,
        now=_at(D(2025, 10, 20)),
        decision=decision,
        lodged_on=D(2025, 10, 20),
        kind="complaint",
        summary="Công ty khiếu nại mức phạt, cho rằng đã bổ sung thông tin liên hệ trước khi lập biên bản.",
    )

    # beyond the commune chairman's authority (2025): passed to the competent title
    beyond = _record(inspector, operator2, D(2025, 11, 17), works, "Cột ăng-ten, xã Bố Trạch")
    services.transfer_record(actor=inspector, now=_at(D(2025, 11, 18)), record=beyond, title="director")

    # Decree 174/2026: a fine on the spot without a record, paid; a decision enforced with its coercion decision
    _on_the_spot(inspector, leader)
    _coerced(inspector, leader, operator2)
