from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ictmis.accounts.models import User
from ictmis.enforcement import services
from ictmis.enforcement.models import SanctionProvision, ViolationRecord


@pytest.fixture
def inspector(db: Any) -> User:
    return User.objects.get(username="thanhtra")


@pytest.fixture
def leader(db: Any) -> User:
    return User.objects.get(username="lanhdao")


def provision(article: str, decree: str) -> SanctionProvision:
    return SanctionProvision.objects.filter(article=article, legal_basis__number=decree).order_by("min_fine").first()  # type: ignore[return-value]


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 2, 0, tzinfo=dt.UTC)


def make_record(
    inspector: User,
    *,
    day: dt.date,
    articles: list[tuple[str, str]],
    violator_type: str = "organisation",
    id_number: str = "4701234564",
    ended: dt.date | None = None,
    complexity: str = "ordinary",
) -> ViolationRecord:
    return services.record_violation(
        actor=inspector,
        now=at(day),
        violator_type=violator_type,
        violator_name="Công ty Nhật Lệ (mẫu)",
        violator_id_number=id_number,
        place="Đồng Hới",
        detected_on=day,
        act_ended_on=ended,
        provision_ids=[provision(a, d).pk for a, d in articles],
        complexity=complexity,
    )
