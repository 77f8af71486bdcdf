from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ictmis.accounts.models import User
from tests.licensing.conftest import applicant, leader, today_now  # noqa: F401  (shared fixtures)

TEST_KIND = "licensing.case.supplement_requested"  # a real kind with real templates


@pytest.fixture
def users(db: Any) -> dict[str, User]:
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def at() -> dt.datetime:
    return dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
