"""Every write of notifications: notify, mark as read, e-mail choices."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.notifications import policies
from ictmis.notifications.kinds import get_kind
from ictmis.notifications.models import EmailPreference, Notification, RecipientSettings
from ictmis.notifications.rendering import Rendered, render


def _enqueue_mail(ids: list[int]) -> None:
    from ictmis.notifications.tasks import send_notification_emails

    send_notification_emails.enqueue(ids)


def _unique_users(recipients: Iterable[Any]) -> list[Any]:
    seen: dict[int, Any] = {}
    for user in recipients:
        if user is not None and getattr(user, "pk", None) and user.is_active and user.pk not in seen:
            seen[user.pk] = user
    return list(seen.values())


def _create(row: Notification) -> bool:
    """Insert one row; a concurrent twin with the same dedup key makes this one a no-op."""
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        if not row.dedup_key:
            raise
        return False
    return True


def _write(rows: list[Notification], *, deduplicated: bool) -> list[Notification]:
    if deduplicated:
        return [row for row in rows if _create(row)]
    return Notification.objects.bulk_create(rows, batch_size=500)


@transaction.atomic
def notify(
    *,
    recipients: Iterable[Any],
    event: str,
    context: Mapping[str, Any],
    now: dt.datetime,
    link: str | None = None,
    dedup_key: str | None = None,
    addresses: Sequence[str] = (),
) -> list[Notification]:
    """Write one notification per recipient in the caller's transaction; e-mail them after it commits.

    `addresses` are bare e-mail addresses (an organisation's contact address) that get the e-mail only.
    With `dedup_key`, a recipient who already has a notification with that key gets nothing new.
    Returns the notifications written.
    """
    kind = get_kind(event)
    users = _unique_users(recipients)
    key = dedup_key or ""
    user_ids = [u.pk for u in users]
    if key:
        done = set(
            Notification.objects.filter(dedup_key=key, recipient_id__in=user_ids).values_list("recipient_id", flat=True)
        )
        users = [u for u in users if u.pk not in done]
    languages = dict(RecipientSettings.objects.filter(user_id__in=user_ids).values_list("user_id", "language"))
    choices = dict(EmailPreference.objects.filter(user_id__in=user_ids, kind=kind.code).values_list("user_id", "email"))
    rendered: dict[str, Rendered] = {}

    def in_language(language: str) -> Rendered:
        if language not in rendered:
            rendered[language] = render(kind, dict(context), link=link or "", language=language)
        return rendered[language]

    default_language = settings.LANGUAGE_CODE
    rows: list[Notification] = []
    for user in users:
        language = languages.get(user.pk, default_language)
        wants_mail = bool(user.email) and choices.get(user.pk, kind.email_default)
        rows.append(_row(kind.code, in_language(language), language, link, key, now, wants_mail, recipient=user))
    bare = list(dict.fromkeys(a.strip() for a in addresses if a and a.strip()))
    taken = set(
        Notification.objects.filter(dedup_key=key, recipient__isnull=True, address__in=bare).values_list(
            "address", flat=True
        )
        if key
        else []
    )
    for address in bare:
        if address not in taken:
            rows.append(_row(kind.code, in_language(default_language), default_language, link, key, now, True, address))
    written = _write(rows, deduplicated=bool(key))
    mail_ids = [row.pk for row in written if row.mail == Notification.Mail.PENDING]
    if mail_ids:
        transaction.on_commit(functools.partial(_enqueue_mail, mail_ids))
    return written


def _row(
    kind: str,
    text: Rendered,
    language: str,
    link: str | None,
    key: str,
    now: dt.datetime,
    mail: bool,
    address: str = "",
    recipient: Any = None,
) -> Notification:
    return Notification(
        recipient=recipient,
        address=address,
        kind=kind,
        title=text.title,
        body=text.body,
        body_html=text.html,
        link=link or "",
        language=language,
        dedup_key=key,
        created_at=now,
        mail=Notification.Mail.PENDING if mail else Notification.Mail.NONE,
    )


@transaction.atomic
def mark_read(*, notification: Notification, actor: Any, now: dt.datetime) -> Notification:
    """Mark one of the actor's own notifications read (the caller fetched it through the actor's selector)."""
    policies.ensure_can_read(actor, notification)
    if notification.read_at is None:
        notification.read_at = now
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
    return notification


@transaction.atomic
def mark_selected_read(*, notification_ids: Iterable[int], actor: Any, now: dt.datetime) -> int:
    """Mark the notifications ticked on the list read, all or none: one that is not the actor's (or no longer
    exists) refuses the whole action."""
    wanted = set(notification_ids)
    if not wanted:
        raise DomainError(_("Select at least one notification."))
    found = {item.pk: item for item in Notification.objects.select_for_update().filter(pk__in=wanted)}
    for pk in sorted(wanted):
        item = found.get(pk)
        if item is None or not policies.can_read(actor, item):
            raise NotAllowedError(_("Notification %(id)s is not yours: nothing was marked.") % {"id": pk})
    return Notification.objects.filter(pk__in=wanted, read_at__isnull=True).update(read_at=now)


@transaction.atomic
def mark_all_read(*, actor: Any, now: dt.datetime) -> int:
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(read_at=now)


@transaction.atomic
def set_preferences(*, actor: Any, email: Mapping[str, bool], language: str | None = None) -> None:
    """Store the actor's e-mail choice for each kind given, and the language of their notifications."""
    for code, wanted in email.items():
        get_kind(code)
        EmailPreference.objects.update_or_create(user_id=actor.pk, kind=code, defaults={"email": bool(wanted)})
    if language:
        RecipientSettings.objects.update_or_create(user_id=actor.pk, defaults={"language": language})
