"""Reports: drafts with derived values, typed values, validation, the workflow and its permissions, corrections
as new editions, a province's aggregation of its communes, completeness and timeliness, bad input."""

import datetime as dt
from decimal import Decimal as N

import pytest
from django.core.exceptions import ValidationError

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.events import for_object
from ictmis.core.registry_demo import upsert
from ictmis.indicators import periods, selectors, services, workflow
from ictmis.indicators.models import Indicator, Regime, Report, ReportStatus
from ictmis.units.models import AdministrativeUnit

from .conftest import current, former

pytestmark = pytest.mark.django_db
GOOD = {"TT02": 4, "TT03": 9, "TT04": 10, "CN01": 12, "CN02": 20, "CN03": "15"}


def draft(actor, when, unit="18880", period="2026", regime="XA-NAM") -> Report:
    return services.create_report(actor=actor, now=when, regime=regime, unit=unit, period=period)


def values(report: Report) -> dict[str, N | None]:
    return dict(report.values.filter(breakdown="").values_list("indicator__code", "value"))


def test_a_draft_holds_the_registries_counts_as_of_the_cut_off_with_links(officer, when) -> None:
    upsert(
        "post-offices",
        [
            {"code": "P1", "name": "Điểm 1", "unit": current("18880"), "services": ["internet"]},
            {"code": "P2", "name": "Điểm 2", "unit": current("18880")},
            {"code": "P3", "name": "Điểm 3", "unit": current("18871")},
            {"code": "P4", "name": "Điểm 4", "unit": current("18880"), "status": "closed"},
        ],
        now=when,
    )

    report = draft(officer, when)

    assert (report.status, report.level, report.cutoff_from, report.cutoff_to) == (
        "draft",
        "commune",
        dt.date(2025, 12, 15),
        dt.date(2026, 12, 14),
    )
    assert report.due_on == dt.date(2026, 12, 17)  # 3 working days after Monday 14/12/2026
    got = values(report)
    assert (got["BD01"], got["BD02"], got["TT01"]) == (N(2), N(1), N(0))
    assert got["TT03"] is None  # typed by the commune, not derived
    link = report.values.get(indicator__code="BD01").source_link
    assert link.startswith("/co-so-du-lieu/post-offices/") and f"%23{report.unit_id}" in link
    assert for_object(report).filter(verb="indicators.report.created").exists()


def test_periods_before_the_reform_report_in_the_former_units(officer, when) -> None:
    report = draft(officer, when, period="2024")

    assert report.unit == former("18880")
    assert report.unit.parent.level == "district"


def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(officer, when) -> None:
    before = Report.objects.count()
    cases = [
        ({"period": "2026Q1"}, "period"),  # XA-NAM is yearly
        ({"period": "2026Q9"}, "period"),
        ({"regime": "KHONG-CO"}, "regime"),
        ({"regime": "TT04-NAM"}, "unit"),  # the province reports under it, not a commune
    ]
    for change, field in cases:
        with pytest.raises(ValidationError) as error:
            draft(officer, when, **change)
        assert field in error.value.message_dict
    with pytest.raises(services.UnitOutOfScope):
        draft(officer, when, unit="18871")  # another commune: not found for this officer
    assert Report.objects.count() == before

    report = draft(officer, when)
    with pytest.raises(DomainError):
        draft(officer, when)  # the same report twice
    with pytest.raises(ValidationError) as error:
        services.set_values(
            actor=officer,
            now=when,
            report_id=report.pk,
            values={"TT03": "mười", "TT04": -1, "BD01": 3, "XX": 1, "CN01": 5},
        )
    assert set(error.value.message_dict) == {"values.TT03", "values.TT04", "values.BD01", "values.XX"}
    assert error.value.message_dict["values.TT03"] == ["TT03: “mười” không phải là số."]
    assert error.value.message_dict["values.TT04"] == ["TT04 không được là số âm."]
    assert values(Report.objects.get(pk=report.pk))["CN01"] is None  # nothing written


def test_the_workflow_submit_return_resubmit_approve_and_lock(officer, reviewer, leader, when) -> None:
    report = draft(officer, when)
    services.set_values(actor=officer, now=when, report_id=report.pk, values={**GOOD, "TT03": 11})
    with pytest.raises(ValidationError) as error:
        services.submit_report(actor=officer, now=when, report_id=report.pk)
    assert "values.TT03" in error.value.message_dict  # 11 villages with loudspeakers of 10: an error blocks

    services.set_values(actor=officer, now=when, report_id=report.pk, values={"TT03": 9, "CN01": 150})
    with pytest.raises(ValidationError) as error:
        services.submit_report(actor=officer, now=when, report_id=report.pk)
    assert "comment" in error.value.message_dict  # a warning needs a comment
    services.submit_report(actor=officer, now=when, report_id=report.pk, comment="Xã mới sáp nhập ba trụ sở.")
    assert values(Report.objects.get(pk=report.pk))["TT05"] == N("90.00")

    with pytest.raises(NotAllowedError):
        services.approve_report(actor=officer, now=when, report_id=report.pk)  # not the level above
    with pytest.raises(NotAllowedError):
        services.approve_report(actor=leader, now=when, report_id=report.pk)  # leaders only read reports
    with pytest.raises(ValidationError):
        services.return_report(actor=reviewer, now=when, report_id=report.pk, reason=" ")
    services.return_report(actor=reviewer, now=when, report_id=report.pk, reason="Kiểm tra lại số máy tính.")
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RETURNED

    services.set_values(actor=officer, now=when, report_id=report.pk, values={"CN01": 14})
    services.submit_report(actor=officer, now=when, report_id=report.pk)
    services.approve_report(actor=reviewer, now=when, report_id=report.pk)

    with pytest.raises(workflow.ReportStateError):
        services.set_values(actor=officer, now=when, report_id=report.pk, values={"CN01": 15})
    with pytest.raises(workflow.ReportStateError):
        services.submit_report(actor=officer, now=when, report_id=report.pk)
    verbs = list(for_object(report).order_by("at", "id").values_list("verb", flat=True))
    assert verbs[-3:] == ["indicators.report.values_set", "indicators.report.submitted", "indicators.report.approved"]


def test_a_correction_is_a_new_edition_that_supersedes_the_approved_one_once_approved(officer, reviewer, when) -> None:
    first = draft(officer, when)
    services.set_values(actor=officer, now=when, report_id=first.pk, values=GOOD)
    services.submit_report(actor=officer, now=when, report_id=first.pk)
    services.approve_report(actor=reviewer, now=when, report_id=first.pk)

    second = services.correct_report(actor=officer, now=when, report_id=first.pk)
    assert (second.edition, second.status, values(second)["CN01"]) == (2, "draft", N(12))
    services.set_values(actor=officer, now=when, report_id=second.pk, values={"CN01": 13})
    services.submit_report(actor=officer, now=when, report_id=second.pk)
    assert Report.objects.get(pk=first.pk).status == ReportStatus.APPROVED  # kept until the correction is approved
    services.approve_report(actor=reviewer, now=when, report_id=second.pk)

    assert Report.objects.get(pk=first.pk).status == ReportStatus.SUPERSEDED
    assert values(Report.objects.get(pk=first.pk))["CN01"] == N(12)  # the old edition keeps its values


def test_a_province_aggregates_its_communes_and_recomputes_ratios(officer, reviewer, when) -> None:
    mine = draft(officer, when)
    services.set_values(actor=officer, now=when, report_id=mine.pk, values={**GOOD, "TT03": 1, "TT04": 10})
    services.submit_report(actor=officer, now=when, report_id=mine.pk)
    other = draft(reviewer, when, unit="18871")
    services.set_values(actor=reviewer, now=when, report_id=other.pk, values={**GOOD, "TT03": 30, "TT04": 30})
    services.submit_report(actor=reviewer, now=when, report_id=other.pk)
    not_submitted = draft(reviewer, when, unit="18859")
    services.set_values(actor=reviewer, now=when, report_id=not_submitted.pk, values={**GOOD, "TT03": 0})

    province = draft(reviewer, when, unit="44")

    got = values(province)
    assert (got["TT03"], got["TT04"], got["TT05"]) == (N(31), N(40), N("77.50"))  # not the mean of 10 % and 100 %
    assert province.values.get(indicator__code="TT03").source == "aggregated"


def test_completeness_counts_the_expected_communes_and_those_on_time(officer, reviewer, when) -> None:
    on_time = draft(officer, when)
    services.set_values(actor=officer, now=when, report_id=on_time.pk, values=GOOD)
    services.submit_report(actor=officer, now=when, report_id=on_time.pk)
    late = draft(reviewer, when, unit="18871")
    services.set_values(actor=reviewer, now=when, report_id=late.pk, values=GOOD)
    services.submit_report(actor=reviewer, now=when + dt.timedelta(days=5), report_id=late.pk)

    regime = Regime.objects.get(code="XA-NAM")
    province = AdministrativeUnit.objects.get(code="44", valid_to__isnull=True)
    result = selectors.completeness(regime, periods.parse("2026"), under=province)

    expected = AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True, parent=province).count()
    figures = result["figures"]
    assert (figures.expected, figures.submitted, figures.on_time) == (expected, 2, 1)
    assert len(result["missing"]) == expected - 2
    assert current("18880") not in result["missing"]


def test_scope_keeps_other_communes_reports_out_of_sight(officer, reviewer, when) -> None:
    other = draft(reviewer, when, unit="18871")

    assert not selectors.reports_for(officer).filter(pk=other.pk).exists()
    with pytest.raises(services.UnitOutOfScope):
        services.set_values(actor=officer, now=when, report_id=other.pk, values={"CN01": 1})


def test_records_filed_under_a_former_commune_count_for_the_commune_it_became(officer, when) -> None:
    upsert(
        "post-offices",
        [
            {"code": "OLD1", "name": "Điểm cũ", "unit": former("18880")},
            {"code": "NEW1", "name": "Điểm mới", "unit": current("18880")},
        ],
        now=when,
    )

    today_report = draft(officer, when, period="2026")
    former_report = draft(officer, when, period="2024")

    assert values(today_report)["BD01"] == N(2)
    assert values(former_report)["BD01"] == N(1)  # a record filed under today's commune is not pushed back


def test_late_communes_are_reminded_once_a_day(reviewer, officer, when) -> None:
    from ictmis.notifications.models import Notification

    regime_period = {"regime": "XA-NAM", "period": "2026"}
    province = AdministrativeUnit.objects.get(code="44", valid_to__isnull=True)
    before_deadline = services.remind_late(actor=reviewer, now=when, province=province, **regime_period)
    late = when + dt.timedelta(days=3)  # 19/12/2026, after the communes' deadline of 17/12
    with pytest.raises(NotAllowedError):
        services.remind_late(actor=officer, now=late, province=province, **regime_period)

    reminded = services.remind_late(actor=reviewer, now=late, province=province, **regime_period)
    again = services.remind_late(actor=reviewer, now=late, province=province, **regime_period)

    expected = AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True, parent=province).count()
    assert (before_deadline, reminded, again) == (0, expected, expected)
    assert Notification.objects.filter(recipient=officer, kind="indicators.report.reminder").count() == 1


def test_a_year_of_monthly_reports_keeps_stocks_last_and_recomputes_ratios(officer, reviewer, when) -> None:
    for month, (covered, villages) in (("202610", (2, 10)), ("202611", (6, 10))):
        for actor, unit, extra in ((officer, "18880", 0), (reviewer, "18871", 10)):
            report = draft(actor, when, unit=unit, period=month, regime="TT02-THANG")
            services.set_values(
                actor=actor, now=when, report_id=report.pk, values={"TT03": covered + extra, "TT04": villages + extra}
            )
            services.submit_report(actor=actor, now=when, report_id=report.pk)
    regime = Regime.objects.get(code="TT02-THANG")
    province = AdministrativeUnit.objects.get(code="44", valid_to__isnull=True)

    year = selectors.regime_aggregate(regime, ["202610", "202611"], under=province)

    # November's stock (6 + 16 of 10 + 20 villages), not the sum of two months; the ratio from those terms
    assert (year["TT03"], year["TT04"], year["TT05"]) == (N(22), N(30), N("73.33"))


def test_indicator_values_go_to_each_communes_unit_at_the_level_asked_also_above_the_unit_asked(
    officer, reviewer, when
) -> None:
    for actor, unit, typed in ((officer, "18880", 12), (reviewer, "18871", 30)):
        report = draft(actor, when, unit=unit)
        services.set_values(actor=actor, now=when, report_id=report.pk, values={**GOOD, "CN01": typed})
        services.submit_report(actor=actor, now=when, report_id=report.pk)
    cn01 = Indicator.objects.get(code="CN01")
    province = AdministrativeUnit.objects.get(code="44", valid_to__isnull=True)

    by_commune = selectors.indicator_values(cn01, "2026", level="commune", under=province)
    by_province = selectors.indicator_values(cn01, "2026", level="province", under=current("18871"))
    country = selectors.indicator_values(cn01, "2026", level="province", under=None)

    assert [(row["unit"], row["value"]) for row in by_commune] == [("18871", N(30)), ("18880", N(12))]
    assert [(row["unit"], row["name"], row["value"]) for row in by_province] == [("44", "Quảng Trị", N(30))]
    assert [(row["unit"], row["value"]) for row in country] == [("44", N(42))]


def test_the_communes_that_have_not_submitted_are_listed_by_code(officer, when) -> None:
    regime = Regime.objects.get(code="XA-NAM")
    province = AdministrativeUnit.objects.get(code="44", valid_to__isnull=True)

    missing = selectors.completeness(regime, periods.parse("2026"), under=province)["missing"]

    codes = [unit.code for unit in missing]
    assert codes == sorted(codes) and len(codes) == len(set(codes)) > 50
    assert {unit.path for unit in missing} == {
        u.path for u in AdministrativeUnit.objects.filter(code__in=codes, valid_to__isnull=True)
    }
