"""Period notation, cut-off windows (Decree 09/2019 and calendar) and deadlines on the working-day calendar."""

import datetime as dt

import pytest

from ictmis.core.workdays import Override, WorkingCalendar
from ictmis.indicators import periods
from ictmis.indicators.periods import DeadlineRule, Period

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2026", periods.YEAR, D(2026, 1, 1), D(2026, 12, 31)),
        ("2026S1", periods.HALF, D(2026, 1, 1), D(2026, 6, 30)),
        ("2026s2", periods.HALF, D(2026, 7, 1), D(2026, 12, 31)),
        ("2026Q1", periods.QUARTER, D(2026, 1, 1), D(2026, 3, 31)),
        ("2024Q4", periods.QUARTER, D(2024, 10, 1), D(2024, 12, 31)),
        ("202602", periods.MONTH, D(2026, 2, 1), D(2026, 2, 28)),
        ("202402", periods.MONTH, D(2024, 2, 1), D(2024, 2, 29)),
    ],
)
def test_notation_round_trips_and_knows_its_calendar_days(text, kind, start, end) -> None:
    period = periods.parse(text)

    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert str(period) == text.upper()


@pytest.mark.parametrize("text", ["", "26", "2026Q5", "2026S3", "202613", "202600", "2026-03", "abc"])
def test_anything_else_is_refused_naming_the_notation(text) -> None:
    with pytest.raises(periods.PeriodError) as error:
        periods.parse(text)

    assert error.value.field == "period"
    assert "2026Q1" in error.value.message


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("202601", D(2025, 12, 15), D(2026, 1, 14)),
        ("202603", D(2026, 2, 15), D(2026, 3, 14)),
        ("2026Q1", D(2025, 12, 15), D(2026, 3, 14)),
        ("2026Q3", D(2026, 6, 15), D(2026, 9, 14)),
        ("2026S1", D(2025, 12, 15), D(2026, 6, 14)),
        ("2026S2", D(2026, 6, 15), D(2026, 12, 14)),
        ("2026", D(2025, 12, 15), D(2026, 12, 14)),
    ],
)
def test_decree_09_cut_off_runs_from_the_15th_to_the_14th(text, first, last) -> None:
    assert periods.parse(text).cutoff(periods.DECREE_09) == (first, last)


def test_a_calendar_regime_covers_the_calendar_period() -> None:
    assert periods.parse("2026Q1").cutoff(periods.CALENDAR) == (D(2026, 1, 1), D(2026, 3, 31))
    assert periods.parse("202602").cutoff(periods.CALENDAR) == (D(2026, 2, 1), D(2026, 2, 28))


@pytest.mark.parametrize(
    ("text", "rule", "due"),
    [
        # cut-off ends Saturday 14/02/2026; Tết runs 16–20/02: the next working day is Monday 23/02
        ("202602", DeadlineRule(1, working_days=True), D(2026, 2, 23)),
        # 16 calendar days after 14/04/2026 is 30/04 (holiday), then 1/5 (holiday) and a weekend: Monday 04/05
        ("202604", DeadlineRule(16, working_days=False), D(2026, 5, 4)),
        # Circular 01/2023/TT-BTP: 14/12 + 7 days = Sunday 21/12/2025, so Monday 22/12
        ("2025", DeadlineRule(7, working_days=False), D(2025, 12, 22)),
        ("2026Q1", DeadlineRule(3, working_days=True), D(2026, 3, 18)),
    ],
)
def test_deadlines_fall_on_working_days(text, rule, due) -> None:
    assert periods.deadline(periods.parse(text), rule, WorkingCalendar()) == due


def test_a_calendar_override_moves_a_deadline() -> None:
    calendar = WorkingCalendar([Override(D(2026, 3, 18), False)])

    assert periods.deadline(periods.parse("2026Q1"), DeadlineRule(3), calendar) == D(2026, 3, 19)


def test_sequences_of_periods_cross_the_year() -> None:
    months = periods.periods_of(periods.MONTH, first="202511", last="202602")

    assert [str(p) for p in months] == ["202511", "202512", "202601", "202602"]
    assert str(Period(2026, periods.QUARTER, 1).previous()) == "2025Q4"
    assert str(periods.containing(periods.HALF, D(2026, 7, 1))) == "2026S2"
