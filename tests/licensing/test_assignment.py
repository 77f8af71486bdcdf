"""Who holds a case: a leader assigns it to a specialist, a specialist takes it; "assigned to me" and "waiting
for me" on the case list; assigning and exporting the ticked rows of the list."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from openpyxl import load_workbook

from ictmis.accounts.models import User
from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.models import Event
from ictmis.licensing import services
from ictmis.licensing.models import Case
from ictmis.notifications.models import Notification
from ictmis.parties.models import Organisation
from tests.licensing.conftest import WEBSITE

pytestmark = pytest.mark.django_db


def received_case(applicant, specialist, now, domain="nhatle.vn"):
    return services.open_case(
        procedure_code="website.new",
        applicant=applicant,
        particulars={**WEBSITE, "domains": [domain]},
        actor=specialist,
        now=now,
        received_on=dt.date(2026, 11, 20),
    )


@pytest.fixture
def colleague(db) -> User:
    """A second specialist of the Department."""
    user = User.objects.create_user(username="chuyenvien2", full_name="Trần Thị Bình", password="x")
    user.groups.add(Group.objects.get(name="specialist"))
    return user


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def codes_on(page) -> set[str]:
    return {code for code in Case.objects.values_list("code", flat=True) if f">{code}</a>" in page.content.decode()}


def test_a_leader_assigns_a_case_to_a_specialist_who_is_told(applicant, specialist, leader, today_now) -> None:
    case = received_case(applicant, specialist, today_now)

    services.assign_case(case=case, assignee=specialist, actor=leader, now=today_now, expected_version=case.version)

    case.refresh_from_db()
    assert case.assignee == specialist
    event = Event.objects.get(verb="licensing.case.assigned", object_id=str(case.pk))
    assert (event.actor, event.data["assignee"]) == (leader, str(specialist))
    note = Notification.objects.get(recipient=specialist, kind="licensing.case.assigned")
    assert case.code in note.title and note.link == f"/thu-tuc/ho-so/{case.pk}/"
    assert case.history.first().assignee_id == specialist.pk


def test_a_specialist_takes_a_free_case_but_assigns_nobody_else_and_takes_none_held(
    applicant, specialist, colleague, today_now
) -> None:
    free = received_case(applicant, specialist, today_now, "mot.vn")
    held = received_case(applicant, specialist, today_now, "hai.vn")
    services.assign_case(case=held, assignee=colleague, actor=colleague, now=today_now)

    services.assign_case(case=free, assignee=specialist, actor=specialist, now=today_now)

    assert Case.objects.get(pk=free.pk).assignee == specialist
    assert not Notification.objects.filter(recipient=specialist, kind="licensing.case.assigned").exists()
    with pytest.raises(NotAllowedError, match=free.code):
        services.assign_case(case=free, assignee=colleague, actor=specialist, now=today_now)
    with pytest.raises(NotAllowedError, match=held.code):
        services.assign_case(case=held, assignee=specialist, actor=specialist, now=today_now)
    services.assign_case(case=free, assignee=None, actor=specialist, now=today_now)
    assert Case.objects.get(pk=free.pk).assignee is None


def test_only_a_specialist_holds_a_case_and_only_staff_assign_open_cases(
    applicant, specialist, leader, enterprise_user, today_now
) -> None:
    case = received_case(applicant, specialist, today_now)
    inspector = User.objects.get(username="thanhtra")

    with pytest.raises(DomainError, match=str(inspector)):
        services.assign_case(case=case, assignee=inspector, actor=leader, now=today_now)
    with pytest.raises(NotAllowedError):
        services.assign_case(case=case, assignee=specialist, actor=enterprise_user, now=today_now)
    services.act(case=case, action="withdraw", actor=specialist, now=today_now, note="Doanh nghiệp rút")
    with pytest.raises(NotAllowedError, match=case.code):
        services.assign_case(case=case, assignee=specialist, actor=leader, now=today_now)
    assert Case.objects.get(pk=case.pk).assignee is None


def test_a_bulk_assignment_with_one_refused_case_writes_nothing(applicant, specialist, leader, today_now) -> None:
    first = received_case(applicant, specialist, today_now, "mot.vn")
    closed = received_case(applicant, specialist, today_now, "hai.vn")
    services.act(case=closed, action="withdraw", actor=specialist, now=today_now, note="Rút")

    with pytest.raises(NotAllowedError, match=closed.code):
        services.assign_cases(cases=[first, closed], assignee=specialist, actor=leader, now=today_now)

    assert Case.objects.get(pk=first.pk).assignee is None
    assert not Event.objects.filter(verb="licensing.case.assigned").exists()
    assert not Notification.objects.filter(kind="licensing.case.assigned").exists()


def test_assigned_to_me_lists_the_cases_the_user_holds(applicant, specialist, colleague, leader, today_now) -> None:
    mine = received_case(applicant, specialist, today_now, "mot.vn")
    theirs = received_case(applicant, specialist, today_now, "hai.vn")
    services.assign_case(case=mine, assignee=specialist, actor=leader, now=today_now)
    services.assign_case(case=theirs, assignee=colleague, actor=leader, now=today_now)

    page = client_of(specialist).get("/thu-tuc/ho-so/", {"cua_toi": "assigned"})

    assert codes_on(page) == {mine.code}
    assert str(specialist) in page.content.decode()


def test_waiting_for_me_holds_the_steps_the_user_may_take_and_not_cases_held_by_others(
    applicant, specialist, colleague, leader, today_now
) -> None:
    free = received_case(applicant, specialist, today_now, "mot.vn")
    mine = received_case(applicant, specialist, today_now, "hai.vn")
    theirs = received_case(applicant, specialist, today_now, "ba.vn")
    proposed = received_case(applicant, specialist, today_now, "bon.vn")
    services.assign_case(case=mine, assignee=specialist, actor=leader, now=today_now)
    services.assign_case(case=theirs, assignee=colleague, actor=leader, now=today_now)
    services.assign_case(case=proposed, assignee=colleague, actor=leader, now=today_now)
    services.act(case=proposed, action="start_appraisal", actor=colleague, now=today_now)
    services.act(case=proposed, action="propose", actor=colleague, now=today_now, note="Đề nghị cấp")
    ours = {free.code, mine.code, theirs.code, proposed.code}

    for_specialist = codes_on(client_of(specialist).get("/thu-tuc/ho-so/", {"cua_toi": "waiting"})) & ours
    for_leader = codes_on(client_of(leader).get("/thu-tuc/ho-so/", {"cua_toi": "waiting"})) & ours

    assert for_specialist == {free.code, mine.code}
    assert for_leader == {proposed.code}


def test_an_enterprise_waits_on_its_own_supplement_requests(applicant, specialist, enterprise_user, today_now) -> None:
    asked = received_case(applicant, specialist, today_now, "mot.vn")
    received_case(applicant, specialist, today_now, "hai.vn")
    services.act(case=asked, action="request_supplement", actor=specialist, now=today_now, note="Bản sao GPKD")

    page = client_of(enterprise_user).get("/thu-tuc/ho-so/", {"cua_toi": "waiting"})

    assert codes_on(page) == {asked.code}


def test_a_leader_assigns_the_ticked_rows_of_the_list(applicant, specialist, leader, today_now) -> None:
    first = received_case(applicant, specialist, today_now, "mot.vn")
    second = received_case(applicant, specialist, today_now, "hai.vn")
    untouched = received_case(applicant, specialist, today_now, "ba.vn")

    response = client_of(leader).post(
        "/thu-tuc/ho-so/chon/",
        {"ids": [first.pk, second.pk], "action": "assign", "assignee": specialist.pk, "next": "/thu-tuc/ho-so/"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/thu-tuc/ho-so/"
    held = set(Case.objects.filter(assignee=specialist).values_list("pk", flat=True))
    assert held == {first.pk, second.pk} and untouched.pk not in held
    assert Notification.objects.filter(recipient=specialist, kind="licensing.case.assigned").count() == 2


def test_a_bulk_refusal_names_the_case_and_changes_nothing(applicant, specialist, colleague, today_now) -> None:
    free = received_case(applicant, specialist, today_now, "mot.vn")
    held = received_case(applicant, specialist, today_now, "hai.vn")
    services.assign_case(case=held, assignee=colleague, actor=colleague, now=today_now)

    response = client_of(specialist).post(
        "/thu-tuc/ho-so/chon/", {"ids": [free.pk, held.pk], "action": "assign", "assignee": specialist.pk}, follow=True
    )

    assert held.code in response.content.decode()
    assert Case.objects.get(pk=free.pk).assignee is None
    assert Case.objects.get(pk=held.pk).assignee == colleague


def test_a_case_outside_the_users_scope_refuses_the_whole_bulk_action(
    applicant, specialist, enterprise_user, today_now
) -> None:
    own = received_case(applicant, specialist, today_now, "mot.vn")
    other = services.open_case(
        procedure_code="website.new",
        applicant=Organisation.objects.get(short_name="Sở TT&TT"),
        particulars={**WEBSITE, "domains": ["khac.vn"]},
        actor=specialist,
        now=today_now,
    )

    response = client_of(enterprise_user).post("/thu-tuc/ho-so/chon/", {"ids": [own.pk, other.pk], "action": "export"})

    assert response.status_code == 302 and "spreadsheetml" not in response.get("Content-Type", "")


def test_the_selected_rows_export_with_the_columns_of_the_list_export(applicant, specialist, leader, today_now) -> None:
    first = received_case(applicant, specialist, today_now, "mot.vn")
    received_case(applicant, specialist, today_now, "hai.vn")
    services.assign_case(case=first, assignee=specialist, actor=leader, now=today_now)
    client = client_of(specialist)

    selected = client.post("/thu-tuc/ho-so/chon/", {"ids": [first.pk], "action": "export"})
    listed = client.get("/thu-tuc/ho-so/", {"export": "xlsx"})

    rows = list(load_workbook(io.BytesIO(selected.content)).active.iter_rows(values_only=True))
    header = next(load_workbook(io.BytesIO(listed.content)).active.iter_rows(values_only=True))
    assert rows[0] == header and header[-1] == "Người thụ lý"
    assert [row[0] for row in rows[1:]] == [first.code] and rows[1][-1] == str(specialist)


def test_the_case_page_shows_who_holds_it_and_a_leader_assigns_there(applicant, specialist, leader, today_now) -> None:
    case = received_case(applicant, specialist, today_now)
    client = client_of(leader)

    client.post(f"/thu-tuc/ho-so/{case.pk}/giao/", {"assignee": specialist.pk, "version": case.version})
    page = client.get(f"/thu-tuc/ho-so/{case.pk}/")

    assert Case.objects.get(pk=case.pk).assignee == specialist
    assert 'data-testid="case-assignee">' + str(specialist) in page.content.decode()


def test_a_stale_case_page_does_not_assign(applicant, specialist, leader, today_now) -> None:
    case = received_case(applicant, specialist, today_now)

    client_of(leader).post(f"/thu-tuc/ho-so/{case.pk}/giao/", {"assignee": specialist.pk, "version": case.version - 1})

    assert Case.objects.get(pk=case.pk).assignee is None


def test_the_api_assigns_and_lists_the_callers_cases(applicant, specialist, leader, colleague, today_now) -> None:
    case = received_case(applicant, specialist, today_now)
    other = received_case(applicant, specialist, today_now, "hai.vn")
    services.assign_case(case=other, assignee=colleague, actor=leader, now=today_now)

    answer = client_of(leader).post(
        f"/api/v1/cases/{case.pk}/assign", {"assignee": specialist.pk}, content_type="application/json"
    )
    refused = client_of(specialist).post(
        f"/api/v1/cases/{other.pk}/assign", {"assignee": specialist.pk}, content_type="application/json"
    )
    listed = client_of(specialist).get("/api/v1/cases", {"mine": "assigned"})

    assert answer.status_code == 200 and answer.json()["assignee"] == specialist.pk
    assert refused.status_code == 403 and other.code in refused.json()["detail"]
    assert [item["code"] for item in listed.json()["items"]] == [case.code]
    assert client_of(specialist).get("/api/v1/cases", {"mine": "nobody"}).status_code == 422
