"""Every derivation against a hand count on small data, and the criterion-8 scorecard per sub-criterion."""

import datetime as dt
from decimal import Decimal as N

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ictmis.core.errors import NotAllowedError
from ictmis.core.events import for_object
from ictmis.core.registry_demo import upsert
from ictmis.indicators import derivations, scorecards, services
from ictmis.indicators.models import ScorecardOverride, SubCriterion
from ictmis.licensing.models import Case, Licence, Procedure
from ictmis.parties.models import Organisation
from ictmis.programmes.models import Delivery, Household, Programme
from ictmis.units.models import AdministrativeUnit

from .conftest import current, former

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def registries(when):
    nhat_le = Organisation.objects.get(tax_code="4701234564")
    phong_nha = Organisation.objects.get(tax_code="4705678909")
    home, neighbour = current("18880"), current("18871")
    upsert(
        "post-offices",
        [
            {"code": "P1", "name": "Điểm 1", "unit": home, "services": ["postal", "internet"]},
            {"code": "P2", "name": "Điểm 2", "unit": home, "status": "suspended"},
            {"code": "P3", "name": "Điểm 3", "unit": neighbour, "services": ["internet"]},
        ],
        now=when,
    )
    upsert(
        "radio-stations",
        [
            {"name": "Đài phường", "unit": home, "technology": "ip", "villages_covered": 8, "villages_total": 8},
            {
                "name": "Đài xã bên",
                "unit": neighbour,
                "technology": "wired",
                "villages_covered": 3,
                "villages_total": 9,
            },
            {"name": "Đài hỏng", "unit": current("18859"), "technology": "wired", "condition": "out"},
        ],
        now=when,
    )
    base = {"latitude": 17.47, "longitude": 106.6, "station_type": "rooftop"}
    upsert(
        "bts-stations",
        [
            {**base, "operator": nhat_le, "site_code": "B1", "unit": home, "technologies": ["2G", "4G"]},
            {**base, "operator": phong_nha, "site_code": "B2", "unit": home, "technologies": ["4G", "5G"]},
            {**base, "operator": nhat_le, "site_code": "B3", "unit": neighbour, "technologies": ["2G"]},
            {
                **base,
                "operator": nhat_le,
                "site_code": "B4",
                "unit": home,
                "technologies": ["4G"],
                "commissioned_on": D(2027, 1, 5),
            },
            {
                **base,
                "operator": nhat_le,
                "site_code": "B5",
                "unit": home,
                "technologies": ["4G"],
                "status": "dismantled",
            },
        ],
        now=when,
    )


def test_each_registry_derivation_matches_a_hand_count(registries) -> None:
    paths = [current("18880").path]
    on = D(2026, 12, 14)

    def total(code: str, at: list[str] = paths) -> N:
        return derivations.derive(code, paths=at, start=D(2025, 12, 15), end=on).values[""]

    assert total("postal.points") == N(1)  # P2 suspended
    assert total("postal.points_internet") == N(1)
    assert total("postal.points", [current("18880").parent.path]) == N(2)  # the province: P1 and P3
    assert total("broadcasting.communes", [current("18880").parent.path]) == N(2)  # 18859's station is out
    bts = derivations.derive("telecom.bts", paths=paths, start=D(2025, 12, 15), end=on).values
    assert bts[""] == N(2)  # B4 commissioned after the cut-off, B5 dismantled
    assert (bts["technology=4G"], bts["technology=5G"], bts["technology=2G"]) == (N(2), N(1), N(1))
    assert (bts["operator=Nhật Lệ Telecom"], bts["operator=Phong Nha Infra"]) == (N(1), N(1))
    assert total("telecom.broadband_communes", [current("18880").parent.path]) == N(1)  # B3 is 2G only


def test_households_supported_and_licensing_figures_match_a_hand_count(when) -> None:
    programme = Programme.objects.get(code="tv-digitisation")
    homes = [Household(code=f"H{i}", head_name=f"Chủ hộ {i}", unit=current("18880")) for i in range(3)]
    for home in homes:
        home.save()
    Delivery.objects.create(programme=programme, household=homes[0], delivered_on=D(2026, 3, 1))
    Delivery.objects.create(programme=programme, household=homes[1], delivered_on=D(2026, 12, 20))
    paths = [current("18880").path]
    assert derivations.derive("programmes.households", paths=paths, start=D(2025, 12, 15), end=D(2026, 12, 14)).values[
        ""
    ] == N(1)

    procedure = Procedure.objects.first()
    holder = Organisation.objects.get(tax_code="4701234564")
    for number, (finished, due) in enumerate(
        [(D(2026, 3, 2), D(2026, 3, 5)), (D(2026, 3, 9), D(2026, 3, 5)), (D(2027, 1, 2), D(2027, 1, 5))]
    ):
        Case.objects.create(
            code=f"HS-T{number}",
            procedure=procedure,
            applicant=holder,
            channel="counter",
            status="issued",
            finished_on=finished,
            due_on=due,
        )
    Licence.objects.create(
        number="91/GP-T",
        year=2026,
        family="website",
        holder=holder,
        subject="a.vn",
        valid_from=D(2026, 5, 1),
        valid_until=D(2031, 5, 1),
    )
    window = {"paths": [], "start": D(2026, 1, 1), "end": D(2026, 12, 31)}
    assert derivations.derive("licensing.cases", **window).values[""] == N(2)
    assert derivations.derive("licensing.cases_on_time", **window).values[""] == N(1)
    assert derivations.derive("licensing.licences", **window).values[""] == N(1)


def test_the_scorecard_decides_each_sub_criterion_from_the_registries(registries) -> None:
    cards = {
        c.code: c for c in scorecards.scorecards(paths=[current("18880").parent.path], year=2026, today=D(2026, 12, 16))
    }

    home = {r.code: r for r in cards["18880"].results}
    assert (home["8.1"].met, home["8.2"].met, home["8.3"].met, home["8.4"].met) == (True, True, True, False)
    assert home["8.3"].detail == "8/8" and "radio-stations" in home["8.3"].evidence
    assert home["8.4"].source == scorecards.NOT_ASSESSED
    neighbour = {r.code: r for r in cards["18871"].results}
    assert (neighbour["8.1"].met, neighbour["8.2"].met, neighbour["8.3"].met) == (True, False, False)
    assert not cards["18880"].met
    summary = scorecards.summary(list(cards.values()))
    assert summary["by_subcriterion"]["8.1"] == 2 and summary["met"] == 0


def test_a_former_year_is_scored_on_the_former_communes(registries) -> None:
    cards = scorecards.scorecards(paths=[former("18880").parent.parent.path], year=2019, today=D(2026, 12, 16))

    assert {c.code for c in cards} >= {"18880", "19009"}
    assert scorecards.version_for(2019).code == "2016-2020"


def test_a_hand_decision_needs_a_reason_and_a_file_and_is_audited(registries, reviewer, officer, when) -> None:
    sub = SubCriterion.objects.get(version__code="2026-2030", code="8.4")
    unit = current("18880")
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    with pytest.raises(NotAllowedError):
        services.override_subcriterion(
            actor=officer,
            now=when,
            unit_id=unit.pk,
            year=2026,
            subcriterion_id=sub.pk,
            met=True,
            reason="x",
            evidence=pdf,
        )
    with pytest.raises(ValidationError) as error:
        services.override_subcriterion(
            actor=reviewer,
            now=when,
            unit_id=unit.pk,
            year=2026,
            subcriterion_id=sub.pk,
            met=True,
            reason=" ",
            evidence=SimpleUploadedFile("a.exe", b"MZ"),
        )
    assert set(error.value.message_dict) == {"reason", "evidence"}

    override = services.override_subcriterion(
        actor=reviewer,
        now=when,
        unit_id=unit.pk,
        year=2026,
        subcriterion_id=sub.pk,
        met=True,
        reason="Biên bản kiểm tra: phường dùng hệ thống một cửa điện tử.",
        evidence=pdf,
    )

    card = scorecards.scorecards(paths=[unit.path], year=2026, today=D(2026, 12, 16))[0]
    result = {r.code: r for r in card.results}["8.4"]
    assert (result.met, result.source) == (True, scorecards.OVERRIDE)
    assert card.met
    assert for_object(override).filter(verb="indicators.scorecard.overridden").exists()
    assert ScorecardOverride.history.filter(id=override.pk).count() == 1


def test_the_country_summary_counts_records_of_former_communes_for_the_communes_they_became(when) -> None:
    # a post office point still filed under the former Phường Cống Vị (Hà Nội), divided on 1 July 2025: it counts
    # for its default successor, and the whole country's 10,000 former communes do not break the query
    upsert("post-offices", [{"code": "HN1", "name": "Điểm Cống Vị", "unit": former("00007")}], now=when)
    country = list(
        AdministrativeUnit.objects.filter(level="province", valid_to__isnull=True).values_list("path", flat=True)
    )

    cards = {c.code: c for c in scorecards.scorecards(paths=country, year=2026, today=D(2026, 12, 16))}

    assert len(cards) == 3321
    postal = {code: next(r for r in card.results if r.code == "8.1") for code, card in cards.items()}
    assert postal["00008"].met and postal["00008"].detail == "1"
    assert not postal["00025"].met
    assert scorecards.summary(list(cards.values()))["by_subcriterion"]["8.1"] == 1
