"""A case's step says what happened, and its history reads in Vietnamese: no event code, no stored choice key."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ictmis.core.events import label_of
from ictmis.licensing import services as licensing
from ictmis.parties.models import Organisation
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db

WEBSITE = {"domains": ["lichsu.vn"], "server_location": "Đồng Hới", "responsible_person": "An"}


def test_a_step_is_confirmed_by_what_happened_and_the_history_names_it(specialist, now: dt.datetime) -> None:
    case = licensing.open_case(
        procedure_code="website.new",
        applicant=Organisation.objects.get(tax_code="4701234564"),
        particulars=WEBSITE,
        actor=specialist,
        now=now,
    )
    client = logged_in("chuyenvien")

    done = client.post(reverse("licensing:case_step", args=[case.pk, "start_appraisal"]), {"note": ""}, follow=True)
    history = client.get(reverse("licensing:case_detail", args=[case.pk]), {"tab": "history"}).content.decode()

    assert f"Hồ sơ {case.code} đã chuyển sang thẩm định." in done.content.decode()
    assert "Đã thực hiện" not in done.content.decode()
    assert "Chuyển thẩm định" in history and "Nhận hồ sơ" in history
    assert "đã tiếp nhận</del> → <ins>đang thẩm định" in history
    assert "licensing.case" not in history and "Changed" not in history
    assert "Sửa thông tin" in history and "Tạo mới" in history


def test_a_verb_no_app_names_reads_as_a_processing_step_never_as_its_code() -> None:
    assert label_of("licensing.case.start_appraisal") == "Chuyển thẩm định"
    assert label_of("telecom.station.created") == "Tạo mới"
    assert label_of("somewhere.thing.happened") == "Bước xử lý"


@pytest.mark.parametrize("app", ["licensing", "portal", "indicators", "directives"])
def test_every_step_that_stays_on_its_page_has_a_confirmation(app: str) -> None:
    import importlib

    table = importlib.import_module(f"ictmis.{app}.workflow")

    assert set(table.STEPS) - set(table.DONE_MESSAGES) <= {"correct"}  # a correction opens the new edition
