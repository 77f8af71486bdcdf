"""Build src/ictmis/units/data/units_2025_lineage.json.gz: the whole country's units before 1 July 2025, the lineage
of every former commune into the units of 2025, and a point (and area) for each unit.

Source: the data files of the `vietnamadminunits` package (MIT, a build-time dependency in the `dev` extra), read
directly (its SQLite dataset and its converter table; the package itself is not imported):
  - the 10,040 communes of the 63-province structure (with their district and province), with positions;
  - the 3,321 communes of 2025 with their positions and areas;
  - the mapping between them: a former commune that went whole into one new commune, or one divided between
    several new ones (with the new ones' areas).
Every code is checked against `vietnam-provinces`: the 2025 codes and names against the installed release, the
former codes against a pre-2025 release's nested-divisions.json when given (`--legacy`: pip download --no-deps
vietnam-provinces==0.6.0 and unzip it). A 2025 code that vietnam-provinces does not know, or knows under another
name, is replaced by the code of the only commune of the same name (tone-mark placement aside) in the same province
there, and listed; with no such single commune it is left out (no lineage, no point) and listed.
Every mismatch is listed in the file and on the console.

Usage: python tools/build_unit_lineage.py [--package-dir DIR] [--legacy nested-divisions.json] [--check]
(--check: build in memory and fail if the committed file's units, lineage or points differ.)
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sqlite3
import sys
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import vietnam_provinces

OUT = Path(__file__).resolve().parents[1] / "src/ictmis/units/data/units_2025_lineage.json.gz"
PROVINCE_TYPES = {"Thành phố": "thanh_pho_tw", "Tỉnh": "tinh"}
DISTRICT_TYPES = {"Thành phố": "thanh_pho", "Thị xã": "thi_xa", "Huyện": "huyen", "Quận": "quan"}
COMMUNE_TYPES = {"Phường": "phuong", "Thị trấn": "thi_tran", "Xã": "xa", "Đặc khu": "dac_khu"}
SHARE_PLACES = Decimal("0.0001")


def package_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    spec = importlib.util.find_spec("vietnamadminunits")  # locates it without running its imports
    if spec is None or not spec.submodule_search_locations:
        sys.exit("vietnamadminunits is not installed: pip install -e '.[dev]' (or pass --package-dir)")
    return Path(next(iter(spec.submodule_search_locations)))


def package_version(directory: Path) -> str:
    for info in directory.parent.glob("vietnamadminunits-*.dist-info"):
        return info.name.removeprefix("vietnamadminunits-").removesuffix(".dist-info")
    return "?"


def type_of(name: str, table: dict[str, str]) -> str:
    for prefix, code in table.items():
        if name.lower().startswith(prefix.lower() + " "):
            return code
    raise ValueError(f"unknown unit type: {name}")


TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def name_key(name: str) -> str:
    """A name compared without caring where the tone mark sits (Hòa = Hoà, Thủy = Thuỷ), nor case, dashes or the
    kind of apostrophe."""
    words = []
    for word in name.replace("’", "'").replace("–", " ").replace("-", " ").lower().split():
        letters = unicodedata.normalize("NFD", word)
        tones = "".join(c for c in letters if c in TONE_MARKS)
        words.append(unicodedata.normalize("NFC", "".join(c for c in letters if c not in TONE_MARKS)) + tones)
    return " ".join(words)


def fix(name: str) -> str:
    return name.replace("Thành Phố", "Thành phố")


def shares(areas: list[float]) -> list[str]:
    """Area shares that add up to exactly 1 (the largest takes the rounding)."""
    total = sum(areas)
    parts = [(Decimal(str(a)) / Decimal(str(total))).quantize(SHARE_PLACES, ROUND_HALF_EVEN) for a in areas]
    largest = max(range(len(areas)), key=lambda i: areas[i])
    parts[largest] += Decimal(1) - sum(parts)
    return [format(p, "f") for p in parts]


def build(directory: Path, legacy: Path | None) -> dict[str, Any]:
    db = sqlite3.connect(directory / "data" / "dataset.db")
    converter = json.loads((directory / "data" / "converter_2025.json").read_text(encoding="utf-8"))
    mismatches: list[str] = []

    current_codes = {f"{int(w.code):05d}": w for w in vietnam_provinces.Ward.iter_all()}
    current_provinces = {f"{int(p.code):02d}": p for p in vietnam_provinces.Province.iter_all()}
    by_name: dict[tuple[str, str], list[str]] = {}
    for code, ward in current_codes.items():
        by_name.setdefault((f"{int(ward.province_code):02d}", name_key(ward.name)), []).append(code)
    new_by_key: dict[tuple[str, str], str] = {}
    current: list[list[Any]] = []
    spelling = 0
    for pkey, wkey, code, name, pcode, lat, lon, area in db.execute(
        "SELECT provinceKey, wardKey, wardCode, ward, provinceCode, wardLat, wardLon, wardAreaKm2 "
        "FROM admin_units ORDER BY wardCode"
    ):
        known = current_codes.get(code)
        if known is not None and f"{int(known.province_code):02d}" == pcode and name_key(known.name) == name_key(name):
            spelling += int(known.name != name)
            accepted = code
        else:
            there = f"“{known.name}” there" if known is not None else "unknown there"
            candidates = by_name.get((pcode, name_key(name)), [])
            if len(candidates) != 1:
                mismatches.append(f"2025 commune {code} “{name}” ({there}): no single commune of that name in "
                                  f"province {pcode} of vietnam-provinces; left out")  # fmt: skip
                continue
            accepted = candidates[0]
            mismatches.append(f"2025 commune {code} “{name}” ({there}) is {accepted} in vietnam-provinces "
                              "(the only commune of that name in the province)")  # fmt: skip
        new_by_key[(pkey, wkey)] = accepted
        current.append([accepted, round(lat, 5), round(lon, 5), area])
    if spelling:
        print(f"{spelling} 2025 commune name(s) differ only in the place of the tone mark (Hòa/Hoà): same unit")
    taken = [row[0] for row in current]
    twice = sorted({c for c in taken if taken.count(c) > 1})
    mismatches.extend(f"2025 commune {code}: matched twice" for code in twice)
    missing = sorted(set(current_codes) - set(taken))
    mismatches.extend(f"2025 commune {code}: in vietnam-provinces, not in vietnamadminunits" for code in missing)
    new_provinces: dict[str, str] = {}
    current_province_points: list[list[Any]] = []
    for pkey, pcode, name, lat, lon in db.execute(
        "SELECT DISTINCT provinceKey, provinceCode, province, provinceLat, provinceLon FROM admin_units "
        "ORDER BY provinceCode"
    ):
        if pcode not in current_provinces:
            mismatches.append(f"2025 province {pcode} {name}: not in vietnam-provinces")
            continue
        new_provinces[pkey] = pcode
        current_province_points.append([pcode, round(lat, 5), round(lon, 5)])

    legacy_codes = _legacy_codes(legacy) if legacy else None
    provinces: dict[str, list[Any]] = {}
    districts: dict[str, list[Any]] = {}
    communes: list[list[Any]] = []
    old_by_key: dict[str, tuple[str, str]] = {}  # converter key → (code, level)
    rows = db.execute(
        "SELECT provinceKey, districtKey, wardKey, provinceCode, province, provinceLat, provinceLon, districtCode, "
        "district, districtLat, districtLon, wardCode, ward, wardLat, wardLon FROM admin_units_legacy "
        "ORDER BY provinceCode, districtCode, wardCode"
    )
    for pkey, dkey, wkey, pcode, pname, plat, plon, dcode, dname, dlat, dlon, wcode, wname, wlat, wlon in rows:
        pname, dname, wname = fix(pname), fix(dname), fix(wname or "")
        province_type = type_of(pname, PROVINCE_TYPES)
        provinces.setdefault(pcode, [pcode, pname, province_type, round(plat, 5), round(plon, 5), pkey])
        districts.setdefault(dcode, [dcode, dname, type_of(dname, DISTRICT_TYPES), pcode, round(dlat, 5),
                                     round(dlon, 5)])  # fmt: skip
        if wcode is None:  # an island district without communes: it becomes a 2025 unit itself
            old_by_key[f"{pkey}_{dkey}_"] = (dcode, "district")
            continue
        communes.append([wcode, wname, type_of(wname, COMMUNE_TYPES), dcode, round(wlat, 5), round(wlon, 5)])
        old_by_key[f"{pkey}_{dkey}_{wkey}"] = (wcode, "commune")
        if legacy_codes is not None:
            known_name = legacy_codes.get(("commune", wcode))
            if known_name is None:
                mismatches.append(f"former commune {wcode} {wname}: not in the pre-2025 vietnam-provinces")
            elif known_name != wname:
                mismatches.append(f"former commune {wcode}: named “{wname}” here, “{known_name}” there")
    if legacy_codes is not None:
        for code, row in districts.items():
            if ("district", code) not in legacy_codes:
                mismatches.append(f"former district {code} {row[1]}: not in the pre-2025 vietnam-provinces")
        for code, row in provinces.items():
            if ("province", code) not in legacy_codes:
                mismatches.append(f"former province {code} {row[1]}: not in the pre-2025 vietnam-provinces")

    province_lineage = []
    for new_key, old_keys in sorted(converter["DICT_PROVINCE"].items()):
        for old_key in old_keys:
            old = next((code for code, row in provinces.items() if row[5] == old_key), None)
            if old is None or new_key not in new_provinces:
                mismatches.append(f"province lineage {old_key} → {new_key}: a side is unknown")
                continue
            province_lineage.append([old, new_provinces[new_key]])

    lineage: list[list[Any]] = []
    for new_province, by_new in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_key, old_keys in by_new.items():
            new_code = new_by_key.get((new_province, new_key))
            for old_key in old_keys:
                old = old_by_key.get(old_key)
                if new_code is None or old is None:
                    mismatches.append(f"lineage {old_key} → {new_province}/{new_key}: a side is unknown or rejected")
                    continue
                lineage.append([old[0], old[1], new_code, "1", True])
    for new_province, by_old in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in by_old.items():
            old = old_by_key.get(old_key)
            targets = [(new_by_key.get((new_province, p["newWardKey"])), p) for p in parts]
            if old is None or any(code is None for code, _p in targets):
                mismatches.append(f"divided {old_key} → {[p['newWardKey'] for p in parts]}: a side is unknown")
                continue
            areas = [p["newWardAreaKm2"] or 0.0 for p in parts]
            if not all(areas):  # no area to weigh by: the whole goes to the default successor
                mismatches.append(f"divided {old_key}: a new commune has no area; all of it goes to the default one")
                areas = [1.0 if p["isDefaultNewWard"] else 0.0 for p in parts]
            for (code, part), share in zip(targets, shares(areas), strict=True):
                lineage.append([old[0], old[1], code, share, bool(part["isDefaultNewWard"])])
    lineage.sort(key=lambda r: (r[0], r[2]))

    return {
        "source": f"vietnamadminunits {package_version(directory)} (MIT); mã số đối chiếu với vietnam-provinces "
        f"{vietnam_provinces.__version__}",
        "valid_from": "2014-01-01",
        "valid_to": "2025-07-01",
        "legal_basis": "Nghị quyết 202/2025/QH15; các nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị "
        "hành chính cấp xã năm 2025; Quyết định 19/2025/QĐ-TTg (mã số đơn vị hành chính)",
        "share_rule": "A former commune divided between several new communes: each new commune's share is its area "
        "over the sum of the areas of the new communes it went into (the package gives the new communes' areas, "
        "not the parts'); shares add up to 1.",
        "columns": {
            "provinces": ["code", "name", "type", "latitude", "longitude"],
            "districts": ["code", "name", "type", "province", "latitude", "longitude"],
            "communes": ["code", "name", "type", "district", "latitude", "longitude"],
            "current_communes": ["code", "latitude", "longitude", "area_km2"],
            "current_provinces": ["code", "latitude", "longitude"],
            "lineage": ["from", "from_level", "to", "share", "default"],
            "province_lineage": ["from", "to"],
        },
        "provinces": [row[:5] for row in provinces.values()],
        "districts": list(districts.values()),
        "communes": communes,
        "current_communes": current,
        "current_provinces": current_province_points,
        "lineage": lineage,
        "province_lineage": province_lineage,
        "mismatches": mismatches,
    }


def _legacy_codes(path: Path) -> dict[tuple[str, str], str]:
    """(level, code) → name in a pre-2025 vietnam-provinces nested-divisions.json."""
    codes: dict[tuple[str, str], str] = {}
    for province in json.loads(path.read_text(encoding="utf-8")):
        codes[("province", f"{province['code']:02d}")] = province["name"]
        for district in province["districts"]:
            codes[("district", f"{district['code']:03d}")] = district["name"]
            for ward in district["wards"]:
                codes[("commune", f"{ward['code']:05d}")] = ward["name"]
    return codes


def same_data(committed: dict[str, Any], built: dict[str, Any]) -> bool:
    """The same units, lineage and points (the mismatch list depends on --legacy, so it is not compared)."""
    return {k: v for k, v in committed.items() if k != "mismatches"} == {
        k: v for k, v in json.loads(json.dumps(built)).items() if k != "mismatches"
    }


def encode(document: dict[str, Any]) -> bytes:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package-dir", help="the vietnamadminunits package folder (default: the installed one)")
    parser.add_argument("--legacy", type=Path, help="nested-divisions.json of a pre-2025 vietnam-provinces release")
    parser.add_argument("--check", action="store_true", help="fail if the committed file is not what a build gives")
    args = parser.parse_args()
    document = build(package_dir(args.package_dir), args.legacy)
    for line in document["mismatches"]:
        print(f"MISMATCH {line}")
    data = encode(document)
    summary = (
        f"{len(document['provinces'])} former provinces, {len(document['districts'])} districts, "
        f"{len(document['communes'])} communes; {len(document['current_communes'])} communes of 2025; "
        f"{len(document['lineage'])} lineage links; {len(document['mismatches'])} mismatch(es)"
    )
    if args.check:
        if not OUT.exists() or not same_data(json.loads(gzip.decompress(OUT.read_bytes())), document):
            sys.exit(f"{OUT.name} differs from a fresh build ({summary})")
        print(f"{OUT.name} is up to date: {summary}")
        return
    OUT.write_bytes(data)
    print(f"{summary} -> {OUT} ({len(data) // 1024} KiB)")


if __name__ == "__main__":
    main()
