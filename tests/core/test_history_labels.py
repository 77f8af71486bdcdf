"""The History tab names what changed as the form does: choice labels, related rows by name, Vietnamese kinds."""

from __future__ import annotations

import pytest
from django.utils import translation

from ictmis.core.history import history_of
from ictmis.core.registry_demo import upsert
from ictmis.parties.models import Organisation
from ictmis.telecom.models import BtsStation
from ictmis.units.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db


def test_a_change_reads_with_labels_and_names_not_keys(now) -> None:
    first, second = AdministrativeUnit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True).order_by("code")[:2]
    row = {"operator": Organisation.objects.get(tax_code="4701234564"), "site_code": "LS-1", "unit": first,
           "latitude": 17.47, "longitude": 106.6, "station_type": "rooftop", "technologies": ["4G"]}  # fmt: skip
    upsert("bts-stations", [row], now=now)
    upsert("bts-stations", [{**row, "unit": second, "station_type": "camouflaged"}], now=now)

    with translation.override("vi"):
        changed, created = history_of(BtsStation.objects.get(site_code="LS-1"))[:2]
        shown = {(str(c.old), str(c.new)) for c in changed.changes}

    assert (changed.kind, created.kind) == ("Sửa thông tin", "Tạo mới")
    assert (str(first), str(second)) in shown
    assert ("trạm lắp trên công trình xây dựng (loại 2)", "trạm ngụy trang") in shown
