"""The base of every registry record: a located domain record filed under a commune-level unit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ictmis.core.models import DomainModel

# Mainland Viet Nam with its islands (Hoàng Sa and Trường Sa included), as a generous box.
VIETNAM_BOUNDS = {"south": 6.0, "north": 23.5, "west": 102.0, "east": 117.5}


def check_in_vietnam(latitude: float | None, longitude: float | None) -> None:
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(_("Give both latitude and longitude, or neither."), code="coordinates_pair")
    b = VIETNAM_BOUNDS
    if not (b["south"] <= latitude <= b["north"] and b["west"] <= longitude <= b["east"]):
        raise ValidationError(
            _("The coordinates %(lat)s, %(lon)s are outside Viet Nam."),
            code="coordinates_outside",
            params={"lat": latitude, "lon": longitude},
        )


class RegistryRecord(DomainModel):
    """Unit keys are denormalised so that counts per commune, district or province are one GROUP BY."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    district_unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    province_unit = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    unit_path = models.CharField(max_length=64, db_index=True, editable=False, default="")
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        from ictmis.core.signals import registry_changed

        before = self.unit_path  # as read from the database: a record moved changes both units
        self.fill_unit_keys()
        super().save(*args, **kwargs)
        registry_changed.send(sender=type(self), unit_paths=frozenset(p for p in (before, self.unit_path) if p))

    def fill_unit_keys(self) -> None:
        unit = self.unit
        chain = {}
        node: Any = unit
        while node is not None:
            chain[node.level] = node
            node = node.parent
        self.unit_path = unit.path
        self.district_unit = chain.get("district")
        self.province_unit = chain.get("province")

    def clean(self) -> None:
        super().clean()
        try:
            check_in_vietnam(self.latitude, self.longitude)
        except ValidationError as exc:
            raise ValidationError({"latitude": exc.messages}) from exc
        if self.unit_id and self.unit.level != "commune":
            raise ValidationError({"unit": _("Choose a commune-level unit.")})
