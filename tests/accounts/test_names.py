"""One full name in Vietnamese order; the given name derived for sorting and greeting."""

import importlib

import pytest
from django.apps import apps
from django.test import Client

from ictmis.accounts import selectors
from ictmis.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_full_name_gives_the_given_name_and_django_sees_it_in_order() -> None:
    user = User.objects.create(username="nvh", full_name="  Nguyễn   Văn Hùng ")

    assert (user.full_name, user.first_name, user.last_name) == ("Nguyễn Văn Hùng", "Hùng", "Nguyễn Văn")
    assert user.get_full_name() == "Nguyễn Văn Hùng" and user.get_short_name() == "Hùng"
    assert str(user) == "Nguyễn Văn Hùng"


def test_people_are_listed_by_given_name_then_family_name() -> None:
    for username, name in [("u1", "Trần Văn Bình"), ("u2", "Nguyễn Thị Ánh"), ("u3", "Lê An"), ("u4", "Đỗ Văn Bình")]:
        User.objects.create(username=username, full_name=name)

    names = [u.full_name for u in selectors.users().filter(username__in=["u1", "u2", "u3", "u4"])]

    assert names == ["Lê An", "Nguyễn Thị Ánh", "Đỗ Văn Bình", "Trần Văn Bình"]


def test_the_migration_writes_existing_names_in_vietnamese_order() -> None:
    User.objects.create(username="old")
    User.objects.filter(username="old").update(first_name="Hùng", last_name="Nguyễn Văn", full_name="")
    migration = importlib.import_module("ictmis.accounts.migrations.0007_full_names_from_given_and_family")

    migration.forwards(apps, None)

    assert User.objects.get(username="old").full_name == "Nguyễn Văn Hùng"


def test_the_greeting_and_the_user_form_use_the_full_name() -> None:
    client = Client()
    client.force_login(User.objects.get(username="lanhdao"))
    assert "Nguyễn Văn Hùng" in client.get("/").content.decode()

    admin = Client()
    admin.force_login(User.objects.get(username="admin"))
    officer = User.objects.get(username="canboxa")
    page = admin.get(f"/quan-tri/nguoi-dung/{officer.pk}/").content.decode()
    assert 'name="full_name"' in page and "Phạm Thị Hoa" in page and 'name="first_name"' not in page
