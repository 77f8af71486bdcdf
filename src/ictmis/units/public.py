"""What other apps may use of the units app."""

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

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
    "became",
    "counts",
    "demo_communes",
    "former_paths",
    "home_units",
    "on_structure_change",
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


def became(paths: Iterable[str]) -> set[int]:
    """The ids of the units with these tree paths and of every unit they became (wholly or in part)."""
    from ictmis.units.models import Lineage

    wanted = list(set(paths))
    found = set(AdministrativeUnit.objects.filter(path__in=wanted).values_list("pk", flat=True))
    if found:
        found.update(Lineage.objects.filter(predecessor_id__in=found).values_list("successor_id", flat=True))
    return found


def on_structure_change(receiver: Callable[[], None], *, uid: str) -> None:
    """Call `receiver()` inside the writing transaction whenever the unit tree or its lineage changes: a load of
    the unit files (`ictmis load_units`), or one unit or lineage link saved or deleted (the admin)."""
    from django.db.models.signals import post_delete, post_save

    from ictmis.units.models import Lineage
    from ictmis.units.signals import structure_changed

    def changed(sender: Any, **kwargs: Any) -> None:
        receiver()

    structure_changed.connect(changed, weak=False, dispatch_uid=f"{uid}.loaded")
    for model in (AdministrativeUnit, Lineage):
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.{model.__name__}.saved")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}.{model.__name__}.deleted")
