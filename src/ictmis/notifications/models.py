"""In-app notifications, their e-mail, and each user's choices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message to one recipient: a user (bell and page), or a bare address (e-mail only)."""

    class Mail(models.TextChoices):
        NONE = "none", _("no e-mail")
        PENDING = "pending", _("e-mail waiting")
        SENT = "sent", _("e-mail sent")
        FAILED = "failed", _("e-mail failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    address = models.EmailField(_("e-mail address"), blank=True)
    kind = models.CharField(_("kind"), max_length=80)
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("content"), blank=True)
    body_html = models.TextField(blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    language = models.CharField(max_length=10, default="vi")
    dedup_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mail = models.CharField(_("e-mail"), max_length=8, choices=Mail.choices, default=Mail.NONE)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_recipient_unread"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(address=""), name="notification_has_recipient"
            ),
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"],
                condition=Q(recipient__isnull=False) & ~Q(dedup_key=""),
                name="notification_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["address", "dedup_key"],
                condition=Q(recipient__isnull=True) & ~Q(dedup_key=""),
                name="notification_once_per_address",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailPreference(models.Model):
    """A user's choice for one kind; without a row the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=80)
    email = models.BooleanField(_("send e-mail"))

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="email_preference_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.email}"


class RecipientSettings(models.Model):
    """The language a user's notifications and e-mails are written in (Vietnamese unless chosen)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"
