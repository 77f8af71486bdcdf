import pytest
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.core.registry_demo import upsert
from ictmis.parties.models import Organisation
from ictmis.telecom.models import BtsStation
from ictmis.units.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db


def bearer(username: str, now) -> Client:
    # made now, not on the fixed test date: tokens expire
    _token, raw = create_token(user=User.objects.get(username=username), name="t", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def stations(now):
    nhat_le = Organisation.objects.get(tax_code="4701234564")
    phong_nha = Organisation.objects.get(tax_code="4705678909")
    old = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=False)
    new = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=True)
    ba_don = AdministrativeUnit.objects.get(code="19009", level=Level.COMMUNE, valid_to__isnull=False)
    rows = []
    for number in range(30):
        rows.append(
            {
                "operator": nhat_le if number % 2 else phong_nha,
                "site_code": f"T{number:03d}",
                "name": f"Trạm {number}",
                "unit": [old, new, ba_don][number % 3],
                "latitude": 17.40 + number * 0.01,
                "longitude": 106.50 + number * 0.01,
                "station_type": "rooftop",
                "technologies": ["4G"],
                "status": "active" if number < 25 else "suspended",
            }
        )
    upsert("bts-stations", rows, now=now)
    return BtsStation.objects.filter(site_code__startswith="T")


def test_list_filters_by_status_unit_and_query(stations, now) -> None:
    client = bearer("chuyenvien", now)
    assert client.get("/api/v1/bts-stations").json()["count"] == 30
    assert client.get("/api/v1/bts-stations", {"status": "suspended"}).json()["count"] == 5
    assert client.get("/api/v1/bts-stations", {"q": "tram 12"}).json()["count"] == 1
    by_former_ba_don = client.get("/api/v1/bts-stations", {"unit": "458"}).json()
    assert by_former_ba_don["count"] == 10
    both_structures = client.get("/api/v1/bts-stations", {"unit": "18880"}).json()
    assert both_structures["count"] == 20


def test_summary_counts_per_unit_in_either_structure(stations, now) -> None:
    client = bearer("lanhdao", now)
    provinces = {row["name"]: row["count"] for row in client.get("/api/v1/bts-stations/summary?level=province").json()}
    assert provinces == {"Tỉnh Quảng Bình": 20, "Quảng Trị": 10}
    districts = {row["name"]: row["count"] for row in client.get("/api/v1/bts-stations/summary?level=district").json()}
    assert districts == {"Thành phố Đồng Hới": 10, "Thị xã Ba Đồn": 10}
    communes = client.get("/api/v1/bts-stations/summary?level=commune").json()
    assert sum(row["count"] for row in communes) == 30
    assert client.get("/api/v1/bts-stations/summary?level=village").status_code == 422


def test_map_clusters_at_low_zoom_and_points_at_high_zoom(stations, now) -> None:
    client = bearer("chuyenvien", now)
    low = client.get("/api/v1/bts-stations/map", {"zoom": 5}).json()
    assert low["type"] == "FeatureCollection"
    assert any(f["properties"]["cluster"] for f in low["features"])
    assert sum(f["properties"].get("count", 1) for f in low["features"]) == 30

    high = client.get("/api/v1/bts-stations/map", {"zoom": 16, "with_bounds": 1}).json()
    assert len(high["features"]) == 30
    assert not any(f["properties"]["cluster"] for f in high["features"])
    assert high["bounds"] == pytest.approx([106.5, 17.4, 106.79, 17.69])

    boxed = client.get("/api/v1/bts-stations/map", {"zoom": 16, "bbox": "106.5,17.4,106.55,17.45"}).json()
    assert len(boxed["features"]) == 6
    assert client.get("/api/v1/bts-stations/map", {"bbox": "1,2,3"}).json()["errors"][0]["field"] == "bbox"


def test_create_validate_update_stale_and_delete(now) -> None:
    client = bearer("chuyenvien", now)
    body = {
        "operator": Organisation.objects.get(tax_code="4701234564").pk,
        "site_code": "NEW1",
        "unit": "18880",
        "latitude": 17.47,
        "longitude": 106.62,
        "station_type": "rooftop",
        "technologies": ["4G", "5G"],
        "status": "active",
        "plan_conformity": True,
    }
    created = client.post("/api/v1/bts-stations", body, content_type="application/json")
    assert created.status_code == 201, created.content
    station = created.json()
    assert station["unit"] == "18880"
    assert station["technologies"] == ["4G", "5G"]

    bad = client.post(
        "/api/v1/bts-stations", {**body, "site_code": "NEW2", "latitude": 40.0}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["latitude"]
    assert "40" in bad.json()["errors"][0]["message"]

    patched = client.patch(
        f"/api/v1/bts-stations/{station['id']}", {"version": 1, "mast_height": 18}, content_type="application/json"
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["version"] == 2
    stale = client.patch(
        f"/api/v1/bts-stations/{station['id']}", {"version": 1, "mast_height": 30}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert BtsStation.objects.get(pk=station["id"]).mast_height == 18

    assert client.delete(f"/api/v1/bts-stations/{station['id']}").status_code == 204
    assert client.get(f"/api/v1/bts-stations/{station['id']}").status_code == 404
    assert BtsStation.objects.filter(pk=station["id"], deleted_at__isnull=False).exists()


def test_an_enterprise_sees_and_files_only_its_own_stations(stations, now) -> None:
    client = bearer("doanhnghiep", now)
    own = User.objects.get(username="doanhnghiep").organisation
    listed = client.get("/api/v1/bts-stations", {"limit": 100}).json()
    assert listed["count"] == 15
    assert {item["operator"] for item in listed["items"]} == {own.pk}
    other = stations.exclude(operator=own).first()
    assert client.get(f"/api/v1/bts-stations/{other.pk}").status_code == 404
    refused = client.post(
        "/api/v1/bts-stations",
        {
            "operator": other.operator_id,
            "site_code": "X1",
            "unit": "18880",
            "latitude": 17.4,
            "longitude": 106.6,
            "station_type": "rooftop",
        },
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert client.delete(f"/api/v1/bts-stations/{stations.filter(operator=own).first().pk}").status_code == 403


def test_roles_without_the_registry_get_403(now) -> None:
    assert bearer("bientap", now).get("/api/v1/bts-stations").status_code == 403
    assert bearer("canboxa", now).get("/api/v1/bts-stations").status_code == 403
    assert Client().get("/api/v1/bts-stations").status_code == 401


def test_list_api_and_page_query_counts_do_not_grow_with_rows(stations, now, django_assert_max_num_queries) -> None:
    client = bearer("chuyenvien", now)
    with django_assert_max_num_queries(8):
        client.get("/api/v1/bts-stations", {"limit": 30})
    page = Client()
    page.force_login(User.objects.get(username="chuyenvien"))
    with django_assert_max_num_queries(20):
        response = page.get("/co-so-du-lieu/bts-stations/")
    assert response.status_code == 200
    assert response.content.decode().count("/co-so-du-lieu/bts-stations/") > 25


def test_the_unit_filter_follows_the_2025_lineage(stations, now) -> None:
    client = bearer("chuyenvien", now)
    quang_tri_today = AdministrativeUnit.objects.get(code="44", valid_to__isnull=True)
    former_dong_hoi = AdministrativeUnit.objects.get(code="450", level=Level.DISTRICT)
    current_commune = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=True)

    in_quang_tri = client.get("/api/v1/bts-stations", {"unit": f"#{quang_tri_today.pk}"}).json()["count"]
    in_former_dong_hoi = client.get("/api/v1/bts-stations", {"unit": f"#{former_dong_hoi.pk}"}).json()["count"]
    in_current_commune = client.get("/api/v1/bts-stations", {"unit": f"#{current_commune.pk}"}).json()["count"]

    assert in_quang_tri == 30
    assert in_former_dong_hoi == 20
    assert in_current_commune == 20


def test_summary_can_be_drawn_in_todays_boundaries(stations, now) -> None:
    client = bearer("lanhdao", now)
    provinces = client.get("/api/v1/bts-stations/summary", {"level": "province", "structure": "current"}).json()
    assert {row["name"]: row["count"] for row in provinces} == {"Quảng Trị": 30}
    communes = client.get("/api/v1/bts-stations/summary", {"level": "commune", "structure": "current"}).json()
    assert {row["name"]: row["count"] for row in communes} == {"Phường Đồng Hới": 20, "Phường Ba Đồn": 10}
    assert client.get("/api/v1/bts-stations/summary", {"structure": "x"}).status_code == 422
