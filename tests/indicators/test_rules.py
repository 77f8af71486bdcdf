"""Validation, aggregation of sums, averages, last values and ratios, lineage attribution, completeness."""

from decimal import Decimal as N

from ictmis.indicators import rules
from ictmis.indicators.rules import Completeness, Rule


def test_sums_and_averages_across_units_ignore_missing_values() -> None:
    assert rules.across_units(rules.SUM, [N(3), None, N(4)]) == N(7)
    assert rules.across_units(rules.AVERAGE, [N(3), None, N(4)]) == N("3.50")
    assert rules.across_units(rules.SUM, [None, None]) is None


def test_across_periods_a_stock_keeps_its_last_value() -> None:
    assert rules.across_periods(rules.LAST, [N(10), N(12), None]) == N(12)
    assert rules.across_periods(rules.SUM, [N(10), N(12)]) == N(22)


def test_a_ratio_is_recomputed_from_summed_terms_never_averaged() -> None:
    # commune A: 1 of 10 villages (10 %), commune B: 9 of 10 (90 %), commune C: 30 of 30 (100 %)
    covered = rules.across_units(rules.SUM, [N(1), N(9), N(30)])
    villages = rules.across_units(rules.SUM, [N(10), N(10), N(30)])

    assert rules.ratio(covered, villages, 100) == N("80.00")
    assert rules.across_units(rules.AVERAGE, [N(10), N(90), N(100)]) == N("66.67")  # what averaging would say
    assert rules.ratio(N(1), N(0), 100) is None


def test_errors_and_warnings_name_the_indicator() -> None:
    regime_rules = [
        Rule("not_above", "TT03", "TT04", message="Số thôn có loa không được lớn hơn tổng số thôn."),
        Rule("between", "TT05", minimum=N(0), maximum=N(100), message="0–100"),
        Rule("between", "CN01", minimum=N(0), maximum=N(100), severity=rules.WARNING, message="bất thường"),
    ]

    findings = rules.check(
        {"TT03": N(12), "TT04": N(10), "TT05": N(120), "CN01": N(500), "CN02": None}, regime_rules, required=["CN02"]
    )

    assert [(f.severity, f.field) for f in findings] == [
        ("error", "CN02"),
        ("error", "TT03"),
        ("error", "TT05"),
        ("warning", "CN01"),
    ]
    assert rules.check({"TT03": N(10), "TT04": N(10), "TT05": N(100), "CN01": N(8)}, regime_rules) == []


def test_a_divided_former_commune_is_attributed_by_area_share_and_never_twice() -> None:
    # 1 → 10 (whole); 2 divided into 11 (area 30 km²) and 12 (area 10 km²): shares 0.75 and 0.25;
    # 3 has no known successor
    values = {1: N(5), 2: N(7), 3: N(4)}
    successors = {1: [(10, N(1))], 2: [(11, N("0.75")), (12, N("0.25"))]}

    attributed, unplaced = rules.attribute(values, successors)

    assert attributed == {10: N(5), 11: N("5.25"), 12: N("1.75")}
    assert sum(attributed.values()) == N(12)  # never double counted
    assert unplaced == [3]


def test_completeness_and_timeliness_are_shares_of_the_expected() -> None:
    figures = Completeness(expected=8, submitted=6, on_time=3)

    assert (figures.completeness, figures.timeliness) == (75.0, 37.5)
    assert Completeness(expected=0, submitted=0, on_time=0).completeness == 0.0
