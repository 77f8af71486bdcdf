"""E-mail of notifications, sent by the task worker once the notifying transaction has committed."""

from __future__ import annotations

import logging

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

from ictmis.notifications.models import Notification

log = logging.getLogger(__name__)


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """One message per notification still waiting; each marked sent or failed, so a retry never repeats."""
    sent = 0
    pending = Notification.objects.filter(pk__in=notification_ids, mail=Notification.Mail.PENDING).select_related(
        "recipient"
    )
    for item in pending:
        to = item.recipient.email if item.recipient is not None else item.address
        if not to:
            Notification.objects.filter(pk=item.pk).update(mail=Notification.Mail.NONE)
            continue
        message = EmailMultiAlternatives(subject=item.title, body=item.body, to=[to])
        if item.body_html:
            message.attach_alternative(item.body_html, "text/html")
        try:
            message.send()
        except Exception:
            log.exception("notification %s: e-mail to %s failed", item.pk, to)
            Notification.objects.filter(pk=item.pk).update(mail=Notification.Mail.FAILED)
            continue
        Notification.objects.filter(pk=item.pk).update(mail=Notification.Mail.SENT, mailed_at=timezone.now())
        sent += 1
    return sent
