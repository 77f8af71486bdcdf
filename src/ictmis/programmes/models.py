"""Households (entered once, shared by every programme), their approved poverty status per year, programmes
with their rules and targets, and deliveries."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import TimeStamped
from ictmis.core.registry_models import RegistryRecord


class Poverty(models.TextChoices):
    POOR = "poor", _("poor")
    NEAR_POOR = "near_poor", _("near-poor")
    NONE = "none", _("neither")


class Household(RegistryRecord):
    search_fields = ("code", "head_name", "citizen_id", "village")

    code = models.CharField(_("household code"), max_length=40, unique=True)
    head_name = models.CharField(_("head of household"), max_length=120)
    head_birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    citizen_id = models.CharField(_("citizen ID"), max_length=12, blank=True, db_index=True)
    village = models.CharField(_("village"), max_length=120, blank=True)
    members = models.PositiveSmallIntegerField(_("members"), default=1)
    ethnic_minority = models.BooleanField(_("ethnic minority"), default=False)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["unit_path", "code"]
        indexes = [models.Index(fields=["head_name", "head_birth_year", "village"], name="household_duplicate_key")]

    def __str__(self) -> str:
        return f"{self.code} {self.head_name}"

    def clean(self) -> None:
        super().clean()
        if self.citizen_id:
            from django.core.exceptions import ValidationError

            from ictmis.parties.public import validate_citizen_id

            try:
                validate_citizen_id(self.citizen_id, self.head_birth_year)
            except ValidationError as exc:
                raise ValidationError({"citizen_id": exc.messages}) from exc


class PovertyRecord(models.Model):
    """A household's status in a year's approved list; a new year's list adds, never overwrites, history."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="poverty")
    year = models.PositiveSmallIntegerField(_("year of the list"))
    status = models.CharField(_("status"), max_length=10, choices=Poverty.choices)
    standard = models.CharField(_("poverty standard"), max_length=120, blank=True)
    decision = models.CharField(_("approving decision"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("poverty status")
        verbose_name_plural = _("poverty statuses")
        constraints = [models.UniqueConstraint(fields=["household", "year"], name="one_status_per_household_year")]
        indexes = [models.Index(fields=["year", "status"], name="poverty_year_status")]

    def __str__(self) -> str:
        return f"{self.household_id} {self.year} {self.status}"


class Programme(TimeStamped):
    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=300)
    legal_basis = models.ForeignKey(
        "legal.LegalDocument", verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    article = models.CharField(_("article and clause"), max_length=120, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    rule = models.CharField(_("eligibility rule"), max_length=40)
    reference_year = models.PositiveSmallIntegerField(
        _("reference year of the lists"),
        null=True,
        blank=True,
        help_text=_("empty: the list of the year of delivery"),
    )
    once_per_household = models.BooleanField(_("once per household"), default=True)
    max_cable_m = models.PositiveSmallIntegerField(_("longest cable (m)"), null=True, blank=True)
    excludes = models.ManyToManyField(
        "self", verbose_name=_("households already served by these are not eligible"), symmetrical=False, blank=True
    )
    unconfirmed = models.BooleanField(_("not confirmed by a source"), default=False)
    tallied_as = models.CharField(max_length=200, blank=True, editable=False)  # see tallies.signature

    history = HistoricalRecords(m2m_fields=[], excluded_fields=["tallied_as"])

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["starts_on", "code"]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    district_unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    province_unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [models.UniqueConstraint(fields=["programme", "unit", "year"], name="one_target_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.unit_id} {self.year}: {self.quantity}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        chain = {}
        node: Any = self.unit
        while node is not None:
            chain[node.level] = node
            node = node.parent
        self.district_unit, self.province_unit = chain.get("district"), chain.get("province")
        super().save(*args, **kwargs)


class Delivery(TimeStamped):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="deliveries"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="deliveries"
    )
    delivered_on = models.DateField(_("delivered on"))
    serial = models.CharField(_("device serial number"), max_length=60, blank=True)
    antenna = models.BooleanField(_("antenna"), default=False)
    cable_m = models.PositiveSmallIntegerField(_("cable (m)"), null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("subsidy (đồng)"), default=0)
    delivered_by = models.CharField(_("delivered by"), max_length=120, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=160, blank=True)
    receipt = models.FileField(_("signed receipt (scan)"), upload_to="programmes/receipts/%Y/", blank=True)
    override_reason = models.TextField(_("reason for delivering despite the rules"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        permissions = [("override_delivery", _("Can deliver despite the eligibility rules, with a reason"))]
        ordering = ["-delivered_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "serial"], condition=~Q(serial=""), name="delivery_serial_unique"
            ),
        ]
        indexes = [models.Index(fields=["programme", "household"], name="delivery_programme_household")]

    def __str__(self) -> str:
        return f"{self.programme_id} → {self.household_id} {self.delivered_on}"


class SwitchOffGroup(models.Model):
    """A group of provinces switching off analogue terrestrial TV together (Đề án số hóa truyền hình)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="switch_off_groups")
    name = models.CharField(_("group"), max_length=80)
    provinces = models.TextField(_("provinces"))
    planned_on = models.DateField(_("planned switch-off"), null=True, blank=True)
    actual_on = models.DateField(_("actual switch-off"), null=True, blank=True)
    units = models.ManyToManyField(
        "units.AdministrativeUnit", verbose_name=_("units in the project's data"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("switch-off group")
        verbose_name_plural = _("switch-off groups")
        ordering = ["actual_on", "name"]

    def __str__(self) -> str:
        return self.name


class ReceptionZone(models.Model):
    """Whether a commune receives digital TV terrestrially (set-top box) or by satellite (receiver)."""

    class Zone(models.TextChoices):
        TERRESTRIAL = "terrestrial", _("terrestrial (DVB-T2)")
        SATELLITE = "satellite", _("satellite")

    unit = models.OneToOneField(
        "units.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    zone = models.CharField(_("reception zone"), max_length=12, choices=Zone.choices, default=Zone.TERRESTRIAL)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reception zone")
        verbose_name_plural = _("reception zones")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.zone}"


class PressScheme(TimeStamped):
    """Subsidised press: a title sent free to recipients in given areas, so many issues a year."""

    code = models.SlugField(_("code"), unique=True)
    title = models.CharField(_("publication"), max_length=200)
    legal_basis = models.ForeignKey(
        "legal.LegalDocument", verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    article = models.CharField(_("article and clause"), max_length=120, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    issues_per_year = models.PositiveSmallIntegerField(_("issues per year"))
    recipient_kinds = models.CharField(_("recipients"), max_length=200)
    price_cap = models.PositiveBigIntegerField(_("price cap per copy (đồng)"), null=True, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=160, blank=True)
    unconfirmed = models.BooleanField(_("not confirmed by a source"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("subsidised press scheme")
        verbose_name_plural = _("subsidised press schemes")
        ordering = ["starts_on", "code"]

    def __str__(self) -> str:
        return self.title


class PressRecipient(models.Model):
    class Kind(models.TextChoices):
        COMMUNE_PC = "commune_pc", _("commune People's Committee")
        VILLAGE_HEAD = "village_head", _("village head")
        POST_OFFICE = "post_office", _("post office point")

    scheme = models.ForeignKey(PressScheme, on_delete=models.CASCADE, related_name="recipients")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    copies = models.PositiveSmallIntegerField(_("copies per issue"), default=1)

    class Meta:
        verbose_name = _("press recipient")
        verbose_name_plural = _("press recipients")
        ordering = ["unit__code", "name"]

    def __str__(self) -> str:
        return self.name


class PressDelivery(models.Model):
    """Copies handed to a recipient in a month (as the distributor reports them)."""

    recipient = models.ForeignKey(PressRecipient, on_delete=models.CASCADE, related_name="deliveries")
    month = models.DateField(_("month"), help_text=_("the first day of the month"))
    copies = models.PositiveIntegerField(_("copies delivered"))
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("press delivery")
        verbose_name_plural = _("press deliveries")
        constraints = [models.UniqueConstraint(fields=["recipient", "month"], name="one_press_delivery_per_month")]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.month:%m/%Y}: {self.copies}"


class ProgressTally(models.Model):
    """What a commune has received from a programme in a month, a year or every year, and how many of its
    eligible households are still waiting: kept in step by `programmes.tallies`, summed by the progress views."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.PROTECT, related_name="+")
    district_unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    province_unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField()  # 0: every year
    month = models.PositiveSmallIntegerField(default=0)  # 0: the whole year (or every year)
    delivered = models.PositiveIntegerField(default=0)
    waiting = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "month", "unit"], name="one_tally_per_programme_month_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.unit_id} {self.year}/{self.month}: {self.delivered}/{self.waiting}"
