"""Every list page and list endpoint answers hostile query parameters with a page or a 4xx, never a 500."""

import pytest
from django.test import Client

from ictmis.accounts.models import User

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
HOSTILE = {
    "page": HUGE, "offset": HUGE, "operator": "abc", "unit": "#abc", "on": "2024-99-99", "level": "x",
    "year": HUGE, "sort": "-x'", "xem": "x", "tu": "13/99999", "cap": "x", "status": "x", "q": "a\x00b",
    "zoom": HUGE, "bbox": "a,b", "parent": HUGE,
}  # fmt: skip
STAFF_PAGES = [
    "/quan-tri/nguoi-dung/", "/don-vi-hanh-chinh/", "/don-vi-hanh-chinh/44/", "/to-chuc/", "/lich-lam-viec/",
    "/co-so-du-lieu/bts-stations/", "/co-so-du-lieu/bts-stations/ban-do/",
    "/co-so-du-lieu/post-offices/", "/co-so-du-lieu/radio-stations/", "/co-so-du-lieu/internet-points/",
    "/co-so-du-lieu/households/", "/thu-tuc/ho-so/", "/thu-tuc/ho-so/them/", "/thu-tuc/bang-dieu-khien/",
    "/thu-tuc/giay-phep/", "/chuong-trinh/danh-sach-ho-ngheo/",
    "/chuong-trinh/bao-chi/dan-toc-phat-trien/", "/chuong-trinh/tv-digitisation/",
    "/chuong-trinh/tv-digitisation/chua-ho-tro/", "/bien-tap/", "/hop-thu-gop-y/",
    "/to-chuc/ca-nhan/", "/api/v1/persons",
    "/api/v1/units", "/api/v1/organisations", "/api/v1/cases", "/api/v1/licences", "/api/v1/articles",
    "/api/v1/bts-stations", "/api/v1/bts-stations/map", "/api/v1/bts-stations/summary",
    "/api/v1/programmes/tv-digitisation/progress", "/api/v1/programmes/tv-digitisation/deliveries",
]  # fmt: skip
PUBLIC_PAGES = [
    "/cong-thong-tin/", "/cong-thong-tin/so-lieu/bts-stations/", "/cong-thong-tin/so-lieu/bts-stations/ban-do/",
    "/cong-thong-tin/so-lieu/bts-stations/ban-do.json", "/cong-thong-tin/du-lieu-mo/",
    "/cong-thong-tin/du-lieu-mo/post-offices.csv", "/cong-thong-tin/tin-tuc/", "/cong-thong-tin/giay-phep/",
    "/cong-thong-tin/van-ban-phap-luat/", "/api/v1/licences", "/api/v1/articles", "/api/v1/procedures",
]  # fmt: skip


def server_errors(client: Client, path: str) -> list[str]:
    """Each hostile parameter alone (so an early 400 for one does not hide another), then all of them."""
    tries = [{name: value} for name, value in HOSTILE.items()] + [HOSTILE]
    return [", ".join(params) for params in tries if client.get(path, params).status_code >= 500]


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_pages_answer_hostile_parameters_without_a_server_error(path) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="admin" if path.startswith("/quan-tri/") else "chuyenvien"))

    assert server_errors(client, path) == []


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_answer_hostile_parameters_without_a_server_error(path) -> None:
    assert server_errors(Client(raise_request_exception=False), path) == []
