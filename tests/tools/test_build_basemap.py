"""The offline base layer (tools/build_basemap.py → static/ictmis/basemap/vietnam.json): Hoàng Sa and Trường Sa
are drawn as Viet Nam's with their Vietnamese names, nothing attributes them to another country, and every
province seat is there."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import vietnam_provinces

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "src/ictmis/static/ictmis/basemap/vietnam.json"
SOURCE = ROOT / "node_modules/world-atlas/countries-10m.json"
VIETNAM = "704"
# (west, south, east, north), drawn independently of the script's own areas
HOANG_SA = (111.0, 15.5, 113.0, 17.2)
TRUONG_SA = (111.5, 7.5, 116.5, 11.7)
OTHER_NAMES = ("paracel", "spratly", "xisha", "nansha", "kalayaan", "south china sea", "scarborough")


def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_basemap", ROOT / "tools/build_basemap.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def features() -> list[dict[str, Any]]:
    return json.loads(BUILT.read_text(encoding="utf-8"))["features"]


def vietnam_feature() -> dict[str, Any]:
    (vietnam,) = [
        f for f in features() if f["properties"].get("iso") == VIETNAM and f["properties"]["kind"] == "country"
    ]
    return vietnam


def polygons(feature: dict[str, Any]) -> list[list[list[list[float]]]]:
    geometry = feature["geometry"]
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else []


def in_box(point: list[float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def inside(point: list[float], ring: list[list[float]]) -> bool:
    x, y = point
    result = False
    for (xi, yi), (xj, yj) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            result = not result
    return result


def test_the_committed_layer_is_what_the_script_builds_from_the_npm_package(tmp_path: Path) -> None:
    out = tmp_path / "vietnam.json"
    tool().main(["build_basemap.py", str(SOURCE), str(out)])
    assert out.read_bytes() == BUILT.read_bytes()


def test_the_source_gives_the_paracels_to_another_country_so_the_script_must_fix_it() -> None:
    topology = json.loads(SOURCE.read_text(encoding="utf-8"))
    module = tool()
    arcs = module.decode_arcs(topology)
    holders = {
        geometry.get("id")
        for geometry in topology["objects"]["countries"]["geometries"]
        for polygon in module.polygons_of(geometry, arcs)
        if all(in_box(list(p), HOANG_SA) for p in polygon[0])
    }
    assert holders and VIETNAM not in holders


def test_hoang_sa_and_truong_sa_are_drawn_as_part_of_vietnam() -> None:
    vietnam = vietnam_feature()
    assert vietnam["properties"]["name"] == "Việt Nam"
    for box in (HOANG_SA, TRUONG_SA):
        islands = [p for p in polygons(vietnam) if all(in_box(point, box) for point in p[0])]
        assert len(islands) >= 5, box


def test_no_other_feature_covers_the_archipelagos_or_names_them_otherwise() -> None:
    for feature in features():
        if feature["properties"].get("iso") == VIETNAM:
            continue
        for polygon in polygons(feature):
            for ring in polygon:
                assert not any(in_box(p, HOANG_SA) or in_box(p, TRUONG_SA) for p in ring), feature["properties"]
    text = BUILT.read_text(encoding="utf-8").lower()
    assert not [name for name in OTHER_NAMES if name in text]


def test_the_archipelagos_and_the_east_sea_are_labelled_in_vietnamese() -> None:
    labels = {f["properties"]["name"]: f for f in features() if f["properties"]["kind"] in {"archipelago", "sea"}}
    assert set(labels) == {"Quần đảo Hoàng Sa", "Quần đảo Trường Sa", "Biển Đông"}
    hoang_sa, truong_sa = labels["Quần đảo Hoàng Sa"], labels["Quần đảo Trường Sa"]
    assert in_box(hoang_sa["geometry"]["coordinates"], HOANG_SA)
    assert in_box(truong_sa["geometry"]["coordinates"], TRUONG_SA)
    assert hoang_sa["properties"]["iso"] == truong_sa["properties"]["iso"] == VIETNAM
    assert "Đà Nẵng" in hoang_sa["properties"]["part_of"]
    assert "Khánh Hòa" in truong_sa["properties"]["part_of"]


def test_the_capital_and_every_province_seat_are_placed_on_vietnamese_land() -> None:
    places = [f for f in features() if f["properties"]["kind"] in {"capital", "seat"}]
    provinces = {
        f"{p.code.value:02d}": p.name.removeprefix("Thành phố ") for p in vietnam_provinces.Province.iter_all()
    }
    assert {f["properties"]["code"]: f["properties"]["name"] for f in places} == provinces
    assert len(places) == 34
    (capital,) = [f for f in places if f["properties"]["kind"] == "capital"]
    assert capital["properties"]["name"] == "Hà Nội"
    vietnam = vietnam_feature()
    for place in places:
        point = place["geometry"]["coordinates"]
        assert any(inside(point, polygon[0]) for polygon in polygons(vietnam)), place["properties"]
