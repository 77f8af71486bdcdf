"""The participant import finds persons as enrolment does (citizen IDs stored or repeated in the file are
checked before anything is written) and, like the persons list export, is logged as personal data (Decree 13)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.test import Client
from openpyxl import Workbook

from ictmis.accounts.models import SecurityEvent
from ictmis.core import imports
from ictmis.parties import services as parties
from ictmis.parties.models import Person
from ictmis.training.importers import PARTICIPANTS
from ictmis.training.models import Enrolment

from .conftest import commune, enrol, user

pytestmark = pytest.mark.django_db
AT = dt.datetime(2019, 5, 2, 8, 0, tzinfo=dt.UTC)
HEADER = ["Họ và tên", "Năm sinh", "Chức vụ", "Mã đơn vị hành chính cấp xã", "Số định danh cá nhân"]
CID = "Số định danh cá nhân"


def _sheet(tmp_path: Path, *rows: list) -> Path:
    workbook = Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    data = io.BytesIO()
    workbook.save(data)
    path = tmp_path / "hoc-vien.xlsx"
    path.write_bytes(data.getvalue())
    return path


def _import(course, path: Path):
    return imports.import_file(PARTICIPANTS, path, actor=user("chuyenvien"), now=AT, params={"course": course.code})


def test_citizen_ids_repeated_in_the_file_or_held_by_another_stored_person_fail_the_check(course, tmp_path) -> None:
    values = {"full_name": "Lê Thị Hà", "birth_year": 1985, "unit": commune("18880"), "citizen_id": "044185001234"}
    parties.create_person(actor=user("chuyenvien"), now=AT, values=values)
    path = _sheet(
        tmp_path,
        ["Trần Văn Bảy", 1985, "", "18880", "044185001234"],  # Lê Thị Hà's citizen ID
        ["Nguyễn Văn An", 1987, "", "18880", "044087005678"],
        ["Nguyễn Văn Ân", 1987, "", "18883", "044087005678"],  # the same ID for another name
        ["Phạm Thị Cúc", 1990, "", "18880", "044190000111"],
        ["Phạm Thị Cúc", 1990, "", "18883", "044190000111"],  # the same person twice, another commune
    )

    checked = imports.validate(PARTICIPANTS, path, actor=user("chuyenvien"), params={"course": course.code})
    validation, counts = _import(course, path)

    assert sorted((e.row, e.column) for e in checked.errors) == [(2, CID), (4, CID), (6, CID)]
    assert [e.as_dict() for e in validation.errors] == [e.as_dict() for e in checked.errors]
    assert counts is None and Enrolment.objects.filter(course=course).count() == 0
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Lê Thị Hà"]


def test_a_row_without_citizen_id_is_not_taken_for_an_enrolled_namesake_who_has_one(course, tmp_path) -> None:
    enrolled = enrol(course, "Lê Thị Hà", "18880", birth_year=1985)
    Person.objects.filter(pk=enrolled.person_id).update(citizen_id="044185001234")

    validation, counts = _import(course, _sheet(tmp_path, ["Lê Thị Hà", 1985, "", "18880", ""]))

    assert validation.errors == [] and counts == {"created": 1, "updated": 0, "unchanged": 0}
    assert Enrolment.objects.filter(course=course).count() == 2


def test_the_persons_export_and_the_participant_import_are_logged_as_personal_data(course, tmp_path) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    client.force_login(user("chuyenvien"))
    assert client.get("/to-chuc/ca-nhan/", {"export": "csv"}).status_code == 200
    assert client.get("/to-chuc/ca-nhan/").status_code == 200  # the page itself is no export
    _validation, counts = _import(course, _sheet(tmp_path, ["Nguyễn Văn An", 1987, "", "18880", "044087005678"]))

    assert counts is not None
    exported = SecurityEvent.objects.get(kind="personal_data_exported")
    imported = SecurityEvent.objects.get(kind="personal_data_imported")
    assert (exported.actor.username, exported.address) == ("chuyenvien", "198.51.100.7")
    assert exported.details == {"registry": "persons", "format": "csv"}
    assert imported.details == {"registry": "training-participants", "rows": 1}
