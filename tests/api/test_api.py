import pytest
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.parties.models import Organisation

pytestmark = pytest.mark.django_db


def bearer(username: str, now) -> Client:
    # made now, not on the fixed test date: tokens expire
    _token, raw = create_token(user=User.objects.get(username=username), name="test", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_without_credentials_the_api_answers_401_in_the_error_shape() -> None:
    response = Client().get("/api/v1/units")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}


def test_a_wrong_token_is_401(now) -> None:
    assert Client(headers={"Authorization": "Bearer ictmis_nope"}).get("/api/v1/me").status_code == 401


def test_units_filter_by_level_parent_and_query(now) -> None:
    client = bearer("chuyenvien", now)

    provinces = client.get("/api/v1/units", {"level": "province", "limit": 100}).json()
    assert provinces["count"] == 34
    assert {"code", "name", "type", "level", "parent_code", "valid_from", "valid_to"} <= set(provinces["items"][0])

    dak_lak = client.get("/api/v1/units", {"q": "dak lak", "level": "province"}).json()
    assert [u["name"] for u in dak_lak["items"]] == ["Đắk Lắk"]

    communes = client.get("/api/v1/units", {"parent": "44", "limit": 500}).json()
    assert communes["count"] == 78
    assert all(u["parent_code"] == "44" for u in communes["items"])


def test_units_on_a_date_give_the_structure_of_that_day(now) -> None:
    client = bearer("chuyenvien", now)
    old = client.get("/api/v1/units", {"parent": "44", "on": "2019-06-30"}).json()
    assert old["count"] == 8
    assert {u["level"] for u in old["items"]} == {"district"}
    assert all(u["valid_to"] == "2025-07-01" for u in old["items"])


def test_unit_detail_with_children_and_lineage(now) -> None:
    client = bearer("canboxa", now)
    body = client.get("/api/v1/units/44", {"on": "2019-06-30"}).json()
    assert body["name"] == "Tỉnh Quảng Bình"
    assert len(body["children"]) == 8
    assert [u["name"] for u in body["successors"]] == ["Quảng Trị"]
    assert client.get("/api/v1/units/00000").status_code == 404


def test_invalid_filters_are_422_with_field_errors(now) -> None:
    response = bearer("chuyenvien", now).get("/api/v1/units", {"level": "village"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "level"


def test_me_describes_the_caller(now) -> None:
    body = bearer("canboxa", now).get("/api/v1/me").json()
    assert body["roles"] == ["commune_officer"]
    assert body["whole_province"] is False
    assert {u["code"] for u in body["scope"]} == {"18880"}
    assert body["organisation"]["kind"] == "commune_pc"


def test_organisations_create_update_and_stale_update(now) -> None:
    client = bearer("chuyenvien", now)
    created = client.post(
        "/api/v1/organisations",
        {
            "name": "Công ty Cổ phần Dữ liệu Nhật Lệ",
            "kind": "enterprise",
            "tax_code": "4703456788",
            "unit_code": "18880",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["unit_code"] == "18880"
    assert body["version"] == 1

    patched = client.patch(
        f"/api/v1/organisations/{body['id']}",
        {"version": 1, "phone": "0232 3844 555"},
        content_type="application/json",
    )
    assert patched.status_code == 200
    assert patched.json()["version"] == 2

    stale = client.patch(
        f"/api/v1/organisations/{body['id']}",
        {"version": 1, "phone": "0000 0000"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["field"] == "version"
    assert Organisation.objects.get(pk=body["id"]).phone == "0232 3844 555"


def test_invalid_organisation_is_422_with_the_field_named(now) -> None:
    response = bearer("chuyenvien", now).post(
        "/api/v1/organisations",
        {"name": "X", "kind": "enterprise", "tax_code": "123"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"tax_code"}
    assert not Organisation.objects.filter(name="X").exists()


def test_roles_without_the_permission_get_403(now) -> None:
    response = bearer("lanhdao", now).post(
        "/api/v1/organisations", {"name": "Y", "kind": "other"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert bearer("bientap", now).get("/api/v1/organisations").status_code == 403


def test_records_outside_the_scope_are_404_not_403(now) -> None:
    department = Organisation.objects.get(short_name="Sở TT&TT")
    assert bearer("doanhnghiep", now).get(f"/api/v1/organisations/{department.pk}").status_code == 404
    assert bearer("chuyenvien", now).get(f"/api/v1/organisations/{department.pk}").status_code == 200


def test_an_enterprise_user_lists_only_its_own_organisation(now) -> None:
    user = User.objects.get(username="doanhnghiep")
    body = bearer("doanhnghiep", now).get("/api/v1/organisations").json()
    assert [o["id"] for o in body["items"]] == [user.organisation_id]


def test_openapi_schema_lists_the_routes() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/units", "/api/v1/units/{code}", "/api/v1/me", "/api/v1/organisations"} <= set(schema["paths"])


def test_session_auth_requires_csrf_for_writes() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="chuyenvien"))
    response = client.post("/api/v1/organisations", {"name": "Z", "kind": "other"}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert not Organisation.objects.filter(name="Z").exists()


def test_field_messages_of_the_api_are_in_vietnamese(specialist) -> None:
    client = Client()
    client.force_login(specialist)
    response = client.post(
        "/api/v1/cases",
        {"applicant": "x", "received_on": "hôm qua", "checklist": "a"},
        content_type="application/json",
    )
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert response.status_code == 422
    assert messages == {
        "procedure": "Trường này là bắt buộc.",
        "applicant": "Nhập số nguyên.",
        "received_on": "Nhập ngày theo dạng yyyy-mm-dd.",
        "checklist": "Nhập một danh sách.",
    }
