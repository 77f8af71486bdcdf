"""No N+1 on any registry surface: the queries a list, an API page, an export or an open-data file costs
do not grow with its rows (each registry's foreign-key columns are fetched with the records)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ictmis.accounts.models import User
from ictmis.core import registry
from ictmis.core.registry_demo import upsert
from ictmis.parties.models import Organisation
from ictmis.units.models import AdministrativeUnit, Level

pytestmark = pytest.mark.django_db

ROWS = 4  # then twice as many; both fit on one list page


def _commune() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=False)


def _operators() -> list[Organisation]:
    return list(Organisation.objects.filter(tax_code__in=["4701234564", "4705678909"]).order_by("tax_code"))


# Rows for each registry with every foreign-key column filled (operator, host), so a lazy join would show.
ROW_MAKERS: dict[str, Callable[[int], dict[str, Any]]] = {
    "post-offices": lambda n: {
        "code": f"Q{n}",
        "name": f"Điểm {n}",
        "unit": _commune(),
        "operator": _operators()[n % 2],
        "latitude": 17.4 + n / 100,
        "longitude": 106.5 + n / 100,
    },
    "radio-stations": lambda n: {
        "name": f"Đài {n}",
        "unit": _commune(),
        "technology": "wired",
        "latitude": 17.4 + n / 100,
        "longitude": 106.5 + n / 100,
    },
    "bts-stations": lambda n: {
        "operator": _operators()[n % 2],
        "site_code": f"Q{n}",
        "unit": _commune(),
        "latitude": 17.4 + n / 100,
        "longitude": 106.5 + n / 100,
        "station_type": "rooftop",
        "technologies": ["4G"],
    },
    "internet-points": lambda n: {
        "name": f"Điểm truy nhập {n}",
        "point_type": "post_office",
        "unit": _commune(),
        "host": _operators()[n % 2],
        "latitude": 17.4 + n / 100,
        "longitude": 106.5 + n / 100,
    },
    "households": lambda n: {"code": f"Q{n}", "head_name": f"Chủ hộ {n}", "unit": _commune()},
}


def _surfaces() -> list[tuple[str, str]]:
    cases = []
    for spec in registry.all_registries():
        for surface in ("list", "api", "export-csv", "export-xlsx"):
            cases.append((spec.key, surface))
        if spec.public:
            cases.extend((spec.key, f"open-data-{fmt}") for fmt in ("csv", "xlsx", "json", "geojson"))
    return cases


def _url(key: str, surface: str) -> str:
    if surface == "list":
        return f"/co-so-du-lieu/{key}/"
    if surface == "api":
        return f"/api/v1/{key}?limit=500"
    if surface.startswith("export-"):
        return f"/co-so-du-lieu/{key}/?export={surface.removeprefix('export-')}"
    return f"/cong-thong-tin/du-lieu-mo/{key}.{surface.removeprefix('open-data-')}"


def _queries(client: Client, url: str) -> tuple[int, bytes]:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, url
    return len(captured), body


def _add_rows(key: str, numbers: range, now: dt.datetime) -> None:
    upsert(key, [ROW_MAKERS[key](n) for n in numbers], now=now)


def test_every_registry_has_a_row_maker() -> None:
    assert sorted(ROW_MAKERS) == sorted(registry.keys())


@pytest.mark.parametrize(("key", "surface"), _surfaces())
def test_queries_do_not_grow_with_rows(key: str, surface: str, now: dt.datetime) -> None:
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    url = _url(key, surface)
    _add_rows(key, range(ROWS), now)
    _queries(client, url)  # warm the per-process caches (content types, translations)
    few, few_body = _queries(client, url)

    _add_rows(key, range(ROWS, 2 * ROWS), now)
    many, many_body = _queries(client, url)

    assert len(many_body) > len(few_body)
    assert many == few
