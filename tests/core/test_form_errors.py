"""A refused form lists its errors at the top of the page, each linked to its field, once."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_the_errors_of_a_refused_form_are_listed_above_the_form_with_links_to_the_fields() -> None:
    page = logged_in("chuyenvien").post(reverse("parties:create"), {"name": "", "kind": "enterprise"})

    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('data-testid="form-errors"') == 1
    summary = html.index('data-testid="form-errors"')
    assert html.index('id="main"') < summary < html.index('id="id_name"')
    listed = html[summary : html.index("</div>", summary)]
    assert re.search(r'<a class="alert-link" href="#id_name">[^<]+</a>: ', listed)


def test_a_page_without_errors_shows_no_error_summary() -> None:
    page = logged_in("chuyenvien").get(reverse("parties:create"))

    assert 'data-testid="form-errors"' not in page.content.decode()


def test_a_taken_code_names_the_record_that_holds_it(now: object) -> None:
    from ictmis.core.registry_demo import upsert
    from ictmis.units.models import AdministrativeUnit, Level

    commune = AdministrativeUnit.objects.get(code="18880", level=Level.COMMUNE, valid_to__isnull=False)
    upsert("post-offices", [{"code": "TRUNG-1", "name": "Điểm Bảo Ninh", "unit": commune}], now=now)

    page = logged_in("chuyenvien").post(
        reverse("registry:create", args=["post-offices"]), {"code": "TRUNG-1", "name": "Điểm mới", "unit": commune.pk}
    )

    html = page.content.decode()
    assert "TRUNG-1 đã được dùng cho “" in html
    assert 'href="#id_code"' in html
