import datetime as dt
from typing import Any

import pytest

from ictmis.accounts.models import User
from ictmis.parties.models import Organisation


@pytest.fixture
def today_now() -> dt.datetime:
    return dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def applicant(db: Any) -> Organisation:
    return Organisation.objects.get(tax_code="4701234564")


@pytest.fixture
def leader(db: Any) -> User:
    return User.objects.get(username="lanhdao")


WEBSITE = {
    "name": "Tin tức Nhật Lệ",
    "domains": ["tintucnhatle.vn"],
    "server_location": "Trung tâm dữ liệu VNPT, Đồng Hới",
    "responsible_person": "Nguyễn Văn An",
    "sources": ["Báo Quảng Bình"],
}
