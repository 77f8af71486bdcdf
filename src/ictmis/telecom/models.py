"""BTS stations (trạm thu phát sóng di động) and the passive infrastructure they stand on."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.registry_models import RegistryRecord


class StationType(models.TextChoices):
    GROUND_MAST = "ground_mast", _("ground mast (type 1)")
    ROOFTOP = "rooftop", _("rooftop (type 2)")
    CAMOUFLAGED = "camouflaged", _("camouflaged")
    IN_BUILDING = "in_building", _("in-building")


class Technology(models.TextChoices):
    G2 = "2G", "2G"
    G3 = "3G", "3G"
    G4 = "4G", "4G"
    G5 = "5G", "5G"


class StationStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ACTIVE = "active", _("in operation")
    SUSPENDED = "suspended", _("suspended")
    DISMANTLED = "dismantled", _("dismantled")


class BtsStation(RegistryRecord):
    search_fields = ("site_code", "name", "address")

    operator = models.ForeignKey(
        "parties.Organisation", verbose_name=_("operator"), on_delete=models.PROTECT, related_name="+"
    )
    site_code = models.CharField(_("site code"), max_length=40)
    name = models.CharField(_("station name"), max_length=120, blank=True)
    station_type = models.CharField(_("station type"), max_length=16, choices=StationType.choices)
    mast_height = models.FloatField(_("mast height (m)"), null=True, blank=True)
    technologies = models.JSONField(_("technologies"), default=list, blank=True)
    shared_with = models.ManyToManyField(
        "parties.Organisation", verbose_name=_("operators sharing the site"), blank=True, related_name="+"
    )
    permit_number = models.CharField(_("construction permit number"), max_length=60, blank=True)
    permit_date = models.DateField(_("construction permit date"), null=True, blank=True)
    permit_exemption = models.CharField(_("permit exemption basis"), max_length=255, blank=True)
    plan_conformity = models.BooleanField(_("conforms to the provincial infrastructure plan"), default=True)
    commissioned_on = models.DateField(_("commissioned on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=StationStatus.choices, default=StationStatus.ACTIVE)

    history = HistoricalRecords(m2m_fields=[shared_with])

    class Meta:
        verbose_name = _("BTS station")
        verbose_name_plural = _("BTS stations")
        ordering = ["site_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "site_code"], condition=Q(deleted_at__isnull=True), name="bts_site_per_operator"
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=False) & Q(longitude__isnull=False), name="bts_located"
            ),
        ]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="bts_position_idx"),
            # Live rows in list order, and per-unit counts, straight from an index on 120,000 stations.
            models.Index(fields=["deleted_at", "site_code", "id"], name="bts_live_site_code_idx"),
            models.Index(fields=["deleted_at", "unit"], name="bts_live_unit_idx"),
            models.Index(fields=["deleted_at", "district_unit"], name="bts_live_district_idx"),
            models.Index(fields=["deleted_at", "province_unit"], name="bts_live_province_idx"),
            models.Index(fields=["status"], name="bts_status_idx"),
            models.Index(fields=["province_unit", "district_unit"], name="bts_units_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.site_code} – {self.name}" if self.name else self.site_code

    def get_absolute_url(self) -> str:
        return reverse("registry:detail", args=["bts-stations", self.pk])

    def clean(self) -> None:
        super().clean()
        errors = station_rules({f.name: getattr(self, f.attname) for f in self._meta.concrete_fields})
        if errors:
            raise ValidationError(errors)


_TECHNOLOGIES = frozenset(Technology.values)  # built once: the rules run for every row of an import
PERMIT_BASIS = "Thông tư liên tịch 12/2007/TTLT/BXD-BTTTT"


def station_rules(values: dict[str, Any]) -> dict[str, str]:
    """Rules a station must meet, checked on the form and on every imported row alike."""
    errors = {}
    if values.get("latitude") is None or values.get("longitude") is None:
        errors["latitude"] = str(_("A BTS station must have coordinates."))
    unknown = set(values.get("technologies") or []) - _TECHNOLOGIES
    if unknown:
        errors["technologies"] = str(_("Unknown technology: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    if values.get("station_type") == StationType.GROUND_MAST and not (
        values.get("permit_number") or values.get("permit_exemption")
    ):
        errors["permit_number"] = str(
            _("A ground mast needs a construction permit number or the basis of its exemption (%(basis)s).")
            % {"basis": PERMIT_BASIS}
        )
    return errors
