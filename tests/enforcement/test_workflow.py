from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from ictmis.core.workdays import WorkingCalendar
from ictmis.enforcement import workflow

D = dt.date
RULE = SimpleNamespace
RULES = {
    "decision_ordinary": RULE(value=7, citation="a"),
    "decision_transferred": RULE(value=10, citation="b"),
    "decision_explained": RULE(value=1, citation="c"),
    "decision_complex": RULE(value=2, citation="d"),
    "instalments": RULE(value=3, citation="e"),
    "instalment_months": RULE(value=6, citation="f"),
    "first_instalment": RULE(value=40, citation="g"),
}


@pytest.mark.parametrize(
    ("ended", "detected", "decree"),
    [
        (D(2019, 5, 1), D(2020, 6, 1), "174/2013/NĐ-CP"),
        (D(2026, 6, 30), D(2026, 8, 1), "15/2020/NĐ-CP"),
        (None, D(2026, 8, 1), "174/2026/NĐ-CP"),
        (None, D(2026, 6, 30), "15/2020/NĐ-CP"),
    ],
)
def test_the_law_of_the_end_of_an_ended_act_or_of_the_detection_of_a_continuing_one(ended, detected, decree):
    assert workflow.decree_on(workflow.judged_on(act_ended_on=ended, detected_on=detected)) == decree


def test_limitation_runs_from_the_end_of_the_act_or_from_detection():
    assert workflow.limitation_ends(act_ended_on=D(2024, 3, 10), detected_on=D(2024, 9, 1), years=1) == D(2025, 3, 9)
    assert workflow.limitation_ends(act_ended_on=None, detected_on=D(2024, 9, 1), years=2) == D(2026, 8, 31)


def test_seven_working_days_after_the_record_skip_tet():
    calendar = WorkingCalendar()
    due = workflow.decision_due(calendar, recorded_on=D(2026, 2, 12), complexity="ordinary", rules=RULES)
    assert due > D(2026, 2, 23)
    assert calendar.working_days_between(D(2026, 2, 12), due) == 7


def test_transferred_explained_and_complex_time_limits():
    calendar = WorkingCalendar()
    assert workflow.decision_due(calendar, recorded_on=D(2025, 9, 1), complexity="transferred", rules=RULES) == D(
        2025, 9, 16
    )  # 2 and 1 September are holidays: 3/9 … 16/9 are ten working days
    assert workflow.decision_due(calendar, recorded_on=D(2025, 1, 31), complexity="explained", rules=RULES) == D(
        2025, 2, 28
    )
    assert workflow.decision_due(calendar, recorded_on=D(2025, 1, 31), complexity="complex", rules=RULES) == D(
        2025, 3, 31
    )


def test_surcharge_is_half_a_per_mille_a_day_from_the_day_after_the_deadline_to_the_day_before_payment():
    schedule = [(D(2025, 3, 10), 10_000_000)]
    assert workflow.surcharge(schedule=schedule, payments=[], until=D(2025, 3, 11)) == 0
    assert workflow.surcharge(schedule=schedule, payments=[], until=D(2025, 3, 21)) == 10 * 5_000
    paid_part = [(D(2025, 3, 16), 4_000_000)]
    # 11–15 March on 10 m, 16–20 March on 6 m
    assert workflow.surcharge(schedule=schedule, payments=paid_part, until=D(2025, 3, 21)) == 5 * 5_000 + 5 * 3_000


def test_payment_deadline_ten_days_after_receipt_or_the_twelfth_day_rule_without_proof():
    assert workflow.payment_due(decided_on=D(2025, 3, 1), delivered_on=D(2025, 3, 3), days=10, no_receipt_day=12) == D(
        2025, 3, 13
    )
    assert workflow.payment_due(decided_on=D(2025, 3, 1), delivered_on=None, days=10, no_receipt_day=12) == D(
        2025, 3, 12
    )


@pytest.mark.parametrize(
    ("plan", "ok"),
    [
        ([(D(2025, 4, 1), 4_000_000), (D(2025, 6, 1), 3_000_000), (D(2025, 8, 1), 3_000_000)], True),
        ([(D(2025, 4, 1), 3_000_000), (D(2025, 6, 1), 7_000_000)], False),
        ([(D(2025, 4, 1), 4_000_000), (D(2025, 10, 1), 6_000_000)], False),
        ([(D(2025, 4, 1), 4_000_000)] + [(D(2025, 5, i), 1_500_000) for i in (1, 2, 3, 4)], False),
    ],
)
def test_instalments_at_most_three_within_six_months_first_forty_percent(plan, ok):
    problems = workflow.check_instalments(plan, total=10_000_000, decided_on=D(2025, 3, 20), rules=RULES)
    assert (not problems) is ok


def test_a_fine_away_from_the_middle_needs_recorded_circumstances():
    provision = SimpleNamespace(min_fine=5_000_000, max_fine=10_000_000, citation="Điều 35")
    assert workflow.check_fine(workflow.Act(provision, 7_500_000), "organisation") == []
    assert workflow.check_fine(workflow.Act(provision, 6_000_000), "organisation")[0].field == "mitigating"
    assert (
        workflow.check_fine(workflow.Act(provision, 6_000_000, mitigating="tự nguyện khắc phục"), "organisation") == []
    )
    assert workflow.check_fine(workflow.Act(provision, 9_000_000), "organisation")[0].field == "aggravating"
    assert workflow.check_fine(workflow.Act(provision, 6_000_000), "individual")[0].rule == "fine_range"


def test_decision_steps_are_a_table():
    assert workflow.ensure_allowed("draft", "sign").target == "signed"
    with pytest.raises(workflow.DecisionStateError):
        workflow.ensure_allowed("draft", "close")


def _surcharge_day_by_day(schedule, payments, until, rate=5):
    day, total = min(due for due, _a in schedule) + dt.timedelta(days=1), 0
    while day < until:
        overdue = sum(a for due, a in schedule if due < day)
        total += max(0, overdue - sum(a for paid_on, a in payments if paid_on <= day))
        day += dt.timedelta(days=1)
    return total * rate // 10_000


SCHEDULES = [
    [(dt.date(2024, 3, 20), 15_000_000), (dt.date(2024, 4, 20), 12_500_000), (dt.date(2024, 5, 20), 10_000_000)],
    [(dt.date(2016, 1, 10), 7_500_000)],
]
PAYMENTS = [
    [],
    [(dt.date(2024, 3, 25), 5_000_000)],
    [(dt.date(2016, 1, 11), 1_000_000), (dt.date(2024, 4, 21), 20_000_000), (dt.date(2024, 6, 1), 12_500_000)],
]
UNTIL = [dt.date(2016, 1, 10), dt.date(2016, 1, 12), dt.date(2024, 3, 21), dt.date(2024, 5, 21), dt.date(2026, 12, 1)]


@pytest.mark.parametrize("schedule", SCHEDULES)
@pytest.mark.parametrize("payments", PAYMENTS)
@pytest.mark.parametrize("until", UNTIL)
def test_the_surcharge_summed_by_stretches_equals_the_day_by_day_sum(schedule, payments, until):
    expected = _surcharge_day_by_day(schedule, payments, until)
    assert workflow.surcharge(schedule=schedule, payments=payments, until=until, per_ten_thousand=5) == expected
