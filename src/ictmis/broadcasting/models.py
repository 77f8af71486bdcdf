"""Commune radio stations (Đài truyền thanh cấp xã)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.registry_models import RegistryRecord

CIRCULAR_39 = "Thông tư 39/2020/TT-BTTTT"


class Technology(models.TextChoices):
    WIRED = "wired", _("wired")
    FM = "fm", _("FM wireless")
    IP = "ip", _("IT-telecom (IP loudspeakers)")


class Condition(models.TextChoices):
    GOOD = "good", _("good")
    DEGRADED = "degraded", _("degraded")
    OUT_OF_SERVICE = "out", _("out of service")


class RadioStation(RegistryRecord):
    search_fields = ("name", "address", "fm_licence_number")

    name = models.CharField(_("name"), max_length=150)
    technology = models.CharField(_("technology"), max_length=8, choices=Technology.choices)
    fm_frequency = models.FloatField(_("FM frequency (MHz)"), null=True, blank=True)
    fm_licence_number = models.CharField(_("frequency licence number"), max_length=60, blank=True)
    fm_licence_expiry = models.DateField(_("frequency licence expiry"), null=True, blank=True)
    transmitter_power = models.FloatField(_("transmitter power (W)"), null=True, blank=True)
    loudspeaker_clusters = models.PositiveSmallIntegerField(_("loudspeaker clusters"), default=0)
    villages_covered = models.PositiveSmallIntegerField(_("villages covered"), default=0)
    villages_total = models.PositiveSmallIntegerField(_("villages in the commune"), default=0)
    connected_to_source = models.BooleanField(_("connected to the provincial source system"), default=False)
    connected_since = models.DateField(_("connected since"), null=True, blank=True)
    circular_39_compliant = models.BooleanField(_("compliant with Circular 39/2020/TT-BTTTT"), default=False)
    condition = models.CharField(_("condition"), max_length=10, choices=Condition.choices, default=Condition.GOOD)
    weekly_hours = models.FloatField(_("broadcast hours per week"), default=0)
    staff = models.PositiveSmallIntegerField(_("staff"), default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commune radio station")
        verbose_name_plural = _("commune radio stations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="radio_position_idx"),
            models.Index(fields=["deleted_at", "name", "id"], name="radio_live_order_idx"),
            models.Index(fields=["deleted_at", "unit"], name="radio_live_unit_idx"),
        ]
        # the registry's natural key (the import matches rows on it): one live record per name in a commune
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                condition=models.Q(deleted_at__isnull=True),
                name="radio_station_name_per_commune",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:detail", args=["radio-stations", self.pk])

    def clean(self) -> None:
        super().clean()
        errors = station_rules({f.name: getattr(self, f.attname) for f in self._meta.concrete_fields})
        if errors:
            raise ValidationError(errors)


def station_rules(values: dict[str, Any]) -> dict[str, str]:
    errors = {}
    technology = values.get("technology")
    if technology == Technology.FM:
        if not values.get("fm_frequency"):
            errors["fm_frequency"] = str(_("An FM station needs its frequency."))
        elif not 54 <= values["fm_frequency"] <= 108:
            errors["fm_frequency"] = str(_("An FM frequency lies between 54 and 108 MHz."))
    else:
        for name in ("fm_frequency", "fm_licence_number", "fm_licence_expiry"):
            if values.get(name):
                errors[name] = str(_("Only an FM station has a frequency and a frequency licence."))
    if values.get("circular_39_compliant") and technology != Technology.IP:
        errors["circular_39_compliant"] = str(
            _("Compliance with %(circular)s applies to IT-telecom stations only.") % {"circular": CIRCULAR_39}
        )
    covered, total = values.get("villages_covered") or 0, values.get("villages_total") or 0
    if total and covered > total:
        errors["villages_covered"] = str(_("More villages covered than the commune has."))
    if values.get("connected_since") and not values.get("connected_to_source"):
        errors["connected_since"] = str(_("A connection date needs the station to be connected."))
    return errors
