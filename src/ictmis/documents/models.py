"""Outgoing documents of the Department and the per-year number sequences they take their numbers from."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ictmis.core.models import TimeStamped


class DocumentKind(models.Model):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    symbol = models.CharField(_("symbol"), max_length=40, blank=True, help_text=_("after the slash, e.g. GP-STTTT"))
    numbered = models.BooleanField(_("numbered"), default=True)

    class Meta:
        verbose_name = _("document kind")
        verbose_name_plural = _("document kinds")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class NumberSequence(models.Model):
    """The last number given to a kind of document in a year; numbers are never reused."""

    kind = models.ForeignKey(DocumentKind, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="one_sequence_per_kind_year")]

    def __str__(self) -> str:
        return f"{self.kind_id}/{self.year}: {self.last}"


class OutgoingDocument(TimeStamped):
    kind = models.ForeignKey(DocumentKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    number = models.CharField(_("number and symbol"), max_length=60, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    subject = models.CharField(_("belongs to"), max_length=80, db_index=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/")
    issued_on = models.DateField(_("date"))
    signer_name = models.CharField(_("signer"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("outgoing document")
        verbose_name_plural = _("outgoing documents")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"], condition=Q(sequence__isnull=False), name="document_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()
