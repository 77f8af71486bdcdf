import datetime as dt

import pytest

from ictmis.core.formatting import format_date, format_long_date, format_vnd, parse_date


@pytest.mark.parametrize(
    ("amount", "text"),
    [(1250000, "1.250.000 đ"), (0, "0 đ"), (999, "999 đ"), (10750000, "10.750.000 đ"), (-5000, "-5.000 đ")],
)
def test_money_in_dong_with_dot_thousands(amount: int, text: str) -> None:
    assert format_vnd(amount) == text


def test_dates_are_day_month_year() -> None:
    assert format_date(dt.date(2019, 6, 30)) == "30/06/2019"


def test_datetimes_are_shown_in_vietnam_time() -> None:
    assert format_date(dt.datetime(2025, 6, 30, 17, 30, tzinfo=dt.UTC)) == "01/07/2025 00:30"


def test_official_dateline() -> None:
    assert format_long_date(dt.date(2025, 3, 5), "Quảng Bình") == "Quảng Bình, ngày 05 tháng 3 năm 2025"


def test_parse_date_reads_vietnamese_and_iso_forms() -> None:
    assert parse_date("30/06/2019") == dt.date(2019, 6, 30)
    assert parse_date("2019-06-30") == dt.date(2019, 6, 30)
    with pytest.raises(ValueError):
        parse_date("30.06.2019")
