"""Rebuild units/data/quang_binh_before_2025.json from a pre-2025 `vietnam-provinces` release.

Usage: pip download --no-deps -d /tmp/vp vietnam-provinces==0.6.0 && unzip -d /tmp/vp /tmp/vp/*.whl
       python tools/extract_quang_binh.py /tmp/vp/vietnam_provinces/data/nested-divisions.json
The lineage entries pair an old commune with the 2025 unit that kept its code (Decision 19/2025/QĐ-TTg
gives a merged unit the code of one of the units it was formed from); other lineage is not known here.
"""

import json
import sys
from pathlib import Path

import vietnam_provinces

OUT = Path(__file__).resolve().parents[1] / "src/ictmis/units/data/quang_binh_before_2025.json"
DISTRICT_TYPES = {"Thành phố": "thanh_pho", "Thị xã": "thi_xa", "Huyện": "huyen", "Quận": "quan"}
COMMUNE_TYPES = {"Phường": "phuong", "Thị trấn": "thi_tran", "Xã": "xa"}


def kind(name: str, table: dict[str, str]) -> str:
    for prefix, code in table.items():
        if name.lower().startswith(prefix.lower()):
            return code
    raise ValueError(name)


def fix(name: str) -> str:
    return name.replace("Thành Phố", "Thành phố")


def main(source: str) -> None:
    old = json.loads(Path(source).read_text(encoding="utf-8"))
    qb = next(p for p in old if p["code"] == 44)
    new_codes = {w.code for w in vietnam_provinces.Ward.iter_by_province(vietnam_provinces.ProvinceCode(44))}
    units = [{"code": "44", "name": fix(qb["name"]), "type": "tinh", "level": "province", "parent": None}]
    lineage = [{"from": "44", "from_level": "province", "to": "44", "to_level": "province", "kind": "merged"}]
    for district in qb["districts"]:
        dcode = f"{district['code']:03d}"
        dname = fix(district["name"])
        units.append(
            {
                "code": dcode,
                "name": dname,
                "type": kind(dname, DISTRICT_TYPES),
                "level": "district",
                "parent": "44",
            }
        )
        for ward in district["wards"]:
            wcode = f"{ward['code']:05d}"
            units.append(
                {
                    "code": wcode,
                    "name": fix(ward["name"]),
                    "type": kind(ward["name"], COMMUNE_TYPES),
                    "level": "commune",
                    "parent": dcode,
                }
            )
            if ward["code"] in new_codes:
                lineage.append(
                    {
                        "from": wcode,
                        "from_level": "commune",
                        "to": wcode,
                        "to_level": "commune",
                        "kind": "merged",
                    }
                )
    document = {
        "source": "vietnam-provinces 0.6.0 (dữ liệu trước sắp xếp năm 2025)",
        "valid_from": "2014-01-01",
        "valid_to": "2025-07-01",
        "legal_basis": "Nghị quyết 202/2025/QH15; Quyết định 19/2025/QĐ-TTg (mã số đơn vị hành chính)",
        "note": "valid_from is the start of the period this snapshot serves in the project, not a founding date",
        "units": units,
        "lineage": lineage,
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(units)} units, {len(lineage)} lineage links -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
