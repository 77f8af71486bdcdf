"""Registry writes tell listeners which units' records changed: every save, and once per import."""

import datetime as dt

import pytest

from ictmis.core import records
from ictmis.core.registry_demo import upsert
from ictmis.core.signals import registry_changed
from ictmis.postal.models import PostOfficePoint
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
WHEN = dt.datetime(2026, 12, 16, 9, 0, tzinfo=dt.UTC)


def commune(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level="commune", valid_to__isnull=True)


@pytest.fixture
def heard():
    calls: list[tuple[type, frozenset[str]]] = []

    def listener(sender, unit_paths, **kwargs):
        calls.append((sender, unit_paths))

    registry_changed.connect(listener, dispatch_uid="test.heard")
    yield calls
    registry_changed.disconnect(dispatch_uid="test.heard")


def test_an_import_names_the_units_of_the_records_it_created_moved_or_changed_once(heard) -> None:
    home, neighbour, third = commune("18880"), commune("18871"), commune("18859")
    upsert("post-offices", [{"code": "P1", "name": "Một", "unit": home}, {"code": "P2", "name": "Hai", "unit": third}],
           now=WHEN)  # fmt: skip
    assert heard == [(PostOfficePoint, frozenset({home.path, third.path}))]
    heard.clear()

    upsert(
        "post-offices",
        [{"code": "P1", "name": "Một", "unit": neighbour}, {"code": "P2", "name": "Hai", "unit": third}],
        now=WHEN,
    )

    assert heard == [(PostOfficePoint, frozenset({home.path, neighbour.path}))]  # P2 unchanged: not named


def test_an_unchanged_import_says_nothing_and_a_single_move_names_both_units(heard) -> None:
    home, neighbour = commune("18880"), commune("18871")
    upsert("post-offices", [{"code": "P1", "name": "Một", "unit": home}], now=WHEN)
    heard.clear()
    upsert("post-offices", [{"code": "P1", "name": "Một", "unit": home}], now=WHEN)
    assert heard == []

    point = PostOfficePoint.objects.get(code="P1")
    records.update_record(
        point, actor=None, now=WHEN, expected_version=point.version, changes={"unit": neighbour}, verb="x.updated"
    )

    assert heard == [(PostOfficePoint, frozenset({home.path, neighbour.path}))]
