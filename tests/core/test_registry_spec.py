"""A registry's spec is the one place that says how its list sorts and what each role may do with it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group

from ictmis.accounts.roles import Role, sync_roles
from ictmis.core import registry
from ictmis.core.registry import RegistrySpec
from ictmis.core.registry_demo import upsert
from ictmis.units.models import AdministrativeUnit, Level
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def swap_spec() -> Iterator[object]:
    """Register a changed copy of a registry's spec for one test, then put the original back."""
    originals: list[RegistrySpec] = []

    def swap(key: str, **changes: object) -> RegistrySpec:
        original = registry.get(key)
        originals.append(original)
        changed = dataclasses.replace(original, **changes)  # type: ignore[arg-type]
        registry.register(changed)
        return changed

    yield swap
    for original in originals:
        registry.register(original)
    sync_roles()


def test_every_role_a_spec_names_is_a_role() -> None:
    roles = {role.value for role in Role}
    for spec in registry.all_registries():
        assert set(spec.permissions) <= roles, spec.key
        assert all(set(actions) <= set(registry.ALL) for actions in spec.permissions.values()), spec.key


def test_roles_take_registry_permissions_from_the_spec(swap_spec) -> None:
    swap_spec("radio-stations", permissions={**registry.COMMUNE_KEPT, "editor": registry.VIEW})

    sync_roles()

    editor = Group.objects.get(name=Role.EDITOR)
    assert editor.permissions.filter(codename="view_radiostation").exists()
    assert not editor.permissions.filter(codename="view_postofficepoint").exists()


def _radio_stations(now: dt.datetime) -> None:
    unit = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=False)
    rows = [
        {"name": "Đài A", "unit": unit, "technology": "wired", "staff": 3},
        {"name": "Đài B", "unit": unit, "technology": "wired", "staff": 1},
        {"name": "Đài C", "unit": unit, "technology": "wired", "staff": 2},
    ]
    upsert("radio-stations", rows, now=now)


def _listed_names(query: str) -> list[str]:
    page = logged_in("chuyenvien").get(f"/co-so-du-lieu/radio-stations/?{query}")
    return [record.name for record in page.context["page_obj"].object_list]


def test_a_list_sorts_by_the_fields_its_spec_allows(swap_spec, now) -> None:
    _radio_stations(now)
    assert _listed_names("sort=-staff") == ["Đài A", "Đài B", "Đài C"]  # not sortable: the default order

    swap_spec("radio-stations", sortable=("name", "staff"))

    assert _listed_names("sort=-staff") == ["Đài A", "Đài C", "Đài B"]
    assert _listed_names("sort=staff") == ["Đài B", "Đài C", "Đài A"]


def test_the_related_rows_come_from_the_foreign_key_columns() -> None:
    assert registry.get("post-offices").related == ("unit", "unit__parent", "operator")
    assert registry.get("internet-points").related == ("unit", "unit__parent", "host")
