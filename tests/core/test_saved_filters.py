"""Saved filters: a user keeps a list's filter under a name and finds it again on that list; nobody else does."""

from __future__ import annotations

import pytest

from ictmis.core import services
from ictmis.core.errors import DomainError
from ictmis.core.models import SavedFilter
from tests.conftest import logged_in, user_named

pytestmark = pytest.mark.django_db

CASES = "/thu-tuc/ho-so/"


def test_a_saved_filter_is_found_again_on_its_list_without_the_page_or_an_export(now) -> None:
    client = logged_in("chuyenvien")

    response = client.post(
        "/bo-loc/luu/", {"path": CASES, "name": "Quá hạn của tôi", "query": "xem=overdue&cua_toi=assigned&page=3"}
    )
    page = client.get(CASES).content.decode()

    saved = SavedFilter.objects.get(user=user_named("chuyenvien"))
    assert (saved.path, saved.query) == (CASES, "xem=overdue&cua_toi=assigned")
    assert response["Location"] == f"{CASES}?xem=overdue&cua_toi=assigned"
    assert f'href="{CASES}?xem=overdue&amp;cua_toi=assigned" data-testid="saved-filter">Quá hạn của tôi<' in page


def test_another_user_neither_sees_nor_deletes_a_saved_filter(now) -> None:
    saved = services.save_filter(
        path=CASES, name="Quá hạn", query="xem=overdue", actor=user_named("chuyenvien"), now=now
    )
    other = logged_in("lanhdao")

    page = other.get(CASES).content.decode()
    refused = other.post(f"/bo-loc/{saved.pk}/xoa/")

    assert "Quá hạn</a>" not in page
    assert refused.status_code == 404 and SavedFilter.objects.filter(pk=saved.pk).exists()
    assert "Quá hạn</a>" in logged_in("chuyenvien").get(CASES).content.decode()


def test_the_owner_deletes_a_saved_filter(now) -> None:
    saved = services.save_filter(
        path=CASES, name="Quá hạn", query="xem=overdue", actor=user_named("chuyenvien"), now=now
    )

    response = logged_in("chuyenvien").post(f"/bo-loc/{saved.pk}/xoa/")

    assert response.status_code == 302 and response["Location"] == CASES
    assert not SavedFilter.objects.filter(pk=saved.pk).exists()


def test_the_same_name_replaces_the_filter_and_lists_keep_their_own(now) -> None:
    actor = user_named("chuyenvien")

    services.save_filter(path=CASES, name="Của tôi", query="cua_toi=assigned", actor=actor, now=now)
    services.save_filter(path=CASES, name="Của tôi", query="cua_toi=waiting", actor=actor, now=now)
    services.save_filter(path="/thong-bao/", name="Của tôi", query="unread=1", actor=actor, now=now)

    kept = dict(SavedFilter.objects.filter(user=actor).values_list("path", "query"))
    assert kept == {CASES: "cua_toi=waiting", "/thong-bao/": "unread=1"}


@pytest.mark.parametrize(
    ("path", "name", "field"),
    [(CASES, "  ", "name"), ("/khong-co-trang-nay/", "A", None), ("https://example.com/", "A", None)],
)
def test_a_filter_without_a_name_or_of_no_list_is_refused(now, path, name, field) -> None:
    with pytest.raises(DomainError) as refused:
        services.save_filter(path=path, name=name, query="", actor=user_named("chuyenvien"), now=now)

    assert refused.value.field == field and not SavedFilter.objects.exists()


def test_one_account_keeps_a_bounded_number_of_filters_across_all_lists(now) -> None:
    actor = user_named("chuyenvien")
    paths = [CASES if n < 20 else f"/danh-sach-{n}/" for n in range(services.SAVED_FILTERS_PER_USER)]
    SavedFilter.objects.bulk_create(
        SavedFilter(user=actor, path=path, name=f"Bộ lọc {n}", query="", created_at=now) for n, path in enumerate(paths)
    )

    with pytest.raises(DomainError) as refused:
        services.save_filter(path=CASES, name="Thêm một", query="xem=overdue", actor=actor, now=now)
    services.save_filter(path=CASES, name="Bộ lọc 0", query="xem=overdue", actor=actor, now=now)

    assert refused.value.field == "name" and "200" in str(refused.value)
    assert SavedFilter.objects.filter(user=actor).count() == services.SAVED_FILTERS_PER_USER
    assert SavedFilter.objects.get(user=actor, name="Bộ lọc 0").query == "xem=overdue"
