from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ictmis.accounts.demo import ACCOUNTS, load_demo
from ictmis.accounts.models import User

DEMO_USERNAMES = [account.username for account in ACCOUNTS]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The real unit tree and the demo accounts, loaded once for the whole session."""
    with django_db_blocker.unblock():
        call_command("load_units", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        load_demo(now=timezone.now())


@pytest.fixture
def now() -> dt.datetime:
    return dt.datetime(2025, 9, 15, 9, 30, tzinfo=dt.UTC)


def user_named(username: str) -> User:
    return User.objects.get(username=username)


@pytest.fixture
def specialist(db: Any) -> User:
    return user_named("chuyenvien")


@pytest.fixture
def administrator(db: Any) -> User:
    return user_named("admin")


@pytest.fixture
def commune_officer(db: Any) -> User:
    return user_named("canboxa")


@pytest.fixture
def enterprise_user(db: Any) -> User:
    return user_named("doanhnghiep")


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(settings: Any, tmp_path: Any) -> None:
    """Each test starts with an empty page cache and its own upload folder."""
    from django.core.cache import cache

    cache.clear()
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
