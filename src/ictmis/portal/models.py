"""The public portal's own records: messages the public sends through the contact form."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import TimeStamped, Versioned


class Feedback(TimeStamped, Versioned):
    class Status(models.TextChoices):
        NEW = "new", _("new")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    name = models.CharField(_("name"), max_length=120)
    contact = models.CharField(_("e-mail or phone"), max_length=120)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    reply_note = models.TextField(_("reply note"), blank=True)
    sender_key = models.CharField(max_length=64, db_index=True, editable=False)  # hashed address, for rate limits

    history = HistoricalRecords(excluded_fields=["sender_key"])

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject
