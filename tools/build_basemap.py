"""Build the offline base layer of every map: src/ictmis/static/ictmis/basemap/vietnam.json.

Usage: python tools/build_basemap.py [node_modules/world-atlas/countries-10m.json] [OUT]

Reads Natural Earth's 1:10m countries as packaged by the npm package `world-atlas` (installed by
`make assets`), keeps the countries around Viet Nam (clipped to REGION, simplified, rounded to about
100 m) and writes a GeoJSON FeatureCollection with:

- `kind: country` polygons: Viet Nam (`iso: "704"`, `name: "Việt Nam"`) and its neighbours (`iso` only,
  no name: the layer labels nothing abroad);
- `kind: archipelago` label points: Quần đảo Hoàng Sa (thành phố Đà Nẵng) and Quần đảo Trường Sa
  (tỉnh Khánh Hòa);
- `kind: sea` label point: Biển Đông;
- `kind: capital` / `kind: seat` points: Hà Nội and the seats of the other 33 provinces (Resolution
  202/2025/QH15), at the centre of the seat's town, to about a kilometre.

Natural Earth draws the de facto situation: the Paracel islands as part of China and the Spratly islands as
a feature of no country. Vietnamese law (the Law on Surveying and Mapping and its decrees) requires a map
published in Viet Nam to show the Hoàng Sa and Trường Sa archipelagos as Vietnamese, so every polygon
lying inside either archipelago's area is taken from whichever feature holds it and added to Viet Nam, and
features of no country are dropped. tests/tools/test_build_basemap.py checks the result.

The output is committed (small, and the same bytes for the same input): run this again after upgrading
`world-atlas` or editing the tables below.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "node_modules/world-atlas/countries-10m.json"
OUT = ROOT / "src/ictmis/static/ictmis/basemap/vietnam.json"

Point = tuple[float, float]  # (longitude, latitude)
Ring = list[Point]
Polygon = list[Ring]  # outer ring, then holes

# What the layer covers (west, south, east, north): Viet Nam, its neighbours and the East Sea.
REGION = (92.0, 0.0, 126.0, 30.0)
VIETNAM = "704"
# Simplification tolerance in degrees: finer for Viet Nam's own outline and islands.
TOLERANCE = {VIETNAM: 0.004}
TOLERANCE_ABROAD = 0.015
DIGITS = 3  # ~100 m

# The archipelagos' areas (longitude, latitude rings). Every polygon wholly inside one belongs to Viet Nam.
HOANG_SA_AREA: Ring = [(110.6, 15.3), (113.3, 15.3), (113.3, 17.4), (110.6, 17.4)]
TRUONG_SA_AREA: Ring = [(111.3, 6.8), (114.3, 6.8), (116.8, 8.3), (116.8, 10.8), (116.0, 12.0), (111.3, 12.0)]


class Archipelago(NamedTuple):
    name: str
    part_of: str
    area: Ring
    at: Point  # where the label goes


ARCHIPELAGOS = [
    Archipelago("Quần đảo Hoàng Sa", "thành phố Đà Nẵng", HOANG_SA_AREA, (112.05, 16.75)),
    Archipelago("Quần đảo Trường Sa", "tỉnh Khánh Hòa", TRUONG_SA_AREA, (114.4, 9.45)),
]
SEAS: list[tuple[str, Point]] = [("Biển Đông", (113.6, 13.4))]

# The 34 provinces since 1 July 2025 (code, name, seat, longitude, latitude); the capital first.
PROVINCES: list[tuple[str, str, str, float, float]] = [
    ("01", "Hà Nội", "Hà Nội", 105.854, 21.029),
    ("04", "Cao Bằng", "Cao Bằng", 106.258, 22.666),
    ("08", "Tuyên Quang", "Tuyên Quang", 105.214, 21.824),
    ("11", "Điện Biên", "Điện Biên Phủ", 103.017, 21.386),
    ("12", "Lai Châu", "Lai Châu", 103.458, 22.396),
    ("14", "Sơn La", "Sơn La", 103.914, 21.327),
    ("15", "Lào Cai", "Yên Bái", 104.911, 21.723),
    ("19", "Thái Nguyên", "Thái Nguyên", 105.848, 21.594),
    ("20", "Lạng Sơn", "Lạng Sơn", 106.761, 21.854),
    ("22", "Quảng Ninh", "Hạ Long", 107.090, 20.960),
    ("24", "Bắc Ninh", "Bắc Giang", 106.195, 21.273),
    ("25", "Phú Thọ", "Việt Trì", 105.402, 21.323),
    ("31", "Hải Phòng", "Hải Phòng", 106.688, 20.845),
    ("33", "Hưng Yên", "Hưng Yên", 106.051, 20.646),
    ("37", "Ninh Bình", "Ninh Bình", 105.975, 20.251),
    ("38", "Thanh Hóa", "Thanh Hóa", 105.785, 19.807),
    ("40", "Nghệ An", "Vinh", 105.681, 18.680),
    ("42", "Hà Tĩnh", "Hà Tĩnh", 105.906, 18.343),
    ("44", "Quảng Trị", "Đồng Hới", 106.622, 17.469),
    ("46", "Huế", "Huế", 107.591, 16.464),
    ("48", "Đà Nẵng", "Đà Nẵng", 108.202, 16.054),
    ("51", "Quảng Ngãi", "Quảng Ngãi", 108.804, 15.121),
    ("52", "Gia Lai", "Quy Nhơn", 109.220, 13.783),
    ("56", "Khánh Hòa", "Nha Trang", 109.197, 12.239),
    ("66", "Đắk Lắk", "Buôn Ma Thuột", 108.050, 12.667),
    ("68", "Lâm Đồng", "Đà Lạt", 108.458, 11.940),
    ("75", "Đồng Nai", "Biên Hòa", 106.843, 10.957),
    ("79", "Hồ Chí Minh", "Thành phố Hồ Chí Minh", 106.701, 10.777),
    ("80", "Tây Ninh", "Tân An", 106.414, 10.536),
    ("82", "Đồng Tháp", "Mỹ Tho", 106.360, 10.360),
    ("86", "Vĩnh Long", "Vĩnh Long", 105.972, 10.254),
    ("91", "An Giang", "Rạch Giá", 105.081, 10.013),
    ("92", "Cần Thơ", "Cần Thơ", 105.747, 10.045),
    ("96", "Cà Mau", "Cà Mau", 105.152, 9.177),
]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """The topology's arcs in degrees (quantised, delta-encoded positions decoded)."""
    (kx, ky), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * kx + tx, y * ky + ty))
        arcs.append(points)
    return arcs


def stitch(arcs: list[list[Point]], indexes: Iterable[int]) -> Ring:
    ring: Ring = []
    for index in indexes:
        part = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(part if not ring else part[1:])
    return ring


def polygons_of(geometry: dict, arcs: list[list[Point]]) -> list[Polygon]:
    if geometry["type"] == "Polygon":
        return [[stitch(arcs, ring) for ring in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[stitch(arcs, ring) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def inside(point: Point, ring: Sequence[Point]) -> bool:
    """Even-odd rule: is the point inside the ring?"""
    x, y = point
    result = False
    j = len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            result = not result
        j = i
    return result


def within(polygon: Polygon, area: Ring) -> bool:
    return all(inside(point, area) for point in polygon[0])


def clip(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland–Hodgman: the part of a ring inside the box."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    ]
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for keep, cross in edges:
        if not points:
            break
        result: Ring = []
        previous = points[-1]
        for current in points:
            if keep(current):
                if not keep(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif keep(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return [*points, points[0]] if len(points) >= 3 else []


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker on a closed ring, keeping at least a triangle (islands stay visible)."""
    if len(ring) <= 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    far = max(range(len(ring)), key=lambda i: _distance2(ring[i], ring[0]))
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _segment_distance2(ring[i], ring[first], ring[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance * tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    result = [p for p, k in zip(ring, keep, strict=True) if k]
    if len(result) < 4:
        step = max(1, (len(ring) - 1) // 3)
        result = [ring[0], ring[step], ring[min(2 * step, len(ring) - 2)], ring[0]]
    return result


def _distance2(a: Point, b: Point) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


def _segment_distance2(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return _distance2(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return _distance2(p, (a[0] + t * dx, a[1] + t * dy))


def rounded(ring: Ring) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def overlaps(polygon: Polygon, box: tuple[float, float, float, float]) -> bool:
    xs = [p[0] for p in polygon[0]]
    ys = [p[1] for p in polygon[0]]
    return max(xs) >= box[0] and min(xs) <= box[2] and max(ys) >= box[1] and min(ys) <= box[3]


def countries(topology: dict) -> dict[str, list[Polygon]]:
    """Polygons by ISO 3166 numeric code inside REGION, with the archipelagos given to Viet Nam."""
    arcs = decode_arcs(topology)
    by_country: dict[str, list[Polygon]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso = geometry.get("id")
        for polygon in polygons_of(geometry, arcs):
            if not overlaps(polygon, REGION):
                continue
            if any(within(polygon, a.area) for a in ARCHIPELAGOS):
                by_country.setdefault(VIETNAM, []).append(polygon)
                continue
            if _is_spratly(geometry):
                raise SystemExit(f"A Spratly polygon lies outside TRUONG_SA_AREA: {polygon[0][:3]}…")
            if iso is None:  # a feature of no country (e.g. a reef): left out
                continue
            by_country.setdefault(iso, []).append(polygon)
    return by_country


def _is_spratly(geometry: dict) -> bool:
    return str(geometry.get("properties", {}).get("name", "")).startswith("Spratly")


def feature(geometry: dict, properties: dict) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def build(topology: dict) -> dict:
    features = []
    for iso, polygons in sorted(countries(topology).items(), key=lambda item: (item[0] != VIETNAM, item[0])):
        tolerance = TOLERANCE.get(iso, TOLERANCE_ABROAD)
        coordinates = []
        for polygon in polygons:
            rings = [clip(ring, REGION) for ring in polygon]
            rings = [rounded(simplify(ring, tolerance)) for ring in rings if ring]
            rings = [ring for ring in rings if len(ring) >= 4]
            if rings and (iso == VIETNAM or _extent(rings[0]) > tolerance):
                coordinates.append(rings)
        properties: dict[str, str] = {"kind": "country", "iso": iso}
        if iso == VIETNAM:
            properties["name"] = "Việt Nam"
        features.append(feature({"type": "MultiPolygon", "coordinates": coordinates}, properties))
    for archipelago in ARCHIPELAGOS:
        properties = {"kind": "archipelago", "iso": VIETNAM, "name": archipelago.name, "part_of": archipelago.part_of}
        features.append(feature({"type": "Point", "coordinates": list(archipelago.at)}, properties))
    for name, at in SEAS:
        features.append(feature({"type": "Point", "coordinates": list(at)}, {"kind": "sea", "name": name}))
    for index, (code, province, seat, lon, lat) in enumerate(PROVINCES):
        properties = {"kind": "capital" if index == 0 else "seat", "code": code, "name": province, "seat": seat}
        features.append(feature({"type": "Point", "coordinates": [lon, lat]}, properties))
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:10m (public domain) via npm world-atlas; tools/build_basemap.py",
        "features": features,
    }


def _extent(ring: list[list[float]]) -> float:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def render(collection: dict) -> str:
    """One feature a line: readable diffs, compact file."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    head = json.dumps({"type": collection["type"], "source": collection["source"]}, ensure_ascii=False)
    return head[:-1] + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    out = Path(argv[2]) if len(argv) > 2 else OUT
    topology = json.loads(source.read_text(encoding="utf-8"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(build(topology)), encoding="utf-8")
    print(f"{out}: {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv)
