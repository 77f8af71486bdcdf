"""Public Internet access points (điểm truy nhập Internet công cộng)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.registry_models import RegistryRecord


class PointType(models.TextChoices):
    PROVINCIAL_LIBRARY = "provincial_library", _("provincial library")
    DISTRICT_LIBRARY = "district_library", _("district library")
    COMMUNE_LIBRARY = "commune_library", _("commune library")
    POST_OFFICE = "post_office", _("post office point")
    OTHER = "other", _("other")


class Tariff(models.TextChoices):
    FREE = "free", _("free")
    DISCOUNTED = "discounted", _("discounted")
    NORMAL = "normal", _("normal")


class AccessPointStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    CLOSED = "closed", _("closed")


class AccessPoint(RegistryRecord):
    search_fields = ("name", "address", "programme")

    name = models.CharField(_("name"), max_length=150)
    point_type = models.CharField(_("type"), max_length=20, choices=PointType.choices)
    host = models.ForeignKey(
        "parties.Organisation", verbose_name=_("host organisation"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )  # fmt: skip
    post_office = models.ForeignKey(
        "postal.PostOfficePoint", verbose_name=_("post office point it sits in"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    programme = models.CharField(_("funding programme"), max_length=200, blank=True)
    handover_date = models.DateField(_("handover date"), null=True, blank=True)
    computers = models.PositiveSmallIntegerField(_("computers"), default=0)
    other_equipment = models.CharField(_("other equipment"), max_length=255, blank=True)
    connection_type = models.CharField(_("connection type"), max_length=60, blank=True)
    connection_speed = models.PositiveIntegerField(_("connection speed (Mbps)"), null=True, blank=True)
    tariff = models.CharField(_("tariff regime"), max_length=12, choices=Tariff.choices, default=Tariff.FREE)
    opening_hours = models.CharField(_("opening hours"), max_length=120, blank=True)
    trained_staff = models.PositiveSmallIntegerField(_("trained staff"), default=0)
    monthly_users = models.PositiveIntegerField(_("users per month"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=AccessPointStatus.choices, default=AccessPointStatus.ACTIVE
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public Internet access point")
        verbose_name_plural = _("public Internet access points")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="internet_position_idx"),
            models.Index(fields=["deleted_at", "name", "id"], name="internet_live_order_idx"),
            models.Index(fields=["deleted_at", "unit"], name="internet_live_unit_idx"),
        ]
        # the registry's natural key (the import matches rows on it): one live record per name in a commune
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                condition=models.Q(deleted_at__isnull=True),
                name="access_point_name_per_commune",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:detail", args=["internet-points", self.pk])


class Website(models.Model):
    """A licensed general website, one row per domain, kept in step with its licence by the licensing engine."""

    domain = models.CharField(_("domain"), max_length=253, unique=True)
    name = models.CharField(_("website name"), max_length=255, blank=True)
    licence = models.ForeignKey(
        "licensing.Licence", verbose_name=_("licence"), on_delete=models.PROTECT, related_name="websites"
    )
    holder_name = models.CharField(_("holder"), max_length=255)
    server_location = models.CharField(_("server location in Viet Nam"), max_length=255, blank=True)
    responsible_person = models.CharField(_("person responsible for content"), max_length=160, blank=True)
    status = models.CharField(_("licence status"), max_length=10, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("general website")
        verbose_name_plural = _("general websites")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain
