"""Legal documents and the citations that tie a rule (a time limit, a fee) to where it comes from."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import Searchable, TimeStamped
from ictmis.core.validators import HttpUrlValidator


class DocumentType(models.TextChoices):
    LAW = "law", _("law")
    RESOLUTION = "resolution", _("resolution")
    DECREE = "decree", _("decree")
    DECISION = "decision", _("decision")
    CIRCULAR = "circular", _("circular")
    JOINT_CIRCULAR = "joint_circular", _("joint circular")


class LegalDocumentQuerySet(models.QuerySet["LegalDocument"]):
    def in_force(self, *, on: dt.date) -> LegalDocumentQuerySet:
        return self.filter(Q(effective_from__lte=on) | Q(effective_from__isnull=True)).filter(
            Q(effective_to__gt=on) | Q(effective_to__isnull=True)
        )


class LegalDocument(TimeStamped, Searchable):
    search_fields = ("number", "title", "issuer")

    number = models.CharField(_("number and symbol"), max_length=40, unique=True, help_text=_("e.g. 09/2014/TT-BTTTT"))
    doc_type = models.CharField(_("type"), max_length=16, choices=DocumentType.choices)
    issuer = models.CharField(_("issuer"), max_length=120)
    title = models.CharField(_("title"), max_length=400)
    issued_on = models.DateField(_("issue date"), null=True, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("no longer in force from"), null=True, blank=True)
    replaces = models.ManyToManyField(
        "self", verbose_name=_("replaces"), symmetrical=False, blank=True, related_name="replaced_by"
    )
    amends = models.ManyToManyField(
        "self", verbose_name=_("amends"), symmetrical=False, blank=True, related_name="amended_by"
    )
    url = models.URLField(_("link to the text"), blank=True)
    unconfirmed = models.BooleanField(
        _("dates not confirmed"), default=False, help_text=_("a date no official source confirmed: check it")
    )

    history = HistoricalRecords()
    objects = LegalDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gt=F("effective_from")),
                name="legal_document_period_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display().capitalize()} {self.number}"

    def clean(self) -> None:
        # the http(s)-only rule as a model check rather than a field validator: legal takes no schema migration
        super().clean()
        try:
            HttpUrlValidator(_("link to the text"))(self.url)
        except ValidationError as exc:
            raise ValidationError({"url": exc.messages}) from exc

    def in_force_on(self, day: dt.date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day < self.effective_to
        )
