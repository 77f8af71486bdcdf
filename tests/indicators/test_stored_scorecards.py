"""The stored criterion-8 scorecards answer what the registries say now: after every kind of write to a fact
they read, the stored answer equals the one computed from the registries, and a warm read is three queries."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ictmis.broadcasting.models import RadioStation
from ictmis.core import records
from ictmis.core.access import SYSTEM
from ictmis.core.registry_demo import upsert
from ictmis.indicators import assessment, dashboard, scorecards, services
from ictmis.indicators.models import StoredScorecard, SubCriterion
from ictmis.parties.models import Organisation
from ictmis.postal.models import PostOfficePoint
from ictmis.telecom.models import BtsStation
from ictmis.units.models import AdministrativeUnit, Lineage

from .conftest import current, former

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 12, 16)
BASE = {"latitude": 17.47, "longitude": 106.6, "station_type": "rooftop"}


def _province() -> list[str]:
    return [current("18880").parent.path]


def _results(cards):
    return [(c.code, c.met, c.results) for c in cards]


def assert_as_computed(paths, year=2026, today=TODAY, unit_id=None):
    stored = scorecards.scorecards(paths=paths, year=year, today=today, unit_id=unit_id)
    ids = None if unit_id is None else [unit_id]
    computed = sorted(assessment.assess(paths=paths, year=year, today=today, unit_ids=ids), key=lambda c: c.code)
    assert stored and _results(stored) == _results(computed)
    assert scorecards.summary_of(paths=paths, year=year, today=today) == scorecards.summary(computed)
    return {c.code: {r.code: r for r in c.results} for c in stored}


def _card(code, year=2026, today=TODAY):
    unit = current(code)
    return {r.code: r for r in scorecards.scorecards(paths=[unit.path], year=year, today=today)[0].results}


@pytest.fixture
def operator():
    return Organisation.objects.get(tax_code="4701234564")


def test_a_point_created_one_by_one_and_then_deleted_and_restored_changes_the_stored_card(when) -> None:
    home = current("18880")
    assert not assert_as_computed(_province())["18880"]["8.1"].met

    point = records.create_record(
        PostOfficePoint,
        actor=None,
        now=when,
        values={"code": "P-NEW", "name": "Điểm mới", "unit": home},
        verb="postal.postofficepoint.created",
    )
    assert assert_as_computed(_province())["18880"]["8.1"].detail == "1"

    records.soft_delete(point, actor=None, now=when, verb="postal.postofficepoint.deleted")
    assert not assert_as_computed(_province())["18880"]["8.1"].met
    records.restore(point, actor=None, now=when, verb="postal.postofficepoint.restored")
    assert _card("18880")["8.1"].met


def test_a_status_change_and_a_move_to_another_commune_change_both_stored_cards(when) -> None:
    home, neighbour = current("18880"), current("18871")
    upsert("post-offices", [{"code": "P1", "name": "Điểm 1", "unit": home}], now=when)
    assert (_card("18880")["8.1"].met, _card("18871")["8.1"].met) == (True, False)

    point = PostOfficePoint.objects.get(code="P1")
    point = records.update_record(
        point, actor=None, now=when, expected_version=point.version, changes={"unit": neighbour}, verb="x.updated"
    )
    assert (_card("18880")["8.1"].met, _card("18871")["8.1"].met) == (False, True)

    records.update_record(
        point, actor=None, now=when, expected_version=point.version, changes={"status": "suspended"}, verb="x.updated"
    )
    assert not assert_as_computed(_province())["18871"]["8.1"].met


def test_radio_stations_written_one_by_one_and_by_an_import_change_the_stored_card(when) -> None:
    home = current("18880")
    assert_as_computed(_province())
    upsert(
        "radio-stations",
        [{"name": "Đài phường", "unit": home, "technology": "ip", "villages_covered": 4, "villages_total": 8}],
        now=when,
    )
    assert _card("18880")["8.3"].detail == "4/8"

    station = RadioStation.objects.get(unit=home)
    records.update_record(
        station, actor=None, now=when, expected_version=station.version, changes={"villages_covered": 8}, verb="x"
    )
    assert assert_as_computed(_province())["18880"]["8.3"].met

    RadioStation.objects.filter(pk=station.pk).get().delete()  # removed for good, not soft-deleted
    assert not assert_as_computed(_province())["18880"]["8.3"].met


def test_bts_stations_imported_then_changed_by_an_import_change_the_stored_card(when, operator) -> None:
    home = current("18880")
    upsert("bts-stations", [{**BASE, "operator": operator, "site_code": "B1", "unit": home, "technologies": ["2G"]}],
           now=when)  # fmt: skip
    assert not _card("18880")["8.2"].met

    upsert(
        "bts-stations",
        [{**BASE, "operator": operator, "site_code": "B1", "unit": home, "technologies": ["2G", "4G"]}],
        now=when,
    )
    assert assert_as_computed(_province())["18880"]["8.2"].detail == "4G"

    station = BtsStation.objects.get(site_code="B1")
    records.soft_delete(station, actor=None, now=when, verb="telecom.btsstation.deleted")
    assert not assert_as_computed([home.path], unit_id=home.pk)["18880"]["8.2"].met


def test_a_station_commissioned_later_counts_from_its_day_on(when, operator) -> None:
    home = current("18880")
    upsert(
        "bts-stations",
        [{**BASE, "operator": operator, "site_code": "B4", "unit": home, "technologies": ["4G"],
          "commissioned_on": D(2026, 12, 20)}],
        now=when,
    )  # fmt: skip
    assert not _card("18880", today=TODAY)["8.2"].met

    assert _card("18880", today=D(2026, 12, 21))["8.2"].met
    assert StoredScorecard.objects.get(unit=home, year=2026).assessed_on == D(2026, 12, 21)
    assert_as_computed(_province(), today=D(2026, 12, 21))


def test_a_record_of_a_former_commune_counts_for_the_commune_it_became(when) -> None:
    target = next(
        link.successor
        for link in Lineage.objects.filter(predecessor=former("00007"), is_default=True).select_related("successor")
    )
    assert not _card(target.code)["8.1"].met

    upsert("post-offices", [{"code": "HN1", "name": "Điểm Cống Vị", "unit": former("00007")}], now=when)

    assert _card(target.code)["8.1"].met
    assert_as_computed([target.parent.path])


def test_a_hand_decision_changes_the_stored_card(when) -> None:
    unit = current("18880")
    assert not _card("18880")["8.4"].met
    sub = SubCriterion.objects.get(version__code="2026-2030", code="8.4")

    override = services.override_subcriterion(
        actor=SYSTEM,
        now=when,
        unit_id=unit.pk,
        year=2026,
        subcriterion_id=sub.pk,
        met=True,
        reason="Biên bản kiểm tra.",
        evidence=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes", content_type="application/pdf"),
    )

    result = assert_as_computed(_province())["18880"]["8.4"]
    assert (result.met, result.source) == (True, scorecards.OVERRIDE)
    assert result.evidence == reverse("indicators:override_file", args=[override.pk])


def test_a_changed_threshold_or_lineage_makes_every_stored_card_stale(when) -> None:
    home = current("18880")
    upsert(
        "radio-stations",
        [{"name": "Đài phường", "unit": home, "technology": "ip", "villages_covered": 4, "villages_total": 8}],
        now=when,
    )
    assert not _card("18880")["8.3"].met

    SubCriterion.objects.filter(version__code="2026-2030", code="8.3").update(threshold={"villages_share": 0.5})
    assert assert_as_computed(_province())["18880"]["8.3"].met

    stored = StoredScorecard.objects.get(unit=home, year=2026)
    Lineage.objects.filter(successor=home).first().save()
    stored.refresh_from_db()
    assert stored.changes != stored.assessed_changes


def test_a_warm_read_is_two_queries_and_the_summary_one_group_by(django_assert_num_queries) -> None:
    """The sub-criteria, then the communes joined to their fresh stored rows."""
    home, province = current("18880"), _province()
    scorecards.scorecards(paths=province, year=2026, today=TODAY)

    with django_assert_num_queries(2):
        scorecards.scorecards(paths=[home.path], year=2026, today=TODAY, unit_id=home.pk)
    with django_assert_num_queries(3):
        scorecards.summary_of(paths=province, year=2026, today=TODAY)


def test_the_daily_refresh_stores_every_commune_of_the_year(when) -> None:
    upsert("post-offices", [{"code": "HN1", "name": "Điểm Cống Vị", "unit": former("00007")}], now=when)

    call_command("refresh_scorecards", stdout=open("/dev/null", "w"))  # noqa: SIM115

    today = timezone.localdate()
    assert StoredScorecard.objects.filter(year=today.year, assessed_on=today).count() == 3321
    country = list(
        AdministrativeUnit.objects.filter(level="province", valid_to__isnull=True).values_list("path", flat=True)
    )
    figures = scorecards.summary_of(paths=country, year=today.year, today=today)
    assert figures == scorecards.summary(assessment.assess(paths=country, year=today.year, today=today))
    assert figures["by_subcriterion"]["8.1"] == 1


def test_the_leaders_dashboard_counts_the_communes_not_meeting_the_criterion(leader, when) -> None:
    province = current("18880").parent
    expected = scorecards.summary(assessment.assess(paths=[province.path], year=2026, today=TODAY))

    item = next(a for a in dashboard.attention(leader, today=TODAY, province=province) if a.key == "criterion_not_met")

    assert item.count == expected["communes"] - expected["met"] > 0
