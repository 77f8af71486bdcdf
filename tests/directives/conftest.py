from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ictmis.accounts.models import User
from ictmis.directives import services
from ictmis.directives.demo import divisions
from ictmis.directives.models import DirectingDocument, Division
from ictmis.units.public import AdministrativeUnit, home_units


@pytest.fixture
def now() -> dt.datetime:
    return dt.datetime(2025, 9, 15, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def leader(db: Any) -> User:
    return User.objects.get(username="lanhdao")


@pytest.fixture
def officer(db: Any) -> User:
    return User.objects.get(username="canboxa")


@pytest.fixture
def division(db: Any) -> Division:
    return divisions()["BCVT"]


@pytest.fixture
def own_commune(db: Any) -> AdministrativeUnit:
    """The demo commune officer's current commune."""
    return AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=True)


@pytest.fixture
def other_commune(db: Any) -> AdministrativeUnit:
    return home_units(level="commune").filter(valid_to__isnull=True).exclude(code="18880").order_by("code").first()


@pytest.fixture
def notice(leader: User, now: dt.datetime) -> DirectingDocument:
    return services.record_document(
        actor=leader,
        now=now,
        number="12/TB-STTTT",
        issued_on=dt.date(2025, 9, 1),
        issuer="Sở Thông tin và Truyền thông",
        signer="Giám đốc Sở",
        title="Kết luận của Giám đốc Sở tại buổi làm việc",
        items=["Rà soát đài truyền thanh", "Báo cáo định kỳ"],
    )


def pdf(name: str = "bao-cao.pdf") -> services.Upload:
    return services.Upload(b"%PDF-1.4\n% test\n", name)
