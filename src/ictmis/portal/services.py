"""Writes of the portal: feedback from the public (spam-checked) and its handling by staff."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from ictmis.core import events, records
from ictmis.core.errors import DomainError
from ictmis.portal.models import Feedback

FEEDBACK_PER_HOUR = 5


def sender_key(address: str) -> str:
    """A salted hash of the sender's address: enough to rate-limit, never stored in clear."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


@transaction.atomic
def submit_feedback(*, name: str, contact: str, subject: str, message: str, address: str, now: dt.datetime) -> Feedback:
    key = sender_key(address)
    recent = Feedback.objects.filter(sender_key=key, created_at__gte=now - dt.timedelta(hours=1)).count()
    if recent >= FEEDBACK_PER_HOUR:
        raise DomainError(_("You have sent several messages in the last hour. Please try again later."))
    feedback = Feedback.objects.create(name=name, contact=contact, subject=subject, message=message, sender_key=key)
    events.record(feedback, "portal.feedback.received", actor=None, at=now)
    return feedback


@transaction.atomic
def set_feedback_status(
    *, feedback: Feedback, status: str, reply_note: str, expected_version: int, actor: Any, now: dt.datetime
) -> Feedback:
    current = records.lock_version(feedback, expected_version)
    before = current.status
    current.status = status
    current.reply_note = reply_note
    current.updated_by = actor
    current.version += 1
    current.save()
    events.record(current, "portal.feedback.status_changed", actor=actor, at=now, before=before, after=status)
    return current
