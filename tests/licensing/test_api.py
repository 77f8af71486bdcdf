"""The licensing API: procedures, cases with their steps and sub-resources, and the licence register."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from tests.licensing.conftest import WEBSITE

pytestmark = pytest.mark.django_db


def api(username: str | None) -> Client:
    if username is None:
        return Client()
    _token, raw = create_token(user=User.objects.get(username=username), name="t", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


def post(client: Client, path: str, body: dict | None = None):
    return client.post(path, body or {}, content_type="application/json")


def test_procedures_show_the_rule_in_force_today_with_its_citation() -> None:
    procedures = {p["code"]: p for p in api(None).get("/api/v1/procedures").json()}
    new = procedures["website.new"]["rule_in_force"]
    assert new["time_limit_days"] == 10 and new["fee"] == 0
    assert new["citation"].endswith("147/2024/NĐ-CP") and len(new["required_documents"]) == 5


def test_a_case_from_the_counter_to_the_licence_through_the_api(applicant) -> None:
    specialist, leader = api("chuyenvien"), api("lanhdao")
    body = {"procedure": "website.new", "applicant": applicant.pk, "received_on": "2019-04-10", "particulars": WEBSITE}
    created = post(specialist, "/api/v1/cases", body)
    assert created.status_code == 201
    case = created.json()
    assert case["due_date"] == "2019-04-25" and case["rule"]["citation"].endswith("27/2018/NĐ-CP")
    assert case["status"] == "received" and case["back_entered"] is True

    wrong = post(specialist, f"/api/v1/cases/{case['id']}/grant")
    assert wrong.status_code == 409 and "Chuyển thẩm định" in wrong.json()["detail"]
    stale = post(specialist, f"/api/v1/cases/{case['id']}/start_appraisal", {"version": 99})
    assert stale.status_code == 409 and stale.json()["errors"][0]["field"] == "version"
    assert post(specialist, f"/api/v1/cases/{case['id']}/start_appraisal").json()["status"] == "appraisal"
    assert (
        post(specialist, f"/api/v1/cases/{case['id']}/propose", {"note": "Đủ điều kiện"}).json()["status"] == "proposed"
    )
    assert post(specialist, f"/api/v1/cases/{case['id']}/grant").status_code == 403
    assert post(leader, f"/api/v1/cases/{case['id']}/grant").json()["status"] == "granted"
    issued = post(specialist, f"/api/v1/cases/{case['id']}/issue").json()
    assert issued["status"] == "issued" and issued["licence"].endswith("/GP-SKHCN")
    assert issued["timeliness"] == "late"  # finished today, due in 2019

    documents = specialist.get(f"/api/v1/cases/{case['id']}/documents").json()
    assert {d["kind"] for d in documents} == {"receipt", "licence"}
    licence_doc = next(d for d in documents if d["kind"] == "licence")
    download = specialist.get(f"/api/v1/cases/{case['id']}/documents/{licence_doc['id']}")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"

    public = api(None).get("/api/v1/licences", {"q": "tintucnhatle"}).json()["items"][0]
    assert public["number"] == issued["licence"] and public["status"] == "active" and "particulars" not in public
    full = specialist.get("/api/v1/licences", {"q": "tintucnhatle"}).json()["items"][0]
    assert full["particulars"]["responsible_person"] == "Nguyễn Văn An"


def test_bad_case_input_is_refused_with_the_field(applicant) -> None:
    specialist = api("chuyenvien")
    bad_domain = post(
        specialist,
        "/api/v1/cases",
        {
            "procedure": "website.new",
            "applicant": applicant.pk,
            "particulars": {**WEBSITE, "domains": ["không hợp lệ"]},
        },
    )
    assert bad_domain.status_code == 409 and bad_domain.json()["errors"][0]["field"] == "domains"
    missing = post(specialist, "/api/v1/cases", {"applicant": applicant.pk})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "procedure"
    unknown = post(specialist, "/api/v1/cases", {"procedure": "khong-co", "applicant": applicant.pk})
    assert unknown.json()["errors"][0]["field"] == "procedure"


def test_an_enterprise_applies_online_for_itself_only(applicant) -> None:
    enterprise = api("doanhnghiep")
    other = User.objects.get(username="lanhdao").organisation
    refused = post(
        enterprise, "/api/v1/cases", {"procedure": "website.new", "applicant": other.pk, "particulars": WEBSITE}
    )
    assert refused.status_code in (404, 409)
    created = post(
        enterprise,
        "/api/v1/cases",
        {"procedure": "website.new", "applicant": applicant.pk, "received_on": "2020-01-01", "particulars": WEBSITE},
    )
    case = created.json()
    assert created.status_code == 201 and case["status"] == "submitted" and case["due_date"] is None
    assert case["channel"] == "online"

    pdf = SimpleUploadedFile("don.pdf", b"%PDF-1.7\n1 0 obj\n", content_type="application/pdf")
    uploaded = enterprise.post(f"/api/v1/cases/{case['id']}/files", {"file": pdf, "label": "Đơn đề nghị"})
    assert uploaded.status_code == 201 and uploaded.json()["kind"] == "pdf"
    disguised = SimpleUploadedFile("anh.pdf", b"MZ\x90\x00 not a pdf")
    assert enterprise.post(f"/api/v1/cases/{case['id']}/files", {"file": disguised, "label": "x"}).status_code == 409
    assert post(enterprise, f"/api/v1/cases/{case['id']}/receive").status_code == 403
    received = post(api("chuyenvien"), f"/api/v1/cases/{case['id']}/receive").json()
    assert received["status"] == "received" and received["due_date"]
    assert api("doanhnghiep").get(f"/api/v1/cases/{case['id']}/files").json()[0]["name"] == "don.pdf"


def test_fees_as_a_sub_resource(applicant) -> None:
    specialist = api("chuyenvien")
    case = post(
        specialist, "/api/v1/cases", {"procedure": "website.new", "applicant": applicant.pk, "particulars": WEBSITE}
    ).json()
    no_reason = specialist.put(f"/api/v1/cases/{case['id']}/fees", {"amount": 500000}, content_type="application/json")
    assert no_reason.status_code == 409 and no_reason.json()["errors"][0]["field"] == "reason"
    specialist.put(
        f"/api/v1/cases/{case['id']}/fees",
        {"amount": 500000, "reason": "Quyết định của UBND tỉnh"},
        content_type="application/json",
    )
    paid = post(
        specialist,
        f"/api/v1/cases/{case['id']}/fees",
        {"amount": 500000, "paid_on": dt.date.today().isoformat(), "receipt_number": "BL-1"},
    )
    assert paid.status_code == 201 and paid.json()["fee_paid"] == 500000
    fees = specialist.get(f"/api/v1/cases/{case['id']}/fees").json()
    assert fees["assessed"] == 500000 and fees["payments"][0]["receipt_number"] == "BL-1"


def test_case_lists_cost_the_same_queries_for_more_rows(applicant) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ictmis.licensing import services

    specialist = User.objects.get(username="chuyenvien")
    staff = Client()
    staff.force_login(specialist)

    def cost(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff.get(path).status_code == 200
        return len(queries)

    def add_cases(n: int, start: int) -> None:
        for index in range(start, start + n):
            services.open_case(
                procedure_code="website.new",
                applicant=applicant,
                actor=specialist,
                now=timezone.now(),
                particulars={**WEBSITE, "domains": [f"site{index}.vn"]},
            )

    add_cases(2, 0)
    staff.get("/thu-tuc/ho-so/")  # the first page of a session also loads the user's permissions
    few = (cost("/thu-tuc/ho-so/"), cost("/api/v1/cases"), cost("/thu-tuc/ho-so/?export=xlsx"))
    add_cases(8, 2)
    many = (cost("/thu-tuc/ho-so/"), cost("/api/v1/cases"), cost("/thu-tuc/ho-so/?export=xlsx"))
    assert many == few


def test_the_case_list_exports_what_is_filtered_to_excel(applicant) -> None:
    import io

    from openpyxl import load_workbook

    from ictmis.licensing import services

    specialist = User.objects.get(username="chuyenvien")
    services.open_case(
        procedure_code="website.new", applicant=applicant, actor=specialist, now=timezone.now(), particulars=WEBSITE
    )
    staff = Client()
    staff.force_login(specialist)
    response = staff.get("/thu-tuc/ho-so/", {"export": "xlsx", "xem": "in_time"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Mã hồ sơ" and len(rows) == 2 and rows[1][3] == "tintucnhatle.vn"
    assert rows[1][10] == "trong hạn"


def test_an_enterprise_sees_the_particulars_of_its_own_licences_only(applicant, today_now) -> None:
    from ictmis.licensing import services
    from ictmis.parties.models import Organisation

    specialist = User.objects.get(username="chuyenvien")
    other = Organisation.objects.get(short_name="Sở TT&TT")
    for holder, number, domain in [(applicant, "1/GP-STTTT", "rieng.vn"), (other, "2/GP-STTTT", "khac.vn")]:
        services.record_existing_licence(
            family_key="website",
            number=number,
            holder=holder,
            valid_from=dt.date(2025, 1, 6),
            valid_until=dt.date(2030, 1, 5),
            particulars={**WEBSITE, "domains": [domain]},
            actor=specialist,
            now=today_now,
        )
    listed = {item["number"]: item for item in api("doanhnghiep").get("/api/v1/licences").json()["items"]}
    assert "particulars" in listed["1/GP-STTTT"] and "particulars" not in listed["2/GP-STTTT"]
    assert "particulars" in api("chuyenvien").get("/api/v1/licences").json()["items"][0]
