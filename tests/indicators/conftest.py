from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ictmis.accounts.models import User
from ictmis.units.models import AdministrativeUnit, Level


def current(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level=Level.COMMUNE, valid_to__isnull=True)


def former(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level=Level.COMMUNE, valid_to__isnull=False)


@pytest.fixture
def officer(db: Any) -> User:
    return User.objects.get(username="canboxa")


@pytest.fixture
def reviewer(db: Any) -> User:
    return User.objects.get(username="chuyenvien")


@pytest.fixture
def leader(db: Any) -> User:
    return User.objects.get(username="lanhdao")


@pytest.fixture
def when() -> dt.datetime:
    """Two days after the 2026 cut-off (14/12/2026), before the communes' deadline (17/12/2026)."""
    return dt.datetime(2026, 12, 16, 9, 0, tzinfo=dt.UTC)
