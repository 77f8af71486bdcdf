"""Points where units are drawn on maps of figures by unit.

Every unit has the point of the project's units file (`units.loading.load_positions`, from the
`vietnamadminunits` data). `ictmis load_unit_positions FILE` reads a surveyed sheet of unit code (or
code@valid_from for a former unit), latitude and longitude, which then takes precedence; every row is checked
(a known unit, a point inside Vietnam) and with any error nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ictmis.units.models import AdministrativeUnit, UnitPosition

HEADERS = {"code": ("ma don vi", "unit code", "code"), "latitude": ("vi do", "latitude"),
           "longitude": ("kinh do", "longitude")}  # fmt: skip


def positions_of(unit_ids: set[int] | list[int] | Q) -> dict[int, tuple[float, float]]:
    """Points of these units: their ids, or a condition on `unit_id` (e.g. subqueries, for thousands of units)."""
    condition = unit_ids if isinstance(unit_ids, Q) else Q(unit_id__in=unit_ids)
    return {
        unit_id: (latitude, longitude)
        for unit_id, latitude, longitude in UnitPosition.objects.filter(condition).values_list(
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
