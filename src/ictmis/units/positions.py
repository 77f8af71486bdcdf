"""Points where units are drawn on maps of figures by unit.

`ictmis load_unit_positions FILE` reads a sheet of unit code (or code@valid_from for a former unit),
latitude and longitude; every row is checked (a known unit, a point inside Vietnam) and with any error
nothing is written. The demo draws its communes at plausible positions (see `units.demo`) and places a
2025 commune at the mean of the communes it was formed from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ictmis.units.models import AdministrativeUnit, Lineage, UnitPosition

HEADERS = {"code": ("ma don vi", "unit code", "code"), "latitude": ("vi do", "latitude"),
           "longitude": ("kinh do", "longitude")}  # fmt: skip


def positions_of(unit_ids: set[int] | list[int]) -> dict[int, tuple[float, float]]:
    return {
        unit_id: (latitude, longitude)
        for unit_id, latitude, longitude in UnitPosition.objects.filter(unit_id__in=unit_ids).values_list(
            "unit_id", "latitude", "longitude"
        )
    }


def read(path: Path) -> tuple[list[tuple[AdministrativeUnit, float, float]], list[tuple[int, str]]]:
    """The rows of a positions sheet and the errors found, by line."""
    from ictmis.core.registry_models import check_in_vietnam
    from ictmis.core.spreadsheets import NotASpreadsheet, cell_text, read_rows
    from ictmis.core.text import normalise
    from ictmis.units.directory import unit_resolver

    try:
        header, data = read_rows(path)
    except NotASpreadsheet as exc:
        return [], [(1, exc.message)]
    names = [normalise(h) for h in header]
    index = {key: next((i for i, n in enumerate(names) if n in heads), None) for key, heads in HEADERS.items()}
    missing = [key for key, i in index.items() if i is None]
    if missing:
        return [], [(1, _("Columns needed: unit code, latitude, longitude."))]
    resolve = unit_resolver()
    rows, errors = [], []
    for line, cells in enumerate(data, start=2):

        def cell(key: str, cells: Any = cells) -> str:
            i = index[key]
            return cell_text(cells[i]) if i is not None and i < len(cells) else ""

        unit = resolve(cell("code"))
        if unit is None:
            errors.append((line, _("No administrative unit has the code “%(value)s”.") % {"value": cell("code")}))
            continue
        try:
            latitude = float(cell("latitude").replace(",", "."))
            longitude = float(cell("longitude").replace(",", "."))
            check_in_vietnam(latitude, longitude)
        except ValueError:
            errors.append((line, _("Latitude and longitude must be numbers.")))
            continue
        except ValidationError as exc:
            errors.append((line, " ".join(exc.messages)))
            continue
        rows.append((unit, latitude, longitude))
    return rows, errors


@transaction.atomic
def save(rows: list[tuple[AdministrativeUnit, float, float]], *, source: str) -> int:
    for unit, latitude, longitude in rows:
        UnitPosition.objects.update_or_create(
            unit=unit, defaults={"latitude": latitude, "longitude": longitude, "source": source}
        )
    return len(rows)


def load_demo(now: Any, progress: Any) -> None:
    """The demo communes at their plausible positions, and each 2025 commune at the mean of its origins."""
    from ictmis.units.demo import demo_communes

    placed: dict[int, tuple[float, float]] = {}
    for commune in demo_communes():
        placed[commune.old.pk] = (commune.latitude, commune.longitude)
    origins: dict[int, list[tuple[float, float]]] = {}
    for predecessor_id, successor_id in Lineage.objects.filter(predecessor_id__in=placed).values_list(
        "predecessor_id", "successor_id"
    ):
        origins.setdefault(successor_id, []).append(placed[predecessor_id])
    for successor_id, points in origins.items():
        placed.setdefault(
            successor_id, (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        )
    with transaction.atomic():
        UnitPosition.objects.filter(source="demo").delete()
        surveyed = set(UnitPosition.objects.values_list("unit_id", flat=True))  # real points stay
        UnitPosition.objects.bulk_create(
            [
                UnitPosition(unit_id=pk, latitude=lat, longitude=lon, source="demo")
                for pk, (lat, lon) in placed.items()
                if pk not in surveyed
            ]
        )
    progress(f"  positions of units: {len(placed)}")
