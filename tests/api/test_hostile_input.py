"""Values an anonymous or careless caller can send are refused with a 4xx naming the field, never a 500."""

import datetime as dt
import json

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.core.errors import DomainError
from ictmis.licensing import services as licensing_services
from ictmis.licensing.models import Case, Payment
from ictmis.parties.models import Organisation
from tests.licensing.conftest import WEBSITE

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


def bearer(username: str) -> Client:
    _token, raw = create_token(user=User.objects.get(username=username), name="t", now=dt.datetime.now(dt.UTC))
    return Client(headers={"Authorization": f"Bearer {raw}"})


def fields(response) -> set[str]:
    return {error["field"] for error in response.json()["errors"]}


@pytest.fixture
def case(specialist, now) -> Case:
    return licensing_services.open_case(
        procedure_code="website.new",
        applicant=Organisation.objects.get(tax_code="4701234564"),
        particulars=WEBSITE,
        actor=specialist,
        now=now,
        received_on=dt.date(2025, 9, 15),
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/units",
        "/api/v1/organisations",
        "/api/v1/licences",
        "/api/v1/cases",
        "/api/v1/articles",
        "/api/v1/programmes/tv-digitisation/deliveries",
        "/api/v1/bts-stations",
        "/api/v1/post-offices",
    ],
)
def test_an_offset_beyond_any_table_is_a_422_naming_it(path) -> None:
    response = bearer("chuyenvien").get(path, {"offset": HUGE})

    assert response.status_code == 422
    assert fields(response) == {"offset"}


def test_a_registry_limit_out_of_range_is_a_422_naming_it() -> None:
    response = bearer("chuyenvien").get("/api/v1/bts-stations", {"limit": HUGE})

    assert (response.status_code, fields(response)) == (422, {"limit"})


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/bts-stations", {"operator": "abc"}, "operator"),
        ("/api/v1/bts-stations", {"operator": HUGE}, "operator"),
        ("/api/v1/bts-stations/map", {"operator": "١٢"}, "operator"),  # Arabic-Indic digits are digits to Python
        ("/api/v1/bts-stations/summary", {"status": "nonsense"}, "status"),
        ("/api/v1/radio-stations", {"connected_to_source": "maybe"}, "connected_to_source"),
    ],
)
def test_a_registry_filter_that_cannot_be_a_value_is_a_422_naming_it(path, params, field) -> None:
    response = bearer("chuyenvien").get(path, params)

    assert (response.status_code, fields(response)) == (422, {field})


def test_a_registry_filter_that_is_a_value_still_filters() -> None:
    operator = Organisation.objects.get(tax_code="4701234564")

    response = bearer("chuyenvien").get("/api/v1/bts-stations", {"operator": str(operator.pk), "status": "active"})

    assert response.status_code == 200


def test_a_bad_filter_on_a_registry_page_is_a_400_page_naming_it(client) -> None:
    client.force_login(User.objects.get(username="chuyenvien"))

    response = client.get("/co-so-du-lieu/bts-stations/", {"operator": "abc"})

    assert response.status_code == 400
    assert "operator" in response.content.decode()


def test_a_json_string_with_an_unpaired_surrogate_is_refused_as_unreadable() -> None:
    body = '{"name": "Công ty \\ud800", "kind": "other"}'

    response = bearer("chuyenvien").post("/api/v1/organisations", body, content_type="application/json")

    assert response.status_code == 400
    assert not Organisation.objects.filter(name__startswith="Công ty \ufffd").exists()


def test_a_properly_paired_escape_is_still_accepted() -> None:
    body = '{"name": "Công ty \\ud83d\\ude00", "kind": "other"}'

    response = bearer("chuyenvien").post("/api/v1/organisations", body, content_type="application/json")

    assert response.status_code == 201
    assert response.json()["name"] == "Công ty 😀"


def test_null_on_an_optional_text_field_of_an_organisation_clears_it() -> None:
    organisation = Organisation.objects.get(tax_code="4701234564")
    client = bearer("chuyenvien")

    response = client.patch(
        f"/api/v1/organisations/{organisation.pk}",
        json.dumps({"version": organisation.version, "phone": None}),
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["phone"] == ""


def test_null_on_the_name_of_an_organisation_is_a_422_naming_it() -> None:
    organisation = Organisation.objects.get(tax_code="4701234564")

    response = bearer("chuyenvien").patch(
        f"/api/v1/organisations/{organisation.pk}",
        json.dumps({"version": organisation.version, "name": None}),
        content_type="application/json",
    )

    assert (response.status_code, fields(response)) == (422, {"name"})


@pytest.mark.parametrize("amount", [2**63, 10**15 + 1, -1])
def test_a_fee_out_of_range_is_a_422_naming_the_amount(case, amount) -> None:
    response = bearer("chuyenvien").put(
        f"/api/v1/cases/{case.pk}/fees", json.dumps({"amount": amount}), content_type="application/json"
    )

    assert (response.status_code, fields(response)) == (422, {"amount"})


def test_a_payment_channel_outside_the_list_is_a_422_naming_it(case) -> None:
    payment = {"amount": 1000, "paid_on": "2025-09-15", "channel": "carrier pigeon", "receipt_number": "BL 1"}

    response = bearer("chuyenvien").post(
        f"/api/v1/cases/{case.pk}/fees", json.dumps(payment), content_type="application/json"
    )

    assert (response.status_code, fields(response)) == (422, {"channel"})
    assert not Payment.objects.filter(case=case).exists()


def test_the_payment_service_refuses_a_channel_outside_the_list(case, specialist, now) -> None:
    with pytest.raises(DomainError) as refused:
        licensing_services.record_payment(
            case=case, amount=1000, paid_on=dt.date(2025, 9, 15), channel="pigeon", receipt_number="1",
            actor=specialist, now=now,
        )  # fmt: skip

    assert refused.value.field == "channel"


def test_a_fee_too_large_on_the_case_page_is_a_message_not_a_500(client, case) -> None:
    client.force_login(User.objects.get(username="chuyenvien"))

    response = client.post(f"/thu-tuc/ho-so/{case.pk}/phi/", {"amount": str(2**63), "reason": "x"})

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.fee_assessed != 2**63


@pytest.mark.parametrize("day", ["01/01/1990", "14/09/2025"])
def test_a_step_dated_before_2014_or_before_receipt_is_refused_with_a_message(client, case, day) -> None:
    client.force_login(User.objects.get(username="chuyenvien"))

    response = client.post(f"/thu-tuc/ho-so/{case.pk}/start_appraisal/", {"on": day, "version": case.version})

    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED


def test_receiving_on_a_day_before_any_rule_is_a_message_not_a_500(client, specialist, now) -> None:
    online = licensing_services.open_case(
        procedure_code="website.new",
        applicant=Organisation.objects.get(tax_code="4701234564"),
        particulars=WEBSITE,
        actor=specialist,
        now=now,
        channel=Case.Channel.ONLINE,
    )
    client.force_login(specialist)

    response = client.post(f"/thu-tuc/ho-so/{online.pk}/receive/", {"on": "01/01/2014", "version": online.version})

    assert response.status_code == 302
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]


def test_a_nul_character_in_a_json_string_is_refused_as_unreadable() -> None:
    body = json.dumps({"name": "Công ty\u0000", "kind": "other"})
    before = Organisation.objects.count()

    response = bearer("chuyenvien").post("/api/v1/organisations", body, content_type="application/json")

    assert response.status_code == 400
    assert Organisation.objects.count() == before


@pytest.mark.parametrize("path", ["/api/v1/organisations", "/to-chuc/", "/co-so-du-lieu/bts-stations/"])
def test_a_nul_character_in_the_query_string_is_a_400_naming_the_parameter(client, path) -> None:
    client.force_login(User.objects.get(username="chuyenvien"))

    response = client.get(path, {"q": "Nhật\u0000Lệ"})

    assert response.status_code == 400
    assert "q" in response.content.decode()


def test_a_nul_character_in_an_api_form_field_is_a_400(case) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("don.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    response = bearer("chuyenvien").post(f"/api/v1/cases/{case.pk}/files", {"file": upload, "label": "Đơn\u0000"})

    assert response.status_code == 400
    assert not case.files.exists()
