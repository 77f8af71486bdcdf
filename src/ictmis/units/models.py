"""Administrative units as an effective-dated tree, with the lineage of the 2025 reorganisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import Searchable


class UnitType(models.TextChoices):
    PROVINCE = "tinh", _("province")
    CENTRAL_CITY = "thanh_pho_tw", _("centrally governed city")
    DISTRICT = "huyen", _("rural district")
    URBAN_DISTRICT = "quan", _("urban district")
    TOWN = "thi_xa", _("district-level town")
    PROVINCIAL_CITY = "thanh_pho", _("provincial city")
    COMMUNE = "xa", _("commune")
    WARD = "phuong", _("ward")
    TOWNSHIP = "thi_tran", _("township")
    SPECIAL_ZONE = "dac_khu", _("special zone")


class Level(models.TextChoices):
    PROVINCE = "province", _("province level")
    DISTRICT = "district", _("district level")
    COMMUNE = "commune", _("commune level")


class UnitQuerySet(models.QuerySet["AdministrativeUnit"]):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gt=day))

    def current(self) -> UnitQuerySet:
        return self.filter(valid_to__isnull=True)


class AdministrativeUnit(Searchable):
    search_fields = ("name", "code")

    code = models.CharField(_("code"), max_length=8, db_index=True, help_text=_("official statistical code"))
    name = models.CharField(_("name"), max_length=120)
    # Vietnamese dictionary order of the name ("Xã Ái Tử" before "Xã Vĩnh Định"), the same on every database
    sort_key = models.CharField(max_length=255, blank=True, default="", editable=False, db_index=True)
    type = models.CharField(_("type"), max_length=16, choices=UnitType.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(_("tree path"), max_length=64, db_index=True, editable=False)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True, help_text=_("exclusive end"))
    source = models.CharField(_("data source"), max_length=120, blank=True)

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "level", "valid_from"], name="unit_code_level_from_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="unit_period_positive",
            ),
        ]
        indexes = [models.Index(fields=["level", "valid_to"], name="unit_level_current_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        url = reverse("units:detail", args=[self.code])
        return url if self.valid_to is None else f"{url}?on={self.valid_from.isoformat()}"

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


class Lineage(models.Model):
    """Which unit an old unit became (merged into, renamed to, split into)."""

    class Kind(models.TextChoices):
        MERGED = "merged", _("merged into")
        RENAMED = "renamed", _("renamed to")
        SPLIT = "split", _("split into")
        SAME_CODE = "same_code", _("continued under the same code")

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("former unit"),
        on_delete=models.CASCADE,
        related_name="successions",
    )
    successor = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("new unit"), on_delete=models.CASCADE, related_name="predecessions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    # The part of the former unit that went into this successor (its area share, see units.loading): 1 for a
    # unit that went whole into one successor; the shares of a divided unit add up to 1 (0 for a part whose
    # area is unknown when another part takes the whole).
    share = models.DecimalField(_("share"), max_digits=5, decimal_places=4, default=Decimal(1))
    # The successor that takes the former unit's records (registries keep the unit a record was filed under).
    is_default = models.BooleanField(_("default successor"), default=True)
    effective = models.DateField(_("effective from"))
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lineage")
        verbose_name_plural = _("lineages")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="lineage_pair_unique"),
            models.CheckConstraint(condition=Q(share__gte=0) & Q(share__lte=1), name="lineage_share_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


def unit_label(unit: AdministrativeUnit) -> str:
    """ "Phường Đồng Hới – Quảng Trị", with the years for a former unit."""
    label = f"{unit.name} – {unit.parent.name}" if unit.parent else unit.name
    if unit.valid_to:
        label += f" ({unit.valid_from:%Y}–{unit.valid_to:%Y})"
    return label


class UnitPosition(models.Model):
    """Where a unit is drawn on maps of figures by unit (e.g. a programme's completion by commune): one
    point, such as the seat of its People's Committee. Boundaries are not kept."""

    unit = models.OneToOneField(
        AdministrativeUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="position"
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    source = models.CharField(_("data source"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("position of a unit")
        verbose_name_plural = _("positions of units")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.latitude:.5f}, {self.longitude:.5f}"
