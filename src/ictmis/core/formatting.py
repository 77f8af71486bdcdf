"""Vietnamese formats: money in đồng with `.` thousands, dates as dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


# Money is integer đồng; no fee, payment or fine comes near 10^15 đồng (PostgreSQL's bigint ends near 9.2·10^18),
# so a larger amount is a typing error, refused before it reaches the database.
MAX_AMOUNT = 10**15


def format_vnd(amount: int | None) -> str:
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + " đ"


def format_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(TZ) if value.tzinfo else value
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


def format_long_date(day: dt.date, place: str | None = None) -> str:
    """The dateline of an official document: "Quảng Bình, ngày 05 tháng 3 năm 2025"."""
    text = f"ngày {day.day:02d} tháng {day.month} năm {day.year}"
    return f"{place}, {text}" if place else text


def parse_date(text: str) -> dt.date:
    """Read dd/mm/yyyy (or ISO yyyy-mm-dd) into a date; raises ValueError otherwise."""
    text = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)
