"""Organisations (enterprises, state agencies, commune People's Committees, press agencies) and persons (the
people the Department deals with by name: course participants first)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import DomainModel
from ictmis.core.text import collation_key
from ictmis.core.validators import HttpUrlValidator
from ictmis.parties.validators import (
    normalise_tax_code,
    validate_citizen_id,
    validate_citizen_id_year,
    validate_phone,
    validate_tax_code,
)


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


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")


class Person(DomainModel):
    """A person known by name, with the commune they work in (their scope: a commune officer keeps the persons
    of their commune) and, when they work for one, their organisation. Personal data (Decree 13/2023/NĐ-CP):
    only the Department's staff and the officers of the person's commune see it."""

    search_fields = ("full_name", "citizen_id", "phone", "position")

    full_name = models.CharField(_("full name"), max_length=120)
    sort_key = models.CharField(max_length=255, blank=True, default="", editable=False, db_index=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    citizen_id = models.CharField(
        _("citizen ID"), max_length=12, blank=True, validators=[validate_citizen_id], help_text=_("12 digits")
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("the commune-level unit the person works in"),
    )
    unit_path = models.CharField(max_length=64, blank=True, default="", editable=False, db_index=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["sort_key", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=~Q(citizen_id="") & Q(deleted_at__isnull=True),
                name="person_citizen_id_unique",
                violation_error_message=_("Another person already has this citizen ID."),
                violation_error_code="citizen_id_taken",
            ),
            models.CheckConstraint(condition=Q(gender__in=["", *Gender.values]), name="person_gender_valid"),
        ]
        indexes = [models.Index(fields=["full_name", "birth_year"], name="person_name_year_idx")]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_key = collation_key(self.full_name)
        self.unit_path = self.unit.path if self.unit_id and self.unit else ""
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key", "unit_path"}
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.full_name

    def build_search_text(self) -> str:
        """A phone number is also found typed without its spaces and dots."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"{super().build_search_text()} {digits}".strip()

    def get_absolute_url(self) -> str:
        return reverse("parties:person", args=[self.pk])

    def validate_constraints(self, exclude: Any = None) -> None:
        """A citizen ID already taken is an error of the citizen ID field, not of the whole form."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict({})
            for error in errors.pop(NON_FIELD_ERRORS, []):
                field = "citizen_id" if getattr(error, "code", None) == "citizen_id_taken" else NON_FIELD_ERRORS
                errors.setdefault(field, []).append(error)
            raise ValidationError(errors) from None

    def clean(self) -> None:
        super().clean()
        self.full_name = " ".join(self.full_name.split())
        self.citizen_id = self.citizen_id.strip()
        errors: dict[str, Any] = {}
        if self.unit is not None and self.unit.level != "commune":
            errors["unit"] = _("Choose a commune-level unit.")
        if self.birth_year is not None and not 1900 <= self.birth_year <= 2100:
            errors["birth_year"] = _("The year of birth is not plausible.")
        if self.citizen_id and self.birth_year is not None and len(self.citizen_id) == 12 and self.citizen_id.isdigit():
            try:
                validate_citizen_id_year(self.citizen_id, self.birth_year)
            except ValidationError as exc:
                errors["citizen_id"] = exc
        if errors:
            raise ValidationError(errors)
