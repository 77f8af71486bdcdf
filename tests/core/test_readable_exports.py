"""Spreadsheets read by people: communes and operators by name, the counts per unit when that is what is shown."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from ictmis.core import registry
from ictmis.core.registry_demo import upsert
from ictmis.parties.models import Organisation
from ictmis.telecom.models import BtsStation
from ictmis.units.models import AdministrativeUnit, Level
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


def _station(site_code: str, unit: AdministrativeUnit, now) -> None:
    operator = Organisation.objects.get(tax_code="4701234564")
    row = {"operator": operator, "site_code": site_code, "unit": unit, "latitude": 17.47, "longitude": 106.6,
           "station_type": "rooftop", "technologies": ["4G"]}  # fmt: skip
    upsert("bts-stations", [row], now=now)


def _sheet(content: bytes) -> list[list[object]]:
    return [list(row) for row in load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True)]


def test_the_registry_spreadsheet_names_communes_and_operators(now) -> None:
    former = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=False)
    _station("TEN-1", former, now)
    spec = registry.get("bts-stations")
    headers = {column.field: column.header_vi for column in spec.columns}

    rows = _sheet(logged_in("chuyenvien").get("/co-so-du-lieu/bts-stations/", {"export": "xlsx", "q": "TEN-1"}).content)

    record = dict(zip(rows[0], rows[1], strict=True))
    # a former commune carries the day it came into force (its code and name may be a 2025 commune's too)
    assert record[headers["unit"]] == f"{former.name} (18880@{former.valid_from.isoformat()})"
    assert record[headers["operator"]] == f"{Organisation.objects.get(tax_code='4701234564').name} (4701234564)"


def test_the_excel_button_of_the_counts_per_unit_exports_the_counts(now) -> None:
    commune = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=False)
    _station("DEM-1", commune, now)
    _station("DEM-2", commune, now)
    shown = {"summary": "1", "level": "commune", "q": "DEM-"}

    rows = _sheet(logged_in("chuyenvien").get("/co-so-du-lieu/bts-stations/", {**shown, "export": "xlsx"}).content)

    assert rows[0] == ["Đơn vị", "Mã đơn vị", "Số bản ghi"]
    assert rows[1] == [commune.name, "18880", 2]
    assert rows[-1] == ["Tổng cộng", None, 2]
    assert BtsStation.objects.filter(site_code__startswith="DEM-").count() == 2
