"""Deleting a person (soft, for a written reason) and restoring them: the keepers of persons within their scope,
the reason kept in the event and shown, deleted persons out of the lists unless asked for, and a restore refused
on the citizen ID when a live person holds it now; on the services, the pages and the API."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from ictmis.accounts.models import User
from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.models import Event
from ictmis.parties import selectors, services
from ictmis.parties.models import Person
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
OWN, OTHER = "18880", "19015"  # the commune officer's (former) commune, and one outside their scope
REASON = "Ghi trùng với hồ sơ đã có"


def commune(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, level="commune", valid_to__isnull=False)


def user(username: str) -> User:
    return User.objects.get(username=username)


def person(name: str, now, code: str = OWN, **values) -> Person:
    return services.create_person(actor=user("chuyenvien"), now=now,
                                  values={"full_name": name, "unit": commune(code), **values})  # fmt: skip


def browser(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def verbs(someone: Person) -> list[str]:
    return list(
        Event.objects.filter(object_type="parties.person", object_id=str(someone.pk))
        .order_by("at", "pk")
        .values_list("verb", flat=True)
    )


def test_a_specialist_deletes_a_person_with_the_reason_in_the_event_and_the_history(now) -> None:
    recorded = person("Lê Văn Trùng", now)

    deleted = services.delete_person(person_id=recorded.pk, actor=user("chuyenvien"), now=now, reason=f"  {REASON} ")

    assert deleted.deleted_at == now and deleted.deleted_by == user("chuyenvien") and deleted.version == 2
    event = Event.objects.get(verb="parties.person.deleted", object_id=str(recorded.pk))
    assert event.data == {"reason": REASON} and event.actor == user("chuyenvien")
    assert deleted.history.count() == 2 and deleted.history.first().deleted_at == now
    assert not selectors.persons_for(user("chuyenvien")).filter(pk=recorded.pk).exists()
    assert selectors.deletion_reason(deleted) == REASON


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_deletion_without_a_reason_is_refused_on_the_reason_and_nothing_is_written(now, reason) -> None:
    recorded = person("Lê Văn Còn", now)

    with pytest.raises(ValidationError) as refused:
        services.delete_person(person_id=recorded.pk, actor=user("chuyenvien"), now=now, reason=reason)

    assert "Nhập lý do xóa cá nhân này." in refused.value.message_dict["reason"]
    recorded.refresh_from_db()
    assert (recorded.deleted_at, recorded.version, recorded.history.count()) == (None, 1, 1)
    assert verbs(recorded) == ["parties.person.created"]


def test_a_commune_officer_deletes_and_restores_only_their_communes_persons(now) -> None:
    officer = user("canboxa")
    mine, theirs = person("Hồ Văn Gần", now, OWN), person("Hồ Văn Xa", now, OTHER)

    with pytest.raises(NotAllowedError):
        services.delete_person(person_id=theirs.pk, actor=officer, now=now, reason=REASON)
    services.delete_person(person_id=theirs.pk, actor=user("chuyenvien"), now=now, reason=REASON)
    with pytest.raises(NotAllowedError):
        services.restore_person(person_id=theirs.pk, actor=officer, now=now)
    services.delete_person(person_id=mine.pk, actor=officer, now=now, reason=REASON)
    services.restore_person(person_id=mine.pk, actor=officer, now=now)

    assert Person.objects.get(pk=theirs.pk).is_deleted and not Person.objects.get(pk=mine.pk).is_deleted
    assert verbs(theirs) == ["parties.person.created", "parties.person.deleted"]
    assert verbs(mine) == ["parties.person.created", "parties.person.deleted", "parties.person.restored"]


@pytest.mark.parametrize("username", ["lanhdao", "thanhtra", "doanhnghiep", "bientap"])
def test_who_does_not_keep_persons_deletes_and_restores_none(now, username) -> None:
    recorded = person("Ngô Văn Giữ", now)
    gone = person("Ngô Văn Đi", now)
    services.delete_person(person_id=gone.pk, actor=user("chuyenvien"), now=now, reason=REASON)

    with pytest.raises(NotAllowedError):
        services.delete_person(person_id=recorded.pk, actor=user(username), now=now, reason=REASON)
    with pytest.raises(NotAllowedError):
        services.restore_person(person_id=gone.pk, actor=user(username), now=now)

    assert not Person.objects.get(pk=recorded.pk).is_deleted and Person.objects.get(pk=gone.pk).is_deleted


def test_a_restore_is_refused_on_the_citizen_id_when_a_live_person_holds_it_now(now) -> None:
    first = person("Nguyễn Thị Hoa", now, citizen_id="044185001234", birth_year=1985)
    services.delete_person(person_id=first.pk, actor=user("chuyenvien"), now=now, reason=REASON)
    holder = person("Nguyễn Thị Hoa", now, citizen_id="044185001234", birth_year=1985)

    with pytest.raises(DomainError) as refused:
        services.restore_person(person_id=first.pk, actor=user("chuyenvien"), now=now)

    assert refused.value.field == "citizen_id"
    assert "Số định danh cá nhân này hiện đã thuộc về một người khác" in refused.value.message
    first.refresh_from_db()
    assert first.is_deleted and first.version == 2 and first.history.count() == 2
    assert verbs(first) == ["parties.person.created", "parties.person.deleted"]
    services.delete_person(person_id=holder.pk, actor=user("chuyenvien"), now=now, reason=REASON)
    assert not services.restore_person(person_id=first.pk, actor=user("chuyenvien"), now=now).is_deleted


def test_the_list_hides_deleted_persons_and_shows_them_alone_with_the_deleted_filter(now) -> None:
    person("Trịnh Văn Sống", now)
    gone = person("Trịnh Văn Xóa", now)
    services.delete_person(person_id=gone.pk, actor=user("chuyenvien"), now=now, reason=REASON)
    client = browser("chuyenvien")

    live = client.get("/to-chuc/ca-nhan/", {"q": "trinh van"}).content.decode()
    deleted = client.get("/to-chuc/ca-nhan/", {"q": "trinh van", "deleted": "on"}).content.decode()
    api_live = client.get("/api/v1/persons", {"q": "trinh van"}).json()
    api_deleted = client.get("/api/v1/persons", {"q": "trinh van", "deleted": "true"}).json()

    assert "Trịnh Văn Sống" in live and "Trịnh Văn Xóa" not in live
    assert "Trịnh Văn Xóa" in deleted and "Trịnh Văn Sống" not in deleted
    assert '<span class="badge text-bg-danger">Đã xóa</span>' in deleted
    assert [p["full_name"] for p in api_live["items"]] == ["Trịnh Văn Sống"]
    assert [(p["full_name"], p["deleted_at"] is not None) for p in api_deleted["items"]] == [("Trịnh Văn Xóa", True)]


def test_the_deleted_filter_keeps_a_commune_officer_to_their_communes(now) -> None:
    for name, code in (("Phí Văn Gần", OWN), ("Phí Văn Xa", OTHER)):
        gone = person(name, now, code)
        services.delete_person(person_id=gone.pk, actor=user("chuyenvien"), now=now, reason=REASON)

    page = browser("canboxa").get("/to-chuc/ca-nhan/", {"q": "phi van", "deleted": "on"}).content.decode()

    assert "Phí Văn Gần" in page and "Phí Văn Xa" not in page


def test_a_specialist_deletes_through_the_confirmation_page_and_restores_from_the_persons_page(now) -> None:
    recorded = person("Đoàn Văn Nhầm", now)
    client = browser("chuyenvien")

    confirmation = client.get(f"/to-chuc/ca-nhan/{recorded.pk}/xoa/")
    blank = client.post(f"/to-chuc/ca-nhan/{recorded.pk}/xoa/", {"reason": "  "})
    still = Person.objects.get(pk=recorded.pk).is_deleted
    deleted = client.post(f"/to-chuc/ca-nhan/{recorded.pk}/xoa/", {"reason": REASON}, follow=True)
    history = client.get(f"/to-chuc/ca-nhan/{recorded.pk}/?tab=history").content.decode()
    restore_by_get = client.get(f"/to-chuc/ca-nhan/{recorded.pk}/khoi-phuc/")
    restored = client.post(f"/to-chuc/ca-nhan/{recorded.pk}/khoi-phuc/", follow=True)

    assert confirmation.status_code == 200 and 'name="reason"' in confirmation.content.decode()
    assert blank.status_code == 200 and "Trường này là bắt buộc." in blank.content.decode() and not still
    page = deleted.content.decode()
    assert "Đã xóa cá nhân. Có thể khôi phục từ trang thông tin của cá nhân đó." in page
    assert 'data-testid="person-deleted"' in page and REASON in page and 'data-testid="restore-person"' in page
    assert 'data-testid="edit-person"' not in page
    assert f"Xóa cá nhân: {REASON}" in history
    assert restore_by_get.status_code == 405
    assert "Đã khôi phục cá nhân." in restored.content.decode() and not Person.objects.get(pk=recorded.pk).is_deleted


def test_a_refused_restore_shows_the_reason_at_the_citizen_id_and_writes_nothing(now) -> None:
    first = person("Mai Thị Lan", now, citizen_id="044190002222", birth_year=1990)
    services.delete_person(person_id=first.pk, actor=user("chuyenvien"), now=now, reason=REASON)
    person("Mai Thị Lan", now, citizen_id="044190002222", birth_year=1990)

    refused = browser("chuyenvien").post(f"/to-chuc/ca-nhan/{first.pk}/khoi-phuc/")

    assert refused.status_code == 200
    assert 'data-testid="citizen-id-error"' in refused.content.decode()
    assert "hiện đã thuộc về một người khác" in refused.content.decode()
    assert Person.objects.get(pk=first.pk).is_deleted and verbs(first)[-1] == "parties.person.deleted"


def test_the_pages_refuse_leaders_with_403_and_whoever_sees_no_person_with_404(now) -> None:
    mine, theirs = person("Võ Văn Gần", now, OWN), person("Võ Văn Xa", now, OTHER)

    def status(username: str, target: Person) -> tuple[int, int]:
        client = browser(username)
        return (client.get(f"/to-chuc/ca-nhan/{target.pk}/xoa/").status_code,
                client.post(f"/to-chuc/ca-nhan/{target.pk}/xoa/", {"reason": REASON}).status_code)  # fmt: skip

    assert status("lanhdao", mine) == status("thanhtra", mine) == (403, 403)
    assert status("doanhnghiep", mine) == status("bientap", mine) == (404, 404)
    assert status("canboxa", theirs) == (404, 404)
    assert not Person.objects.filter(pk__in=[mine.pk, theirs.pk], deleted_at__isnull=False).exists()


def test_the_api_deletes_with_a_reason_and_restores(now) -> None:
    recorded = person("Quách Văn Api", now, citizen_id="044180003333", birth_year=1980)
    client = browser("chuyenvien")

    def delete(body: dict) -> object:
        return client.delete(f"/api/v1/persons/{recorded.pk}", body, content_type="application/json")

    missing, blank = delete({}), delete({"reason": "   "})
    deleted = delete({"reason": REASON})
    shown = client.get(f"/api/v1/persons/{recorded.pk}").json()
    again = delete({"reason": REASON})
    holder = person("Quách Văn Api", now, citizen_id="044180003333", birth_year=1980)
    conflict = client.post(f"/api/v1/persons/{recorded.pk}/restore")
    services.delete_person(person_id=holder.pk, actor=user("chuyenvien"), now=now, reason=REASON)
    restored = client.post(f"/api/v1/persons/{recorded.pk}/restore")

    assert missing.status_code == blank.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == [e["field"] for e in blank.json()["errors"]] == ["reason"]
    assert deleted.status_code == 204 and shown["deleted_at"] is not None
    assert again.status_code == 404
    assert conflict.status_code == 409 and conflict.json()["errors"][0]["field"] == "citizen_id"
    assert restored.status_code == 200 and restored.json()["deleted_at"] is None
    assert restored.json()["version"] == 3


def test_the_api_answers_403_to_leaders_and_404_outside_the_scope(now) -> None:
    mine, theirs = person("Kiều Văn Gần", now, OWN), person("Kiều Văn Xa", now, OTHER)

    def delete(username: str, target: Person) -> int:
        return browser(username).delete(f"/api/v1/persons/{target.pk}", {"reason": REASON},
                                        content_type="application/json").status_code  # fmt: skip

    assert delete("lanhdao", mine) == delete("thanhtra", mine) == 403
    assert delete("doanhnghiep", mine) == delete("bientap", mine) == delete("canboxa", theirs) == 404
    services.delete_person(person_id=theirs.pk, actor=user("chuyenvien"), now=now, reason=REASON)
    assert browser("canboxa").post(f"/api/v1/persons/{theirs.pk}/restore").status_code == 404
    assert browser("lanhdao").post(f"/api/v1/persons/{theirs.pk}/restore").status_code == 403
    assert Person.objects.get(pk=theirs.pk).is_deleted and not Person.objects.get(pk=mine.pk).is_deleted
