"""Outgoing documents of the Department and the per-year number sequences they take their numbers from."""

from __future__ import annotations

from django.conf import settings
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


class IssuingBody(TimeStamped):
    """Who issues the Department's documents during a period: the governing body and the agency of the
    document's header, the place of its date line and the abbreviation its number symbols carry.

    Rows are dated (exclusive end) because the agency changed: the Sở Thông tin và Truyền thông until
    2025, the Sở Khoa học và Công nghệ after the merger, and a new province from 1 July 2025. `function`
    narrows a row to one kind of work (e.g. online information) where another agency took it over; an
    empty function is every function."""

    function = models.SlugField(_("function"), blank=True, help_text=_("empty: every function"))
    governing_body = models.CharField(_("governing body"), max_length=120, help_text=_("e.g. UBND TỈNH QUẢNG TRỊ"))
    name = models.CharField(_("agency"), max_length=120, help_text=_("e.g. SỞ KHOA HỌC VÀ CÔNG NGHỆ"))
    abbreviation = models.CharField(_("abbreviation in number symbols"), max_length=20, help_text=_("e.g. SKHCN"))
    place = models.CharField(_("place of the date line"), max_length=60, help_text=_("e.g. Quảng Trị"))
    head_title = models.CharField(_("title of its head"), max_length=60, default="GIÁM ĐỐC")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until (exclusive)"), null=True, blank=True)
    basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    unconfirmed = models.BooleanField(_("not confirmed by a source"), default=False)

    class Meta:
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")
        ordering = ["function", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gt=models.F("valid_from")),
                name="issuing_body_period_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.governing_body}"


class Signatory(TimeStamped):
    """A person who signs for an issuing body during a period: its head, or a deputy signing "KT." for the
    head. `user` ties the row to the account that takes decisions in ictmis, so its documents carry the
    right name."""

    body = models.ForeignKey(
        IssuingBody, verbose_name=_("issuing body"), on_delete=models.CASCADE, related_name="signatories"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(_("position"), max_length=60, help_text=_("e.g. PHÓ GIÁM ĐỐC"))
    is_head = models.BooleanField(_("head of the body"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until (exclusive)"), null=True, blank=True)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["-is_head", "full_name"]

    def __str__(self) -> str:
        return f"{self.position} {self.full_name}"
