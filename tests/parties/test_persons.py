"""Persons: the citizen ID checked and unique among live persons, the Vietnamese sort key, and the scope (the
Department's staff see everyone; a commune officer sees and changes only their communes' persons; an enterprise
sees nobody), on the services, the pages and the API."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from openpyxl import load_workbook

from ictmis.accounts.models import User
from ictmis.core.errors import NotAllowedError
from ictmis.core.models import Event
from ictmis.core.records import soft_delete
from ictmis.parties import selectors, services
from ictmis.parties.models import Person
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
OWN, OTHER = "18880", "19015"  # the commune officer's (former) commune, and one outside their scope


def commune(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level="commune", valid_to__isnull=False)


def person(name: str, code: str = OWN, now=None, **values) -> Person:
    return services.create_person(
        actor=User.objects.get(username="chuyenvien"), now=now, values={"full_name": name, "unit": commune(code),
                                                                         **values}
    )  # fmt: skip


def browser(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.mark.parametrize(
    ("citizen_id", "birth_year", "message"),
    [
        ("04407000123", None, "Số định danh cá nhân gồm 12 chữ số."),
        ("04407000123X", None, "Số định danh cá nhân gồm 12 chữ số."),
        ("097070001234", None, "(001–096)"),
        ("044070001234", 1971, "năm sinh 1970, không phải 1971"),
    ],
)
def test_a_citizen_id_that_is_not_well_formed_is_refused_naming_the_field(now, citizen_id, birth_year, message):
    with pytest.raises(ValidationError) as refused:
        person("Lê Văn Sai", now=now, citizen_id=citizen_id, birth_year=birth_year)

    assert message in " ".join(refused.value.message_dict["citizen_id"])
    assert not Person.objects.filter(full_name="Lê Văn Sai").exists()


def test_a_citizen_id_belongs_to_one_live_person_only(now) -> None:
    first = person("Nguyễn Thị Hoa", now=now, citizen_id="044185001234", birth_year=1985)

    with pytest.raises(ValidationError) as refused:
        person("Trần Thị Hoa", now=now, citizen_id="044185001234")
    soft_delete(first, actor=None, now=now, verb="parties.person.deleted")
    again = person("Nguyễn Thị Hoa", now=now, citizen_id="044185001234", birth_year=1985)

    assert "citizen_id" in refused.value.message_dict
    assert again.pk != first.pk and Person.objects.alive().filter(citizen_id="044185001234").count() == 1


def test_a_person_is_recorded_with_history_an_event_sort_key_and_unit_path(specialist, now) -> None:
    recorded = person("Đặng Văn Đức", now=now, phone="0912 345 678", position="Công chức Văn hóa - Xã hội")

    assert recorded.history.count() == 1 and recorded.created_by == specialist
    assert Event.objects.filter(verb="parties.person.created", object_id=str(recorded.pk)).exists()
    assert recorded.unit_path == commune(OWN).path
    assert "dang van duc" in recorded.search_text and "0912345678" in recorded.search_text
    assert [p.full_name for p in Person.objects.filter(pk__in=[recorded.pk, person("Dương Thị An", now=now).pk])] == [
        "Dương Thị An",
        "Đặng Văn Đức",
    ]


def test_the_department_sees_every_person_a_commune_officer_their_communes_an_enterprise_nobody(now) -> None:
    mine, theirs = person("Hồ Văn Gần", OWN, now), person("Hồ Văn Xa", OTHER, now)

    def seen(username: str) -> set[int]:
        return set(selectors.persons_for(User.objects.get(username=username)).filter(pk__in=[mine.pk, theirs.pk])
                   .values_list("pk", flat=True))  # fmt: skip

    assert seen("chuyenvien") == seen("lanhdao") == seen("thanhtra") == {mine.pk, theirs.pk}
    assert seen("canboxa") == {mine.pk}
    assert seen("doanhnghiep") == seen("bientap") == set()


def test_a_commune_officer_never_changes_a_person_of_another_commune(now) -> None:
    officer = User.objects.get(username="canboxa")
    theirs = person("Lê Thị Khác", OTHER, now, position="Văn thư")
    mine = person("Lê Văn Mình", OWN, now)

    with pytest.raises(NotAllowedError):
        services.update_person(person_id=theirs.pk, actor=officer, now=now, expected_version=theirs.version,
                               changes={"position": "Đã sửa"})  # fmt: skip
    with pytest.raises(NotAllowedError):  # nor takes them over by moving them into their own commune
        services.update_person(person_id=theirs.pk, actor=officer, now=now, expected_version=theirs.version,
                               changes={"unit": commune(OWN)})  # fmt: skip
    with pytest.raises(NotAllowedError):  # nor moves their own person out of their scope
        services.update_person(person_id=mine.pk, actor=officer, now=now, expected_version=mine.version,
                               changes={"unit": commune(OTHER)})  # fmt: skip
    with pytest.raises(NotAllowedError):
        services.create_person(actor=officer, now=now, values={"full_name": "Người Mới", "unit": commune(OTHER)})
    changed = services.update_person(person_id=mine.pk, actor=officer, now=now, expected_version=mine.version,
                                     changes={"position": "Công chức"})  # fmt: skip

    theirs.refresh_from_db()
    assert (theirs.position, theirs.unit.code, theirs.version, theirs.history.count()) == ("Văn thư", OTHER, 1, 1)
    assert (changed.position, changed.version) == ("Công chức", 2)
    assert not Person.objects.filter(full_name="Người Mới").exists()


def test_pages_and_api_answer_404_outside_the_scope(now) -> None:
    theirs = person("Lê Thị Khác", OTHER, now)
    officer = browser("canboxa")

    page = officer.get(f"/to-chuc/ca-nhan/{theirs.pk}/")
    edit = officer.post(f"/to-chuc/ca-nhan/{theirs.pk}/sua/", {"full_name": "Đã đổi", "unit": commune(OWN).pk,
                                                                "version": 1})  # fmt: skip
    api = officer.get(f"/api/v1/persons/{theirs.pk}")

    assert (page.status_code, edit.status_code, api.status_code) == (404, 404, 404)
    assert Person.objects.get(pk=theirs.pk).full_name == "Lê Thị Khác"
    assert browser("doanhnghiep").get("/to-chuc/ca-nhan/").status_code == 403
    assert browser("doanhnghiep").get("/api/v1/persons").status_code == 403


def test_a_commune_officer_records_and_edits_a_person_of_their_commune_through_the_pages(now) -> None:
    officer = browser("canboxa")

    created = officer.post("/to-chuc/ca-nhan/them/", {"full_name": "Phan  Văn Tâm", "birth_year": 1980,
                                                      "unit": commune(OWN).pk, "gender": "male"})  # fmt: skip
    recorded = Person.objects.get(full_name="Phan Văn Tâm")
    refused = officer.post("/to-chuc/ca-nhan/them/", {"full_name": "Ngoài Xã", "unit": commune(OTHER).pk})
    edited = officer.post(f"/to-chuc/ca-nhan/{recorded.pk}/sua/", {"full_name": "Phan Văn Tâm", "birth_year": 1980,
                          "unit": commune(OWN).pk, "position": "Trưởng đài", "version": 1})  # fmt: skip

    assert created.status_code == edited.status_code == 302
    assert refused.status_code == 200 and not Person.objects.filter(full_name="Ngoài Xã").exists()
    assert Person.objects.get(pk=recorded.pk).position == "Trưởng đài"
    history = officer.get(f"/to-chuc/ca-nhan/{recorded.pk}/?tab=history").content.decode()
    assert "Trưởng đài" in history


def test_the_list_searches_without_diacritics_filters_by_unit_sorts_and_exports(now) -> None:
    person("Võ Thị Mai", OWN, now, citizen_id="044190001111", birth_year=1990, phone="0905.111.222")
    person("Võ Văn Mạnh", OTHER, now, birth_year=1970)
    person("Bùi Thị Lan", OWN, now)
    client = browser("chuyenvien")

    def names(query: str) -> list[str]:
        page = client.get(f"/to-chuc/ca-nhan/?{query}").content.decode()
        return [n for n in ("Bùi Thị Lan", "Võ Thị Mai", "Võ Văn Mạnh") if n in page]

    assert names("q=vo") == ["Võ Thị Mai", "Võ Văn Mạnh"]
    assert names("q=044190001111") == names("q=0905111222") == ["Võ Thị Mai"]
    assert names(f"unit={OTHER}") == ["Võ Văn Mạnh"]
    exported = client.get("/to-chuc/ca-nhan/", {"q": "vo", "sort": "-birth_year", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(exported.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows if row[0] in ("Võ Thị Mai", "Võ Văn Mạnh")] == ["Võ Thị Mai", "Võ Văn Mạnh"]


def test_the_api_lists_persons_in_scope_with_filters_and_pages(now) -> None:
    person("Trịnh Văn Một", OWN, now)
    person("Trịnh Văn Hai", OTHER, now)

    everyone = browser("chuyenvien").get("/api/v1/persons", {"q": "trinh van"}).json()
    officer = browser("canboxa").get("/api/v1/persons", {"q": "trinh van"}).json()
    by_unit = browser("chuyenvien").get("/api/v1/persons", {"q": "trinh", "unit": OTHER}).json()
    bad = browser("chuyenvien").get("/api/v1/persons", {"unit": "abc"})

    assert [p["full_name"] for p in everyone["items"]] == ["Trịnh Văn Hai", "Trịnh Văn Một"]
    assert everyone["count"] == 2
    assert [(p["full_name"], p["unit_code"]) for p in officer["items"]] == [("Trịnh Văn Một", OWN)]
    assert [p["full_name"] for p in by_unit["items"]] == ["Trịnh Văn Hai"]
    assert bad.status_code == 422


def test_the_list_and_the_api_take_the_same_queries_however_many_persons_they_show(now) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = browser("chuyenvien")
    person("Số Một", OWN, now)
    client.get("/to-chuc/ca-nhan/")  # the session and permission caches are filled once

    def queries() -> list[int]:
        counts = []
        for path in ("/to-chuc/ca-nhan/?q=so", "/api/v1/persons?q=so"):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(path).status_code == 200
            counts.append(len(captured))
        return counts

    few = queries()
    for n in range(6):
        person(f"Số Người {n}", OTHER if n % 2 else OWN, now, position="Công chức")
    assert queries() == few
