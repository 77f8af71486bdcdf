import datetime as dt

import pytest

from ictmis.core.models import Event
from ictmis.core.registry_demo import upsert
from ictmis.postal.models import MonthlyActivity, PostOfficePoint
from ictmis.postal.services import record_monthly_activity
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_one_row_per_month_and_corrections_replace_it(commune_officer, now) -> None:
    unit = AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=False)
    upsert("post-offices", [{"code": "A1", "name": "Điểm A1", "unit": unit}], now=now)
    point = PostOfficePoint.objects.get(code="A1")

    record_monthly_activity(
        point=point, month=dt.date(2019, 6, 17), readers=300, internet_users=40, revenue=1_250_000,
        actor=commune_officer, now=now,
    )  # fmt: skip
    record_monthly_activity(
        point=point, month=dt.date(2019, 6, 1), readers=320, internet_users=41, revenue=1_300_000,
        actor=commune_officer, now=now,
    )  # fmt: skip

    rows = list(MonthlyActivity.objects.filter(point=point))
    assert [(r.month, r.readers, r.revenue) for r in rows] == [(dt.date(2019, 6, 1), 320, 1_300_000)]
    assert Event.objects.filter(verb="postal.activity.recorded", object_id=str(point.pk)).count() == 2


def test_a_commune_officer_sees_and_files_only_their_communes_records(commune_officer, now) -> None:
    from django.test import Client

    from ictmis.core import registry, registry_selectors

    own = AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=False)
    other = AdministrativeUnit.objects.get(code="19009", level="commune", valid_to__isnull=False)
    upsert("post-offices", [{"code": "OWN", "name": "Điểm của xã", "unit": own}], now=now)
    upsert("post-offices", [{"code": "OTHER", "name": "Điểm xã khác", "unit": other}], now=now)

    seen = registry_selectors.records_for(registry.get("post-offices"), commune_officer)
    assert set(seen.values_list("code", flat=True)) == {"OWN"}

    client = Client()
    client.force_login(commune_officer)
    form = {
        "code": "NEW",
        "name": "Điểm mới",
        "unit": other.pk,
        "building_type": "own",
        "staff": 1,
        "books": 0,
        "newspaper_titles": 0,
        "computers": 0,
        "status": "active",
    }
    response = client.post("/co-so-du-lieu/post-offices/them/", form)
    assert response.status_code == 200
    assert "nằm ngoài các đơn vị thuộc phạm vi phụ trách" in response.content.decode()
    assert not PostOfficePoint.objects.filter(code="NEW").exists()
