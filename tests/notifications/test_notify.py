"""notify(): one row per recipient in the caller's transaction, one e-mail per opted-in recipient after
commit (none on rollback), dedup, preferences, languages, bare addresses."""

from __future__ import annotations

import pytest
from django.db import transaction

from ictmis.notifications import kinds, services
from ictmis.notifications.models import Notification
from ictmis.notifications.public import UnknownKindError, notify, organisation_users, users_with_role
from tests.notifications.conftest import TEST_KIND

pytestmark = pytest.mark.django_db

CONTEXT = {"code": "2026-000042", "subject": "tintuc.vn", "note": "Thiếu đề án hoạt động"}


def send(recipients, at, **kwargs):
    return notify(recipients=recipients, event=TEST_KIND, context=CONTEXT, link="/thu-tuc/ho-so/42/", now=at, **kwargs)


def test_one_row_per_recipient_and_one_mail_each_after_commit(
    users, at, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    a, b = users["doanhnghiep"], users["chuyenvien"]
    with django_capture_on_commit_callbacks(execute=True):
        written = send([a, b, a, None], at)
        assert mailoutbox == []  # nothing leaves before the transaction commits

    assert sorted(n.recipient_id for n in written) == sorted([a.pk, b.pk])
    assert Notification.objects.count() == 2
    row = Notification.objects.get(recipient=a)
    assert row.title == "Hồ sơ 2026-000042: yêu cầu bổ sung"  # Vietnamese by default
    assert "Thiếu đề án hoạt động" in row.body and row.link == "/thu-tuc/ho-so/42/"
    assert (row.created_at, row.read_at, row.mail) == (at, None, Notification.Mail.SENT)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([a.email, b.email])
    mail = next(m for m in mailoutbox if m.to == [a.email])
    assert mail.subject == row.title
    assert "http://127.0.0.1:8000/thu-tuc/ho-so/42/" in mail.body
    [(html, mimetype)] = mail.alternatives  # the kind has an HTML template too
    assert mimetype == "text/html" and "Thiếu đề án hoạt động" in html and 'href="http://127.0.0.1:8000/' in html


def test_html_in_the_context_is_escaped_in_the_html_mail_and_left_alone_in_the_text(
    users, at, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[users["doanhnghiep"]], event=TEST_KIND, context={**CONTEXT, "note": "<b>A & B</b>"}, now=at)
    [mail] = mailoutbox
    assert "<b>A & B</b>" in mail.body
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in mail.alternatives[0][0]


def test_a_rolled_back_transaction_leaves_no_row_and_sends_no_mail(
    users, at, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send([users["doanhnghiep"]], at)
        raise RuntimeError("the caller's work failed")
    assert callbacks == []
    assert Notification.objects.count() == 0 and mailoutbox == []


def test_the_same_dedup_key_never_notifies_a_recipient_twice(
    users, at, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    a, b = users["doanhnghiep"], users["chuyenvien"]
    with django_capture_on_commit_callbacks(execute=True):
        assert len(send([a], at, dedup_key="once")) == 1
        assert send([a], at, dedup_key="once") == []
        assert [n.recipient for n in send([a, b], at, dedup_key="once")] == [b]
        assert len(send([a], at, dedup_key="another")) == 1
    assert Notification.objects.filter(recipient=a).count() == 2
    assert len(mailoutbox) == 3


def test_the_user_choice_decides_the_mail_and_never_the_bell(
    users, at, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    a, b = users["doanhnghiep"], users["chuyenvien"]
    services.set_preferences(actor=a, email={TEST_KIND: False})
    with django_capture_on_commit_callbacks(execute=True):
        send([a, b], at)
    assert Notification.objects.filter(recipient__in=[a, b]).count() == 2
    assert [m.to for m in mailoutbox] == [[b.email]]
    assert Notification.objects.get(recipient=a).mail == Notification.Mail.NONE


def test_a_kind_with_mail_off_by_default_mails_only_who_chose_it(
    users, at, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    kind = kinds.get_kind(TEST_KIND)
    monkeypatch.setitem(kinds._KINDS, TEST_KIND, kinds.Kind(kind.code, kind.label, email_default=False))
    a, b = users["doanhnghiep"], users["chuyenvien"]
    services.set_preferences(actor=b, email={TEST_KIND: True})
    with django_capture_on_commit_callbacks(execute=True):
        send([a, b], at)
    assert [m.to for m in mailoutbox] == [[b.email]]


def test_users_without_an_address_or_inactive_get_no_mail(
    users, at, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    a, b = users["doanhnghiep"], users["chuyenvien"]
    a.email = ""
    a.save(update_fields=["email"])
    b.is_active = False
    b.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        written = send([a, b], at)
    assert [n.recipient for n in written] == [a]  # the bell still works without an address
    assert mailoutbox == []


def test_each_recipient_reads_and_receives_it_in_their_language(
    users, at, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    a, b = users["doanhnghiep"], users["chuyenvien"]
    services.set_preferences(actor=b, email={}, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        send([a, b], at)
    assert Notification.objects.get(recipient=b).title == "Case 2026-000042: a supplement is requested"
    assert Notification.objects.get(recipient=a).title == "Hồ sơ 2026-000042: yêu cầu bổ sung"
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "must be supplemented" in by_address[b.email].body
    assert "cần bổ sung" in by_address[a.email].body


def test_bare_addresses_get_the_mail_once_and_no_bell(
    users, at, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        send([], at, addresses=["lienhe@example.vn", " lienhe@example.vn"], dedup_key="k")
        send([], at, addresses=["lienhe@example.vn"], dedup_key="k")
    assert [m.to for m in mailoutbox] == [["lienhe@example.vn"]]
    assert Notification.objects.get().recipient is None


def test_a_kind_must_be_registered(users, at) -> None:
    with pytest.raises(UnknownKindError):
        notify(recipients=[users["admin"]], event="nobody.declared.this", context={}, now=at)


def test_a_failed_mail_is_marked_and_not_sent_again(users, at, settings, django_capture_on_commit_callbacks) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        send([users["doanhnghiep"]], at)
    assert Notification.objects.get().mail == Notification.Mail.FAILED


def test_recipient_helpers_find_roles_and_an_organisations_users(users) -> None:
    assert list(users_with_role("leader")) == [users["lanhdao"]]
    enterprise = users["doanhnghiep"]
    assert list(organisation_users(enterprise.organisation_id)) == [enterprise]
    assert list(organisation_users(None)) == []


def test_the_mail_task_run_twice_sends_once(users, at, mailoutbox, django_capture_on_commit_callbacks) -> None:
    from ictmis.notifications.tasks import send_notification_emails

    with django_capture_on_commit_callbacks(execute=True):
        [row] = send([users["doanhnghiep"]], at)
    send_notification_emails.call([row.pk])
    assert len(mailoutbox) == 1
