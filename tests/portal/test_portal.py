import csv
import io
import json
import time

import pytest
from django.core import signing
from django.test import Client
from openpyxl import load_workbook

from ictmis.core.registry_demo import upsert
from ictmis.parties.models import Organisation
from ictmis.portal import services
from ictmis.portal.forms import SALT
from ictmis.portal.models import Feedback
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def station(now):
    unit = AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=True)
    upsert(
        "bts-stations",
        [
            {
                "operator": Organisation.objects.get(tax_code="4701234564"),
                "site_code": "PUB1",
                "name": "Trạm công khai",
                "unit": unit,
                "latitude": 17.47,
                "longitude": 106.6,
                "station_type": "ground_mast",
                "technologies": ["4G"],
                "permit_number": "99/GPXD-BI-MAT",
                "notes": "ghi chú nội bộ",
            }
        ],
        now=now,
    )


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_public_register_is_readable_without_login_and_hides_sensitive_fields(station) -> None:
    page = Client().get("/cong-thong-tin/so-lieu/bts-stations/", {"q": "tram cong khai"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "PUB1" in html
    assert "99/GPXD-BI-MAT" not in html
    assert "ghi chú nội bộ" not in html


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "geojson"])
def test_open_data_downloads_parse_and_hold_no_sensitive_field(station, fmt) -> None:
    response = Client().get(f"/cong-thong-tin/du-lieu-mo/bts-stations.{fmt}")
    assert response.status_code == 200
    content = body(response)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert rows[0][:2] == ["Doanh nghiệp", "Mã trạm"]
        assert [r[1] for r in rows[1:]] == ["PUB1"]
    elif fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["PUB1"]
    elif fmt == "json":
        assert [row["site_code"] for row in json.loads(content)] == ["PUB1"]
    else:
        features = json.loads(content)["features"]
        assert features[0]["geometry"]["coordinates"] == [106.6, 17.47]
    assert b"99/GPXD-BI-MAT" not in content
    assert "ghi chú nội bộ".encode() not in content


def test_dcat_catalogue_lists_every_register_with_its_downloads(station) -> None:
    catalogue = Client().get("/cong-thong-tin/du-lieu-mo/catalog.json").json()
    assert catalogue["@type"] == "dcat:Catalog"
    identifiers = {d["dct:identifier"] for d in catalogue["dcat:dataset"]}
    assert identifiers == {
        "post-offices",
        "radio-stations",
        "bts-stations",
        "internet-points",
        "licences",
        "programme-progress",
        "sanction-decisions",
    }
    bts = next(d for d in catalogue["dcat:dataset"] if d["dct:identifier"] == "bts-stations")
    assert {d["dct:format"] for d in bts["dcat:distribution"]} == {"CSV", "XLSX", "JSON", "GEOJSON"}
    assert bts["dct:modified"]


def test_public_map_data_clusters_without_login(station) -> None:
    data = Client().get("/cong-thong-tin/so-lieu/bts-stations/ban-do.json", {"zoom": 16, "with_bounds": 1}).json()
    assert data["features"][0]["properties"]["title"] == "PUB1"
    assert Client().get("/cong-thong-tin/so-lieu/bts-stations/ban-do.json", {"bbox": "x"}).status_code == 422


def contact_form(**changes) -> dict:
    issued = signing.dumps(time.time() - 10, salt=SALT)
    form = {
        "name": "Nguyễn Văn An",
        "contact": "an@example.vn",
        "subject": "Sóng yếu",
        "message": "Sóng 4G ở thôn yếu.",
        "website": "",
        "issued": issued,
    }
    form.update(changes)
    return form


def test_a_visitor_sends_feedback_and_staff_see_it(specialist) -> None:
    response = Client().post("/cong-thong-tin/lien-he/", contact_form(), follow=True)
    assert response.status_code == 200
    feedback = Feedback.objects.get(subject="Sóng yếu")
    assert feedback.status == Feedback.Status.NEW
    staff = Client()
    staff.force_login(specialist)
    assert "Sóng yếu" in staff.get("/hop-thu-gop-y/").content.decode()
    staff.post(
        f"/hop-thu-gop-y/{feedback.pk}/", {"status": "answered", "reply_note": "Đã chuyển doanh nghiệp", "version": 1}
    )
    assert Feedback.objects.get(pk=feedback.pk).status == Feedback.Status.ANSWERED


@pytest.mark.parametrize("kind", ["honeypot filled", "sent at once", "forged time stamp"])
def test_spam_is_refused_and_nothing_is_stored(kind) -> None:
    changes = {
        "honeypot filled": {"website": "http://spam.example"},
        "sent at once": {"issued": signing.dumps(time.time(), salt=SALT)},
        "forged time stamp": {"issued": "forged"},
    }[kind]
    response = Client().post("/cong-thong-tin/lien-he/", contact_form(**changes))
    assert response.status_code == 200
    assert 'data-testid="form-errors"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_contact_is_required_to_answer() -> None:
    response = Client().post("/cong-thong-tin/lien-he/", contact_form(contact="không có"))
    assert "contact_errors" in response.content.decode()
    assert not Feedback.objects.exists()


def test_one_address_is_limited_per_hour(now) -> None:
    for number in range(services.FEEDBACK_PER_HOUR):
        services.submit_feedback(
            name="A", contact="a@b.vn", subject=f"S{number}", message="m", address="1.2.3.4", now=now
        )
    with pytest.raises(services.DomainError):
        services.submit_feedback(name="A", contact="a@b.vn", subject="S9", message="m", address="1.2.3.4", now=now)
    services.submit_feedback(name="B", contact="b@b.vn", subject="other", message="m", address="5.6.7.8", now=now)
    assert Feedback.objects.count() == services.FEEDBACK_PER_HOUR + 1


def test_the_licence_register_is_an_open_dataset(now) -> None:
    import csv
    import io
    import json

    from ictmis.accounts.models import User
    from ictmis.licensing import services as licensing

    specialist = User.objects.get(username="chuyenvien")
    licensing.record_existing_licence(
        family_key="website", number="3/GP-STTTT", holder=Organisation.objects.get(tax_code="4701234564"),
        valid_from=now.date(), valid_until=now.date().replace(year=now.year + 5), actor=specialist, now=now,
        particulars={"domains": ["mo.vn"], "server_location": "Đồng Hới", "responsible_person": "An"},
    )  # fmt: skip
    client = Client()
    assert "mo.vn" in client.get("/cong-thong-tin/du-lieu-mo/licences.csv").content.decode("utf-8-sig")
    rows = list(
        csv.reader(io.StringIO(client.get("/cong-thong-tin/du-lieu-mo/licences.csv").content.decode("utf-8-sig")))
    )
    assert rows[0][0] == "Số giấy phép" and rows[1][:2] == ["3/GP-STTTT", str(now.year)]
    data = json.loads(b"".join(client.get("/cong-thong-tin/du-lieu-mo/licences.json").streaming_content))
    assert data[0]["domains"] == "mo.vn" and data[0]["status"] == "active"
    assert client.get("/cong-thong-tin/du-lieu-mo/licences.geojson").status_code == 404
    catalogue = client.get("/cong-thong-tin/du-lieu-mo/catalog.json").json()
    assert "licences" in [d["dct:identifier"] for d in catalogue["dcat:dataset"]]
