"""A registry spreadsheet imported back changes nothing: a former commune that shares its code and name with a
2025 commune stays the former one, and two organisations of one name stay apart."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ictmis.core import imports, registry
from ictmis.core.access import SYSTEM
from ictmis.core.registry_demo import upsert
from ictmis.core.registry_export import export_xlsx
from ictmis.parties.models import Organisation, OrganisationKind
from ictmis.telecom.models import BtsStation
from ictmis.units.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db

FIELDS = ("site_code", "unit_id", "operator_id", "version")


def _namesakes() -> tuple[AdministrativeUnit, AdministrativeUnit]:
    """A former commune and the 2025 commune that carries its code and name."""
    communes = AdministrativeUnit.objects.filter(level=Level.COMMUNE)
    current = {(u.code, u.name): u for u in communes.filter(valid_to__isnull=True)}
    for former in communes.filter(valid_to__isnull=False).order_by("code"):
        if (former.code, former.name) in current:
            return former, current[(former.code, former.name)]
    raise AssertionError("the unit data has no former commune sharing code and name with a 2025 commune")


def _station(site_code: str, unit: AdministrativeUnit, operator: Organisation, now) -> None:
    row = {"operator": operator, "site_code": site_code, "unit": unit, "latitude": 17.47, "longitude": 106.6,
           "station_type": "rooftop", "technologies": ["4G"]}  # fmt: skip
    upsert("bts-stations", [row], now=now)


def _export(tmp_path: Path, site_codes: list[str]) -> Path:
    spec = registry.get("bts-stations")
    path = tmp_path / "export.xlsx"
    path.write_bytes(export_xlsx(spec, BtsStation.objects.filter(site_code__in=site_codes), list(spec.columns)))
    return path


def _reimport(path: Path, now) -> dict[str, int]:
    spec = registry.get("bts-stations")
    validation = imports.validate(spec, path, actor=SYSTEM)
    assert validation.errors == []
    return imports.commit(spec, validation, actor=None, now=now)


def test_a_record_of_a_former_commune_namesake_of_a_2025_commune_imports_back_unchanged(tmp_path, now) -> None:
    former, current = _namesakes()
    operator = Organisation.objects.get(tax_code="4701234564")
    _station("NS-OLD", former, operator, now)
    _station("NS-NEW", current, operator, now)
    before = sorted(BtsStation.objects.filter(site_code__startswith="NS-").values_list(*FIELDS))
    path = _export(tmp_path, ["NS-OLD", "NS-NEW"])

    result = _reimport(path, now)

    assert result["unchanged"] == 2 and result["updated"] == 0
    assert sorted(BtsStation.objects.filter(site_code__startswith="NS-").values_list(*FIELDS)) == before
    units = [row[3] for row in load_workbook(io.BytesIO(path.read_bytes())).active.iter_rows(values_only=True)]
    assert f"{former.name} ({former.code}@{former.valid_from.isoformat()})" in units


def test_two_organisations_of_one_name_round_trip_by_their_tax_codes(tmp_path, now) -> None:
    commune = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=False)
    first = Organisation.objects.create(name="Công ty Viễn thông Trùng Tên", kind=OrganisationKind.ENTERPRISE,
                                        tax_code="0109999991")  # fmt: skip
    second = Organisation.objects.create(name="Công ty Viễn thông Trùng Tên", kind=OrganisationKind.ENTERPRISE,
                                         tax_code="0109999992")  # fmt: skip
    _station("TT-1", commune, first, now)
    _station("TT-2", commune, second, now)
    before = sorted(BtsStation.objects.filter(site_code__startswith="TT-").values_list(*FIELDS))

    result = _reimport(_export(tmp_path, ["TT-1", "TT-2"]), now)

    assert result["unchanged"] == 2 and result["updated"] == 0
    assert sorted(BtsStation.objects.filter(site_code__startswith="TT-").values_list(*FIELDS)) == before
    assert BtsStation.objects.get(site_code="TT-2").operator == second


def test_a_bare_name_two_organisations_carry_is_refused_naming_the_ambiguity(tmp_path, now) -> None:
    for tax_code in ("0109999991", "0109999992"):
        Organisation.objects.create(name="Công ty Hai Bản", kind=OrganisationKind.ENTERPRISE, tax_code=tax_code)
    header = [column.header_vi for column in registry.get("bts-stations").columns]
    row = {"Doanh nghiệp": "Công ty Hai Bản", "Mã trạm": "HB-1", "Mã đơn vị hành chính cấp xã": "18880",
           "Vĩ độ": 17.4, "Kinh độ": 106.6, "Loại trạm": "rooftop"}  # fmt: skip
    path = tmp_path / "hai-ban.csv"
    path.write_text(",".join(header) + "\n" + ",".join(str(row.get(h, "")) for h in header) + "\n", encoding="utf-8")

    validation = imports.validate(registry.get("bts-stations"), path, actor=SYSTEM)

    assert [(e.column, e.message) for e in validation.errors if e.column == "Doanh nghiệp"] == [
        ("Doanh nghiệp", "Có 2 tổ chức cùng tên “Công ty Hai Bản”: hãy ghi kèm mã số thuế, dạng “tên (mã số thuế)”.")
    ]
