"""An import writes the same records and history rows as the same rows saved one by one through the forms
(the services behind them), and the database's constraints remain the last guard of its writes.

Compared field by field: every column of the record and of its history row, except the ones that cannot
be equal between two saves made at different moments: the keys (`id`, `history_id`, the history row's
record `id`) and the clock columns (`created_at`, `updated_at`, `history_date`).
"""

import csv
import dataclasses
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.db.models import F

from ictmis.core import imports, registry
from ictmis.core.registry_import import ConcurrentWriteError
from ictmis.parties.models import Organisation
from ictmis.telecom.models import BtsStation
from ictmis.units.models import AdministrativeUnit
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db(transaction=False)

CLOCK_AND_KEYS = {"id", "history_id", "created_at", "updated_at", "history_date"}
HEADER = ["Doanh nghiệp", "Mã trạm", "Tên trạm", "Mã đơn vị hành chính cấp xã", "Địa chỉ", "Vĩ độ", "Kinh độ",
          "Loại trạm", "Chiều cao cột (m)", "Công nghệ", "Số giấy phép xây dựng", "Ngày cấp phép xây dựng",
          "Căn cứ miễn giấy phép", "Phù hợp quy hoạch", "Ngày đưa vào hoạt động", "Trạng thái", "Ghi chú"]  # fmt: skip
STATIONS = [
    {"site_code": "EQ001", "name": "Nhật Lệ", "address": "12 Quang Trung", "latitude": "17.4689",
     "longitude": "106.6223", "station_type": "rooftop", "mast_height": "15", "technologies": ["4G", "5G"],
     "permit_number": "", "permit_date": None, "permit_exemption": "", "plan_conformity": True,
     "commissioned_on": "2020-03-01", "status": "active", "notes": "Trạm thử"},
    {"site_code": "EQ002", "name": "", "address": "", "latitude": "17.45", "longitude": "106.63",
     "station_type": "ground_mast", "mast_height": "", "technologies": ["2G"], "permit_number": "12/GPXD",
     "permit_date": "2019-01-05", "permit_exemption": "", "plan_conformity": False, "commissioned_on": None,
     "status": "planned", "notes": ""},
]  # fmt: skip
TAX_CODE = "4701234564"
COMMUNE = "18880"


def _commune() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=COMMUNE, valid_to__isnull=True)


def _sheet(path: Path, stations: list[dict[str, Any]]) -> Path:
    def day(iso: str | None) -> str:
        return "/".join(reversed(iso.split("-"))) if iso else ""

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for s in stations:
            writer.writerow(
                [TAX_CODE, s["site_code"], s["name"], COMMUNE, s["address"], s["latitude"], s["longitude"],
                 s["station_type"], s["mast_height"], ", ".join(s["technologies"]), s["permit_number"],
                 day(s["permit_date"]), s["permit_exemption"], "có" if s["plan_conformity"] else "không",
                 day(s["commissioned_on"]), s["status"], s["notes"]]
            )  # fmt: skip
    return path


def _form_data(station: dict[str, Any], version: int | None = None) -> dict[str, Any]:
    data = {
        **{k: v for k, v in station.items() if k not in ("technologies", "plan_conformity") and v is not None},
        "operator": Organisation.objects.get(tax_code=TAX_CODE).pk,
        "unit": _commune().pk,
        "technologies": station["technologies"],
    }
    if station["plan_conformity"]:
        data["plan_conformity"] = "on"
    if version is not None:
        data["version"] = version
    return data


def _snapshot() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    records = BtsStation.all_objects if hasattr(BtsStation, "all_objects") else BtsStation.objects
    rows = [
        {k: v for k, v in values.items() if k not in CLOCK_AND_KEYS}
        for values in records.filter(site_code__startswith="EQ").order_by("site_code").values()
    ]
    history = [
        {k: v for k, v in values.items() if k not in CLOCK_AND_KEYS}
        for values in BtsStation.history.filter(site_code__startswith="EQ").order_by("site_code", "history_id").values()  # type: ignore[attr-defined]
    ]
    return rows, history


def _imported(tmp_path: Path, stations: list[dict[str, Any]], actor: Any, now: Any) -> dict[str, int]:
    validation, counts = imports.import_file(
        registry.get("bts-stations"), _sheet(tmp_path / "eq.csv", stations), actor=actor, now=now
    )
    assert validation.errors == []
    assert counts is not None
    return counts


def test_an_import_writes_the_records_and_history_rows_the_forms_write(tmp_path, specialist, now) -> None:
    with transaction.atomic():
        _imported(tmp_path, STATIONS, specialist, now)
        by_import = _snapshot()
        transaction.set_rollback(True)
    client = logged_in("chuyenvien")
    for station in STATIONS:
        response = client.post("/co-so-du-lieu/bts-stations/them/", _form_data(station))
        assert response.status_code == 302, response.content.decode()[:2000]

    by_forms = _snapshot()

    assert len(by_import[0]) == len(STATIONS) and len(by_import[1]) == len(STATIONS)
    assert by_import == by_forms


def test_an_import_that_changes_records_writes_what_form_edits_write(tmp_path, specialist, now) -> None:
    _imported(tmp_path, STATIONS, specialist, now)
    changed = [
        {**STATIONS[0], "name": "Nhật Lệ 2", "technologies": ["5G"], "mast_height": "21", "plan_conformity": False},
        {**STATIONS[1], "status": "active", "commissioned_on": "2024-05-02"},
    ]
    with transaction.atomic():
        counts = _imported(tmp_path, changed, specialist, now)
        by_import = _snapshot()
        transaction.set_rollback(True)
    client = logged_in("chuyenvien")
    for station in changed:
        record = BtsStation.objects.get(site_code=station["site_code"])
        response = client.post(f"/co-so-du-lieu/bts-stations/{record.pk}/sua/", _form_data(station, record.version))
        assert response.status_code == 302, response.content.decode()[:2000]

    by_forms = _snapshot()

    assert counts["updated"] == 2
    assert [row["version"] for row in by_import[0]] == [2, 2]
    assert len(by_import[1]) == 2 * len(STATIONS)
    assert by_import == by_forms


def test_a_key_taken_by_another_writer_after_the_check_fails_the_whole_import_naming_the_row(
    tmp_path, specialist, now
) -> None:
    spec = registry.get("bts-stations")
    operator = Organisation.objects.get(tax_code=TAX_CODE)

    def meanwhile(values: dict[str, Any]) -> dict[str, str]:
        """Another writer files EQ002 after the engine has read the block's stored keys."""
        if values["site_code"] == "EQ002" and not BtsStation.objects.filter(site_code="EQ002").exists():
            BtsStation.objects.create(
                operator=operator, site_code="EQ002", unit=_commune(), latitude=17.45, longitude=106.63,
                station_type="rooftop",
            )  # fmt: skip
        return {}

    racing = dataclasses.replace(spec, row_rules=meanwhile)
    path = _sheet(tmp_path / "race.csv", STATIONS)

    with pytest.raises(ConcurrentWriteError, match="Dòng 3"):
        imports.import_file(racing, path, actor=specialist, now=now)

    assert not BtsStation.objects.filter(site_code="EQ001").exists()
    assert BtsStation.history.filter(site_code="EQ001").count() == 0  # type: ignore[attr-defined]


def test_a_record_edited_by_someone_else_after_the_check_stops_the_import_instead_of_being_overwritten(
    tmp_path, specialist, now
) -> None:
    _imported(tmp_path, STATIONS, specialist, now)
    spec = registry.get("bts-stations")
    edited: list[str] = []

    def meanwhile(values: dict[str, Any]) -> dict[str, str]:
        """A specialist saves EQ002 through its form after the engine has read the block's stored records."""
        if values["site_code"] == "EQ002" and not edited:
            BtsStation.objects.filter(site_code="EQ002").update(name="Sửa tay", version=F("version") + 1)
            edited.append("EQ002")
        return {}

    racing = dataclasses.replace(spec, row_rules=meanwhile)
    changed = [{**station, "name": f"{station['name']} mới"} for station in STATIONS]
    path = _sheet(tmp_path / "race-edit.csv", changed)

    with pytest.raises(ConcurrentWriteError, match="Dòng 3"):
        imports.import_file(racing, path, actor=specialist, now=now)

    # (the other writer's edit ran on the import's own connection here, so it was undone with the import)
    assert not BtsStation.objects.filter(name__contains="mới").exists()
    assert BtsStation.objects.get(site_code="EQ001").name == "Nhật Lệ"
