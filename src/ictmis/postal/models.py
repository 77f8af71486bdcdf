"""Commune cultural post office points (Điểm Bưu điện - Văn hóa xã) and their monthly activity."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import TimeStamped
from ictmis.core.registry_models import RegistryRecord


class BuildingType(models.TextChoices):
    OWN = "own", _("own building")
    SHARED = "shared", _("shared with the commune People's Committee")
    RENTED = "rented", _("rented")
    OTHER = "other", _("other")


class PointService(models.TextChoices):
    POSTAL = "postal", _("postal services")
    READING_ROOM = "reading_room", _("newspapers and books reading room")
    INTERNET = "internet", _("public Internet")
    PUBLIC_PAYMENTS = "payments", _("public-service payments")


class PointStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    CLOSED = "closed", _("closed")


class PostOfficePoint(RegistryRecord):
    search_fields = ("code", "name", "address")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=150)
    operator = models.ForeignKey(
        "parties.Organisation", verbose_name=_("operator"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", help_text=_("Vietnam Post (VNPost) by default"),
    )  # fmt: skip
    building_type = models.CharField(
        _("building type"), max_length=10, choices=BuildingType.choices, default=BuildingType.OWN
    )
    staff = models.PositiveSmallIntegerField(_("staff"), default=1)
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    services = models.JSONField(_("services offered"), default=list, blank=True)
    books = models.PositiveIntegerField(_("books"), default=0)
    newspaper_titles = models.PositiveSmallIntegerField(_("newspaper titles"), default=0)
    computers = models.PositiveSmallIntegerField(_("computers"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=PointStatus.choices, default=PointStatus.ACTIVE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("post office point")
        verbose_name_plural = _("commune cultural post office points")
        ordering = ["code"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="postal_position_idx"),
            models.Index(fields=["deleted_at", "code", "id"], name="postal_live_order_idx"),
            models.Index(fields=["deleted_at", "unit"], name="postal_live_unit_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("registry:detail", args=["post-offices", self.pk])


class MonthlyActivity(TimeStamped):
    """Readers, Internet users and revenue of a point in one month, entered once a month."""

    point = models.ForeignKey(PostOfficePoint, on_delete=models.CASCADE, related_name="activity")
    month = models.DateField(_("month"), help_text=_("first day of the month"))
    readers = models.PositiveIntegerField(_("readers"), default=0)
    internet_users = models.PositiveIntegerField(_("Internet users"), default=0)
    revenue = models.BigIntegerField(_("revenue (đồng)"), default=0, validators=[MinValueValidator(0)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly activity")
        verbose_name_plural = _("monthly activity")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["point", "month"], name="activity_one_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="activity_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.point.code} {self.month:%m/%Y}"
