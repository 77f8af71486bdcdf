"""Level dossiers through the licensing engine: who appraises and approves by level, the checklist, the time
limits (days, then working days across holidays), the approval decision and the system's approved level."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ictmis.core.errors import DomainError
from ictmis.documents.public import documents_of
from ictmis.infosec import services as infosec_services
from ictmis.infosec.models import InformationSystem, LevelRule
from ictmis.legal.public import by_number
from ictmis.licensing import services
from ictmis.licensing.models import Case, Licence, RuleVersion
from ictmis.licensing.selectors import public_licences

pytestmark = pytest.mark.django_db


def propose(system: InformationSystem, level: int, actor: Any, now: dt.datetime, **kw: Any) -> Case:
    code = {1: "infosec.level-1-2", 2: "infosec.level-1-2", 3: "infosec.level-3"}.get(level, "infosec.level-4-5")
    return services.open_case(
        procedure_code=code,
        applicant=system.owner,
        particulars={"system": system.pk, "level": level},
        actor=actor,
        now=now,
        **kw,
    )


def through(case: Case, actions: list[str], actor: Any, now: dt.datetime) -> Case:
    for action in actions:
        case = services.act(case=case, action=action, actor=actor, now=now, note="Đủ điều kiện.")
    return case


def test_level_3_is_due_15_days_then_7_working_days_across_the_national_day(portal, specialist) -> None:
    received = dt.datetime(2024, 8, 13, 3, 0, tzinfo=dt.UTC)  # Tuesday 13/08/2024

    case = propose(portal, 3, specialist, received)

    # 28/08 after 15 days; then 29, 30/08, (31/08–03/09 weekend and National Day), 4, 5, 6, 9, 10/09
    assert case.due_on == dt.date(2024, 9, 10)


def test_levels_4_and_5_are_due_30_days_then_7_working_days(portal, specialist) -> None:
    received = dt.datetime(2024, 8, 13, 3, 0, tzinfo=dt.UTC)

    case = propose(portal, 4, specialist, received)

    # 12/09 after 30 days; 13, 16, 17, 18, 19, 20, 23/09
    assert case.due_on == dt.date(2024, 9, 23)


def test_levels_1_and_2_have_only_the_approval_limit_of_7_working_days(portal, specialist) -> None:
    received = dt.datetime(2024, 8, 27, 3, 0, tzinfo=dt.UTC)  # Tuesday

    case = propose(portal, 2, specialist, received)

    assert case.due_on == dt.date(2024, 9, 9)  # 28, 29, 30/08, 4, 5, 6, 9/09


def test_the_checklist_of_levels_4_and_5_adds_the_specialised_units_opinion(portal, specialist, at) -> None:
    level_3 = propose(portal, 3, specialist, at)
    level_4 = propose(portal, 4, specialist, at)

    assert len(level_3.rule.required_documents) == 5
    assert level_4.rule.required_documents[-1] == "Ý kiến của đơn vị chuyên trách về an toàn thông tin"


def test_a_specialist_appraises_a_level_3_dossier_and_the_leader_approves_it(portal, specialist, leader, at) -> None:
    case = propose(portal, 3, specialist, at)
    case = through(case, ["start_appraisal", "propose"], specialist, at)

    case = through(case, ["grant"], leader, at)
    case = through(case, ["issue"], specialist, at)

    portal.refresh_from_db()
    licence = Licence.objects.get(pk=case.licence_id)
    assert portal.approved_level == 3
    assert portal.approval_document == licence.reference
    assert "/QĐ-" in licence.number
    assert documents_of(f"licensing.case:{case.pk}").filter(kind__code="infosec-approval").exists()
    assert not public_licences().filter(pk=licence.pk).exists()


def test_the_leader_may_not_approve_level_4(portal, specialist, leader, at) -> None:
    case = through(propose(portal, 4, specialist, at), ["start_appraisal", "propose"], specialist, at)

    with pytest.raises(DomainError) as refused:
        through(case, ["grant"], leader, at)

    assert refused.value.field == "level"
    assert Case.objects.get(pk=case.pk).status == Case.Status.PROPOSED


def test_level_4_is_approved_only_once_sent_to_the_ministry(portal, specialist, administrator, at) -> None:
    case = through(propose(portal, 4, specialist, at), ["start_appraisal", "propose"], specialist, at)
    with pytest.raises(DomainError) as refused:
        through(case, ["grant"], administrator, at)
    assert refused.value.field == "ministry_reference"

    reference = "123/SKHCN ngày 01/03/2026"
    infosec_services.record_ministry_referral(system=portal, reference=reference, actor=specialist, now=at)
    case = through(case, ["grant", "issue"], administrator, at)

    portal.refresh_from_db()
    assert (portal.approved_level, portal.ministry_reference) == (4, reference)


@pytest.mark.parametrize(("level", "field"), [(6, "level"), (0, "level"), ("ba", "level")])
def test_a_level_outside_1_to_5_is_refused_naming_the_field(portal, specialist, at, level, field) -> None:
    with pytest.raises(DomainError) as refused:
        services.open_case(
            procedure_code="infosec.level-3",
            applicant=portal.owner,
            particulars={"system": portal.pk, "level": level},
            actor=specialist,
            now=at,
        )
    assert refused.value.field == field
    assert not Case.objects.filter(procedure__code="infosec.level-3").exists()


def test_a_level_the_procedure_does_not_handle_is_refused(portal, specialist, at) -> None:
    with pytest.raises(DomainError) as refused:
        services.open_case(
            procedure_code="infosec.level-3",
            applicant=portal.owner,
            particulars={"system": portal.pk, "level": 4},
            actor=specialist,
            now=at,
        )
    assert refused.value.field == "level"


def test_a_system_of_another_owner_is_refused(portal, specialist, operator, at) -> None:
    with pytest.raises(DomainError) as refused:
        services.open_case(
            procedure_code="infosec.level-3",
            applicant=operator,
            particulars={"system": portal.pk, "level": 3},
            actor=specialist,
            now=at,
        )
    assert refused.value.field == "system"


def test_a_new_version_of_the_rule_applies_to_dossiers_complete_from_its_start(portal, specialist, at) -> None:
    old = LevelRule.objects.get(level=3, valid_to__isnull=True)
    old.valid_to = dt.date(2026, 7, 1)
    old.save()
    LevelRule.objects.create(
        level=3, procedure_code="infosec.level-3", valid_from=dt.date(2026, 7, 1), appraiser="x", approver="y",
        approve_permission="licensing.decide_case", parts=old.parts, appraisal_days=20, approval_working_days=7,
        legal_basis=by_number("116/2025/QH15"), article="",
    )  # fmt: skip

    before = propose(portal, 3, specialist, dt.datetime(2026, 6, 1, 3, 0, tzinfo=dt.UTC))
    after = propose(portal, 3, specialist, dt.datetime(2026, 7, 7, 3, 0, tzinfo=dt.UTC))

    assert before.due_on == dt.date(2026, 6, 25)  # 16/06 + 7 working days
    assert after.due_on == dt.date(2026, 8, 5)  # 27/07 + 7 working days


def test_the_rules_are_in_force_from_1_july_2016_with_an_open_end() -> None:
    rules = LevelRule.objects.order_by("level")
    procedures = RuleVersion.objects.filter(procedure__family="infosec-level")

    assert [(r.level, r.valid_from, r.valid_to) for r in rules] == [(n, dt.date(2016, 7, 1), None) for n in range(1, 6)]
    assert {(r.valid_from, r.valid_to, r.legal_basis.number) for r in procedures} == {
        (dt.date(2016, 7, 1), None, "85/2016/NĐ-CP")
    }


def test_an_operator_proposes_a_level_online_under_the_procedure_of_the_level(camera, enterprise_user, at) -> None:
    case = infosec_services.propose_level(system=camera, level="2", actor=enterprise_user, now=at)

    assert (case.procedure.code, case.status) == ("infosec.level-1-2", "submitted")
    assert case.applicant_id == camera.operator_id
    assert case.particulars == {"system": camera.pk, "system_name": "Camera thử", "level": 2}


def test_a_version_overlapping_the_open_one_is_refused() -> None:
    from django.core.exceptions import ValidationError

    current = LevelRule.objects.get(level=3, valid_to__isnull=True)
    overlapping = LevelRule(
        level=3, procedure_code="infosec.level-3", valid_from=dt.date(2026, 7, 1), appraiser="x", approver="y",
        approve_permission="licensing.decide_case", parts=current.parts, approval_working_days=7,
        legal_basis=current.legal_basis, article="",
    )  # fmt: skip

    with pytest.raises(ValidationError):
        overlapping.full_clean()


def test_the_engines_case_form_sends_a_level_dossier_to_the_system_pages() -> None:
    from django.test import Client

    from ictmis.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))

    response = client.get("/thu-tuc/ho-so/them/?thu-tuc=infosec.level-3")

    assert response.status_code == 302 and response["Location"] == "/an-toan-thong-tin/"


def test_an_approval_decision_never_reaches_the_public_licence_api(portal, specialist, leader, at) -> None:
    from django.test import Client

    case = through(propose(portal, 3, specialist, at), ["start_appraisal", "propose"], specialist, at)
    case = through(through(case, ["grant"], leader, at), ["issue"], specialist, at)

    public = Client()
    listed = [row["id"] for row in public.get("/api/v1/licences?limit=100").json()["items"]]

    assert public.get(f"/api/v1/licences/{case.licence_id}").status_code == 404
    assert case.licence_id not in listed
