"""Stored scorecards under concurrent writers: a reader never fails or waits for the write lock (it answers from
what it assessed and leaves the rows stale), and writers lock rows in the order readers write them."""

import datetime as dt
import importlib

import pytest
from django.db import connection, connections
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from ictmis.indicators import assessment, scorecards
from ictmis.indicators.models import CriterionVersion, StoredScorecard, SubCriterion
from ictmis.units.models import AdministrativeUnit

from .conftest import current

TODAY = dt.date(2026, 12, 16)
SEED = importlib.import_module("ictmis.indicators.migrations.0002_seed_regimes_indicators_criterion")


def _own_commune() -> AdministrativeUnit:
    """Self-contained: a transactional test may run after another one emptied the database."""
    if not SubCriterion.objects.filter(version__first_year__lte=2026, version__last_year__gte=2026).exists():
        version = CriterionVersion.objects.create(code="t-2026", name="Tiêu chí thử", first_year=2026, last_year=2030)
        for code, name, test, threshold, text, _unconfirmed in SEED.SUBS_2021:
            SubCriterion.objects.create(
                version=version, code=code, name=name, test=test, threshold=threshold, threshold_text=text
            )
    province = AdministrativeUnit.objects.create(
        code="98", name="Tỉnh thử", type="tinh", level="province", valid_from=dt.date(2025, 7, 1)
    )
    province.path = f"/{province.pk}/"
    province.save()
    place = AdministrativeUnit.objects.create(
        code="98001", name="Xã thử", type="xa", level="commune", parent=province, valid_from=dt.date(2025, 7, 1)
    )
    place.path = f"/{province.pk}/{place.pk}/"
    place.save()
    return place


def _results(cards):
    return [(c.code, c.met, c.results) for c in cards]


def _fresh(place: AdministrativeUnit) -> bool:
    return StoredScorecard.objects.filter(unit=place, year=2026, changes=F("assessed_changes")).exists()


@pytest.mark.django_db(transaction=True)
def test_a_reader_answers_from_what_it_assessed_while_a_writer_holds_the_lock() -> None:
    place = _own_commune()
    paths = [place.parent.path]
    computed = assessment.assess(paths=paths, year=2026, today=TODAY)
    assert scorecards.summary_of(paths=paths, year=2026, today=TODAY) == scorecards.summary(computed)
    StoredScorecard.objects.filter(unit=place).update(changes=F("changes") + 1)  # a write: the row is stale

    other = connections.create_connection("default")  # a large import, holding the lock for long
    try:
        with other.cursor() as cursor:
            if other.vendor == "sqlite":
                cursor.execute("BEGIN IMMEDIATE")  # the database's one write lock
            else:
                cursor.execute("BEGIN")
                table = StoredScorecard._meta.db_table
                cursor.execute(f"SELECT id FROM {table} WHERE unit_id = %s FOR UPDATE", [place.pk])

            assert scorecards.summary_of(paths=paths, year=2026, today=TODAY) == scorecards.summary(computed)
            assert _results(scorecards.scorecards(paths=paths, year=2026, today=TODAY)) == _results(computed)
            assert not _fresh(place)
            cursor.execute("ROLLBACK")
    finally:
        other.close()

    assert _results(scorecards.scorecards(paths=paths, year=2026, today=TODAY)) == _results(computed)
    assert _fresh(place)


@pytest.mark.django_db
def test_readers_write_and_writers_lock_stored_rows_in_unit_and_year_order() -> None:
    places = [current("18880"), current("18871"), current("00004")]
    ids = sorted(place.pk for place in places)
    StoredScorecard.objects.filter(unit_id__in=ids).delete()

    scorecards._write(
        [(pk, year, TODAY, "", 0, False, 0, []) for pk in reversed(ids) for year in (2025, 2026)], replace=False
    )

    written = StoredScorecard.objects.filter(unit_id__in=ids).order_by("pk").values_list("unit_id", "year")
    assert list(written) == [(pk, year) for pk in ids for year in (2025, 2026)]
    with CaptureQueriesContext(connection) as queries:
        scorecards.facts_changed([place.path for place in places])
    statements = [query["sql"] for query in queries.captured_queries]
    table = StoredScorecard._meta.db_table
    locking = next(i for i, sql in enumerate(statements) if sql.startswith("SELECT") and table in sql)
    updating = next(i for i, sql in enumerate(statements) if sql.startswith("UPDATE") and table in sql)
    assert locking < updating
    assert statements[locking].endswith(
        'ORDER BY "indicators_storedscorecard"."unit_id" ASC, '
        '"indicators_storedscorecard"."year" ASC' + (" FOR UPDATE" if connection.features.has_select_for_update else "")
    )
    assert all(
        changes == 1 for changes in StoredScorecard.objects.filter(unit_id__in=ids).values_list("changes", flat=True)
    )
