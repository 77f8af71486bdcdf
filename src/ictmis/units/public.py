"""What other apps may use of the units app."""

from decimal import Decimal

from ictmis.units.demo import DemoCommune, demo_communes
from ictmis.units.loading import REFORM_DATE
from ictmis.units.models import AdministrativeUnit, Level, UnitType, unit_label
from ictmis.units.positions import positions_of
from ictmis.units.selectors import ancestors_of, counts, home_units, provinces, unit_by_code, units

__all__ = [
    "REFORM_DATE",
    "AdministrativeUnit",
    "DemoCommune",
    "Level",
    "UnitType",
    "ancestors_of",
    "counts",
    "demo_communes",
    "former_paths",
    "home_units",
    "positions_of",
    "predecessors",
    "provinces",
    "shares",
    "successions",
    "unit_by_code",
    "unit_label",
    "units",
]


def successions(unit_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """For each former unit among `unit_ids`, the units it became: (id, code), its default successor (the one
    that takes its records) first, then by code."""
    return {old_id: [(new_id, code) for new_id, code, _share in links] for old_id, links in _links(unit_ids).items()}


def shares(unit_ids: list[int]) -> dict[int, list[tuple[int, Decimal]]]:
    """For each former unit among `unit_ids`, the units it became with the share of it each took (adding up to
    1; the default successor first)."""
    return {old_id: [(new_id, share) for new_id, _code, share in links] for old_id, links in _links(unit_ids).items()}


def _links(unit_ids: list[int]) -> dict[int, list[tuple[int, str, Decimal]]]:
    from ictmis.units.models import Lineage

    result: dict[int, list[tuple[int, str, Decimal]]] = {}
    rows = Lineage.objects.filter(predecessor_id__in=unit_ids).values_list(
        "predecessor_id", "is_default", "successor_id", "successor__code", "share"
    )
    for old_id, _default, new_id, new_code, share in sorted(rows, key=lambda r: (r[0], not r[1], r[3])):
        result.setdefault(old_id, []).append((new_id, new_code, share))
    return result


def predecessors(unit_id: int) -> list[int]:
    """The former units that became this unit (wholly or in part)."""
    from ictmis.units.models import Lineage

    return list(Lineage.objects.filter(successor_id=unit_id).values_list("predecessor_id", flat=True))


def former_paths(unit_ids: list[int]) -> list[str]:
    """The tree paths of the former units that became (wholly or in part) any of these units."""
    from ictmis.units.models import Lineage

    return list(Lineage.objects.filter(successor_id__in=unit_ids).values_list("predecessor__path", flat=True))
