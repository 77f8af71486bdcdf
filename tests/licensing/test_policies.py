"""Who may add files to a dossier, take a step, or see a licence's particulars: the policies, enforced by the
services, answered the same way by the pages and the API."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.core.errors import NotAllowedError
from ictmis.core.models import Event
from ictmis.licensing import policies, services
from ictmis.licensing.models import Case, CaseFile
from ictmis.parties.models import Organisation
from tests.licensing.conftest import WEBSITE

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj\n"


def online_case(applicant: Organisation) -> Case:
    return services.open_case(
        procedure_code="website.new",
        applicant=applicant,
        particulars=WEBSITE,
        actor=User.objects.get(username="doanhnghiep"),
        now=timezone.now(),
        channel=Case.Channel.ONLINE,
    )


def page(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def api(username: str) -> Client:
    _token, raw = create_token(user=User.objects.get(username=username), name="t", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


def upload_through_page(username: str, case: Case) -> int:
    response = page(username).post(
        f"/thu-tuc/ho-so/{case.pk}/tep/", {"label": "Đơn đề nghị", "file": SimpleUploadedFile("don.pdf", PDF)}
    )
    return response.status_code


def upload_through_api(username: str, case: Case) -> int:
    response = api(username).post(
        f"/api/v1/cases/{case.pk}/files", {"label": "Đơn đề nghị", "file": SimpleUploadedFile("don.pdf", PDF)}
    )
    return response.status_code


def other_enterprise_user() -> User:
    other = Organisation.objects.create(name="Công ty Khác", kind="enterprise", tax_code="0100000001")
    user = User.objects.create_user("doanhnghiepkhac", password="x", organisation=other)
    user.groups.add(Group.objects.get(name="enterprise_user"))
    return user


@pytest.mark.parametrize("username", ["thanhtra", "lanhdao"])
def test_inspectors_and_leaders_cannot_add_files_to_an_applicants_dossier(applicant, username) -> None:
    case = online_case(applicant)
    case_events = Event.objects.filter(object_type="licensing.case", object_id=str(case.pk))
    events_before = case_events.count()

    assert upload_through_page(username, case) == 403
    assert upload_through_api(username, case) == 403
    assert not CaseFile.objects.filter(case=case).exists()
    assert case_events.count() == events_before


def test_another_enterprise_does_not_even_find_the_dossier(applicant) -> None:
    case = online_case(applicant)
    other_enterprise_user()

    assert upload_through_page("doanhnghiepkhac", case) == 404
    assert upload_through_api("doanhnghiepkhac", case) == 404
    assert not CaseFile.objects.filter(case=case).exists()


def test_the_service_refuses_an_inspector_whoever_calls_it(applicant) -> None:
    case = online_case(applicant)

    with pytest.raises(NotAllowedError):
        services.add_file(
            case=case,
            upload=services.Upload(label="Đơn", data=PDF, filename="don.pdf"),
            actor=User.objects.get(username="thanhtra"),
            now=timezone.now(),
        )
    assert not CaseFile.objects.filter(case=case).exists()


def test_the_applicant_adds_files_while_its_documents_are_awaited_and_the_specialist_while_processing(
    applicant,
) -> None:
    specialist = User.objects.get(username="chuyenvien")
    case = online_case(applicant)
    assert upload_through_api("doanhnghiep", case) == 201

    services.act(case=case, action="receive", actor=specialist, now=timezone.now())
    assert upload_through_api("doanhnghiep", case) == 403
    assert upload_through_page("doanhnghiep", case) == 403
    assert upload_through_page("chuyenvien", case) == 302

    services.act(case=case, action="request_supplement", actor=specialist, now=timezone.now(), note="Bổ sung đề án")
    assert upload_through_page("doanhnghiep", case) == 302
    assert CaseFile.objects.filter(case=case).count() == 3


def test_the_case_shows_each_caller_the_steps_and_upload_its_policies_allow(applicant) -> None:
    case = online_case(applicant)

    as_enterprise = api("doanhnghiep").get(f"/api/v1/cases/{case.pk}").json()
    as_specialist = api("chuyenvien").get(f"/api/v1/cases/{case.pk}").json()
    as_inspector = api("thanhtra").get(f"/api/v1/cases/{case.pk}").json()

    assert (as_enterprise["allowed_actions"], as_enterprise["may_upload"]) == ([], True)
    assert (as_specialist["allowed_actions"], as_specialist["may_upload"]) == (["receive", "withdraw"], True)
    assert (as_inspector["allowed_actions"], as_inspector["may_upload"]) == ([], False)
    assert "upload-form" not in page("thanhtra").get(f"/thu-tuc/ho-so/{case.pk}/").content.decode()


def test_an_inspector_cannot_take_a_step_through_the_page(applicant) -> None:
    case = online_case(applicant)

    response = page("thanhtra").post(f"/thu-tuc/ho-so/{case.pk}/receive/", {"version": case.version})

    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).status == Case.Status.SUBMITTED


def test_only_a_specialist_records_a_dossier_at_the_counter(applicant) -> None:
    enterprise = User.objects.get(username="doanhnghiep")

    with pytest.raises(NotAllowedError):
        services.open_case(
            procedure_code="website.new",
            applicant=applicant,
            particulars=WEBSITE,
            actor=enterprise,
            now=timezone.now(),
            received_on=dt.date(2020, 1, 2),
        )
    with pytest.raises(NotAllowedError):
        services.open_case(
            procedure_code="website.new",
            applicant=applicant,
            particulars=WEBSITE,
            actor=User.objects.get(username="lanhdao"),
            now=timezone.now(),
        )


@pytest.mark.parametrize(
    ("username", "sees_own", "sees_other"),
    [
        ("admin", True, True),
        ("lanhdao", True, True),
        ("chuyenvien", True, True),
        ("thanhtra", True, True),
        ("doanhnghiep", True, False),
        ("canboxa", False, False),
        ("bientap", False, False),
    ],
)
def test_particulars_are_seen_by_province_staff_and_by_the_holder_only(
    applicant, today_now, username, sees_own, sees_other
) -> None:
    specialist = User.objects.get(username="chuyenvien")
    licences = {}
    for holder, number, domain in [
        (applicant, "1/GP-STTTT", "rieng.vn"),
        (Organisation.objects.get(short_name="Sở TT&TT"), "2/GP-STTTT", "khac.vn"),
    ]:
        licences[number] = services.record_existing_licence(
            family_key="website",
            number=number,
            holder=holder,
            valid_from=dt.date(2025, 1, 6),
            valid_until=dt.date(2030, 1, 5),
            particulars={**WEBSITE, "domains": [domain]},
            actor=specialist,
            now=today_now,
        )
    caller = api(username)
    own = caller.get(f"/api/v1/licences/{licences['1/GP-STTTT'].pk}").json()
    other = caller.get(f"/api/v1/licences/{licences['2/GP-STTTT'].pk}").json()

    assert ("particulars" in own, "particulars" in other) == (sees_own, sees_other)
    assert policies.sees_particulars(User.objects.get(username=username), licences["1/GP-STTTT"]) is sees_own
