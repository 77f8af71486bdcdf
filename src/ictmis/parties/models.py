"""Organisations: enterprises, state agencies, commune People's Committees, press agencies."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import DomainModel
from ictmis.core.text import collation_key
from ictmis.core.validators import HttpUrlValidator
from ictmis.parties.validators import normalise_tax_code, validate_phone, validate_tax_code


class OrganisationKind(models.TextChoices):
    STATE_AGENCY = "state_agency", _("state agency")
    COMMUNE_PC = "commune_pc", _("commune People's Committee")
    ENTERPRISE = "enterprise", _("enterprise")
    PRESS = "press", _("press agency")
    OTHER = "other", _("other")


class Organisation(DomainModel):
    search_fields = ("name", "short_name", "tax_code", "address")

    name = models.CharField(_("name"), max_length=255)
    sort_key = models.CharField(max_length=255, blank=True, default="", editable=False, db_index=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices, db_index=True)
    tax_code = models.CharField(
        _("tax code"),
        max_length=14,
        blank=True,
        validators=[validate_tax_code],
        help_text=_("enterprises only"),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True, validators=[HttpUrlValidator(_("website"))])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_key", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"],
                condition=~Q(tax_code="") & Q(deleted_at__isnull=True),
                name="organisation_tax_code_unique",
            ),
            models.CheckConstraint(condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="organisation_kind_name_idx")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_key = collation_key(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key"}
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("parties:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        self.tax_code = normalise_tax_code(self.tax_code) if self.tax_code else ""
        if self.kind == OrganisationKind.ENTERPRISE and not self.tax_code:
            raise ValidationError({"tax_code": _("An enterprise must have a tax code.")})


class Contact(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=120)
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
