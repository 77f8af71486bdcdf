"""Every seeded signing limit: on its first day, for an organisation and an individual, the limit is allowed and
one đồng more is refused."""

from __future__ import annotations

import importlib

import pytest

from ictmis.enforcement import selectors, workflow

SEED = importlib.import_module("ictmis.enforcement.migrations.0002_sanction_law")
CASES = [
    pytest.param(title, sector, start, violator, amount, allowed, id=f"{title}-{sector}-{start}-{violator}-{amount}")
    for title, sectors, high, start, _end, *_rest in SEED.AUTHORITIES
    for sector in sectors
    for violator, limit in (("organisation", high), ("individual", high // 2))
    for amount, allowed in ((limit, True), (limit + 1, False))
]


@pytest.mark.django_db
@pytest.mark.parametrize(("title", "sector", "day", "violator", "amount", "allowed"), CASES)
def test_signing_limit_by_title_sector_date_and_violator(title, sector, day, violator, amount, allowed):
    rows = list(selectors.authorities_on(day))
    assert (workflow.covers(rows, title, sector, amount, violator) is not None) is allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "title"),
    [
        (SEED.D(2021, 1, 1), "inspector_on_duty"),
        (SEED.D(2026, 7, 1), "chief_inspector"),
        (SEED.D(2025, 7, 1), "district_pc"),
    ],
)
def test_a_title_has_no_authority_outside_its_period(day, title):
    assert workflow.covers(list(selectors.authorities_on(day)), title, "postal", 1, "organisation") is None


@pytest.mark.django_db
def test_the_lowest_title_covering_every_act_is_competent():
    rows = list(selectors.authorities_on(SEED.D(2026, 8, 1)))
    provision = type("P", (), {"sector": "telecom"})
    acts = [workflow.Act(provision, 150_000_000)]
    assert workflow.competent_title(rows, acts, "organisation") == "director"
    assert workflow.competent_title(rows, [workflow.Act(provision, 90_000_000)], "organisation") == "commune_pc"
    assert workflow.competent_title(rows, [workflow.Act(provision, 75_000_000)], "individual") == "director"
