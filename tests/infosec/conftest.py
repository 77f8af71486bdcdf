from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ictmis.accounts.models import User
from ictmis.infosec import services
from ictmis.infosec.models import InformationSystem
from ictmis.parties.models import Organisation, OrganisationKind


@pytest.fixture
def at() -> dt.datetime:
    return dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def operator(db: Any) -> Organisation:
    """The demo enterprise of `doanhnghiep`: it operates systems it does not own."""
    return Organisation.objects.get(tax_code="4701234564")


@pytest.fixture
def agency(db: Any) -> Organisation:
    return Organisation.objects.create(name="Văn phòng UBND tỉnh (kiểm thử)", kind=OrganisationKind.STATE_AGENCY)


@pytest.fixture
def leader(db: Any) -> User:
    return User.objects.get(username="lanhdao")


def make_system(actor: Any, at: dt.datetime, **values: Any) -> InformationSystem:
    base: dict[str, Any] = {"system_type": "service", "proposed_level": 3, "status": "operating"}
    return services.save_system(values={**base, **values}, actor=actor, now=at)


@pytest.fixture
def portal(specialist: User, agency: Organisation, at: dt.datetime) -> InformationSystem:
    return make_system(specialist, at, code="T-PORTAL", name="Cổng thông tin thử", owner=agency)


@pytest.fixture
def camera(specialist: User, agency: Organisation, operator: Organisation, at: dt.datetime) -> InformationSystem:
    return make_system(
        specialist, at, code="T-CAMERA", name="Camera thử", owner=agency, operator=operator, proposed_level=2
    )
