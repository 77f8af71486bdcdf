"""Indicators, reporting regimes and their rows and rules, reports with their values, and the new-rural
criterion 8 (its versions, sub-criteria and the specialists' overrides)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import TimeStamped, Versioned
from ictmis.indicators import periods


class Aggregation(models.TextChoices):
    SUM = "sum", _("sum")
    AVERAGE = "average", _("average")
    LAST = "last", _("last value")
    RATIO = "ratio", _("ratio of two indicators")


class PeriodKind(models.TextChoices):
    MONTH = periods.MONTH, _("month")
    QUARTER = periods.QUARTER, _("quarter")
    HALF = periods.HALF, _("half-year")
    YEAR = periods.YEAR, _("year")


class CutoffRule(models.TextChoices):
    DECREE_09 = periods.DECREE_09, _("Decree 09/2019/NĐ-CP (15th to 14th)")
    CALENDAR = periods.CALENDAR, _("calendar period")


class Indicator(TimeStamped):
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40)
    definition = models.TextField(_("definition"), blank=True)
    legal_basis = models.ForeignKey(
        "legal.LegalDocument",
        verbose_name=_("legal basis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    article = models.CharField(_("article"), max_length=120, blank=True)
    aggregation = models.CharField(_("aggregation"), max_length=8, choices=Aggregation.choices)
    numerator = models.ForeignKey(
        "self", verbose_name=_("numerator"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", verbose_name=_("denominator"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scale = models.PositiveIntegerField(_("scale of a ratio"), default=100, help_text=_("100 for a percentage"))
    breakdowns = models.JSONField(_("breakdowns"), default=list, blank=True, help_text=_("e.g. operator, technology"))
    derivation = models.CharField(
        _("derivation"), max_length=40, blank=True, help_text=_("the registry function that computes it; blank: typed")
    )
    non_negative = models.BooleanField(_("never negative"), default=True)
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until (exclusive)"), null=True, blank=True)
    unconfirmed = models.BooleanField(_("not confirmed by a source"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(aggregation="ratio") | (Q(numerator__isnull=False) & Q(denominator__isnull=False)),
                name="indicator_ratio_has_terms",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def is_derived(self) -> bool:
        return bool(self.derivation)


class Regime(TimeStamped):
    """A reporting regime (chế độ báo cáo): who reports what, for which period, by when."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    legal_basis = models.ForeignKey(
        "legal.LegalDocument",
        verbose_name=_("legal basis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    article = models.CharField(_("article"), max_length=120, blank=True)
    period_kind = models.CharField(_("period"), max_length=8, choices=PeriodKind.choices)
    cutoff_rule = models.CharField(
        _("cut-off rule"), max_length=20, choices=CutoffRule.choices, default=CutoffRule.DECREE_09
    )
    deadlines = models.JSONField(
        _("deadlines by level"),
        default=dict,
        help_text=_("days after the cut-off for each level, in working or calendar days"),
    )
    reporting_levels = models.JSONField(_("levels that report"), default=list)
    recipient = models.CharField(_("recipient"), max_length=200, blank=True)
    form_title = models.CharField(_("title of the report form"), max_length=255, blank=True)
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until (exclusive)"), null=True, blank=True)
    unconfirmed = models.BooleanField(_("not confirmed by a source"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting regime")
        verbose_name_plural = _("reporting regimes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def deadline_rule(self, level: str) -> periods.DeadlineRule | None:
        data = self.deadlines.get(level)
        return periods.DeadlineRule.from_data(data) if data else None


class RegimeRow(models.Model):
    regime = models.ForeignKey(Regime, verbose_name=_("regime"), on_delete=models.CASCADE, related_name="rows")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+")
    row_number = models.CharField(_("row number on the form"), max_length=10)
    order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        verbose_name = _("row of a regime")
        verbose_name_plural = _("rows of a regime")
        ordering = ["regime", "order"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "indicator"], name="regime_indicator_once"),
            models.UniqueConstraint(fields=["regime", "order"], name="regime_row_order_once"),
        ]

    def __str__(self) -> str:
        return f"{self.row_number}. {self.indicator_id}"


class ValidationRule(models.Model):
    class Kind(models.TextChoices):
        NOT_ABOVE = "not_above", _("left ≤ right")
        BETWEEN = "between", _("between a minimum and a maximum")

    class Severity(models.TextChoices):
        ERROR = "error", _("error (blocks submission)")
        WARNING = "warning", _("warning (needs a comment)")

    regime = models.ForeignKey(Regime, verbose_name=_("regime"), on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    left = models.CharField(_("indicator"), max_length=30)
    right = models.CharField(_("compared with indicator"), max_length=30, blank=True)
    minimum = models.DecimalField(_("minimum"), max_digits=18, decimal_places=4, null=True, blank=True)
    maximum = models.DecimalField(_("maximum"), max_digits=18, decimal_places=4, null=True, blank=True)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices, default=Severity.ERROR)
    message = models.CharField(_("message"), max_length=255, help_text=_("shown to the reporter, in Vietnamese"))

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        ordering = ["regime", "id"]

    def __str__(self) -> str:
        return self.message


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("waiting for approval")
    RETURNED = "returned", _("returned")
    APPROVED = "approved", _("approved")
    SUPERSEDED = "superseded", _("superseded by a correction")


class Report(TimeStamped, Versioned):
    """One (regime, unit, period) in one edition: a correction of an approved report is a new edition."""

    regime = models.ForeignKey(Regime, verbose_name=_("regime"), on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=64, db_index=True, editable=False)
    level = models.CharField(_("level"), max_length=10, editable=False)
    period = models.CharField(_("period"), max_length=8, db_index=True)
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    cutoff_from = models.DateField(_("data from"))
    cutoff_to = models.DateField(_("data until"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment on the warnings"), blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    narrative = models.TextField(_("narrative"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period", "unit_path", "-edition"]
        permissions = [("review_report", _("Can approve or return reports"))]
        constraints = [
            models.UniqueConstraint(fields=["regime", "unit", "period", "edition"], name="report_edition_once"),
            models.CheckConstraint(condition=Q(cutoff_to__gte=F("cutoff_from")), name="report_cutoff_ordered"),
        ]
        indexes = [models.Index(fields=["regime", "period", "status"], name="report_regime_period_status")]

    def __str__(self) -> str:
        return f"{self.regime.code} {self.period} {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:report", args=[self.pk])

    @property
    def is_on_time(self) -> bool | None:
        if self.submitted_at is None or self.due_on is None:
            return None
        from django.utils import timezone

        return timezone.localdate(self.submitted_at) <= self.due_on


class ReportValue(models.Model):
    class Source(models.TextChoices):
        DERIVED = "derived", _("from the registries")
        MANUAL = "manual", _("entered")
        AGGREGATED = "aggregated", _("aggregated from the units below")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+")
    breakdown = models.CharField(_("breakdown"), max_length=80, blank=True, default="")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_link = models.CharField(_("link to the records counted"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator", "breakdown"], name="report_value_once"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}{'/' + self.breakdown if self.breakdown else ''}: {self.value}"


class CriterionVersion(models.Model):
    """A version of new-rural criterion 8 (2016–2020, 2021–2025, …) with its legal basis."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    legal_basis = models.ForeignKey(
        "legal.LegalDocument",
        verbose_name=_("legal basis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    article = models.CharField(_("article"), max_length=120, blank=True)
    unconfirmed = models.BooleanField(_("not confirmed by a source"), default=False)

    class Meta:
        verbose_name = _("version of criterion 8")
        verbose_name_plural = _("versions of criterion 8")
        ordering = ["first_year"]
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=F("first_year")), name="criterion_years_ordered")
        ]

    def __str__(self) -> str:
        return self.name


class SubCriterion(models.Model):
    version = models.ForeignKey(
        CriterionVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="subcriteria"
    )
    code = models.CharField(_("code"), max_length=8)
    name = models.CharField(_("name"), max_length=255)
    test = models.CharField(_("registry test"), max_length=30, blank=True, help_text=_("blank: decided by hand"))
    threshold = models.JSONField(_("threshold"), default=dict, blank=True)
    threshold_text = models.CharField(_("threshold"), max_length=255, blank=True)
    unconfirmed = models.BooleanField(_("threshold not confirmed by a source"), default=False)

    class Meta:
        verbose_name = _("sub-criterion")
        verbose_name_plural = _("sub-criteria")
        ordering = ["version", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="subcriterion_code_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ScorecardOverride(TimeStamped):
    """A specialist's decision on one sub-criterion of a commune in a year, with a reason and a file."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit", verbose_name=_("commune"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    subcriterion = models.ForeignKey(
        SubCriterion, verbose_name=_("sub-criterion"), on_delete=models.PROTECT, related_name="+"
    )
    met = models.BooleanField(_("met"))
    reason = models.TextField(_("reason"))
    evidence = models.FileField(_("evidence file"), upload_to="indicators/evidence/%Y/")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scorecard override")
        verbose_name_plural = _("scorecard overrides")
        permissions = [("override_scorecard", _("Can set a sub-criterion of criterion 8 by hand"))]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "subcriterion"], name="override_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.subcriterion_id}: {self.met}"


class StoredScorecard(models.Model):
    """A commune's criterion-8 scorecard for a year as last assessed from the registries, kept so that lists and
    the country's summary read one row per commune. `scorecards.py` decides when a row is stale (assessed on
    another day, under other sub-criteria, or after a write to the facts it reads) and assesses it again."""

    unit = models.ForeignKey("units.AdministrativeUnit", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    assessed_on = models.DateField()  # the day the registries were read (scorecards.assessed_on)
    signature = models.CharField(max_length=40, blank=True)  # of the version's sub-criteria it was assessed under
    # the writes to the facts this card reads, counted by the writers, and that count when it was assessed:
    # a write made while it was being assessed leaves them different, so the row stays stale
    changes = models.PositiveIntegerField(default=0)
    assessed_changes = models.PositiveIntegerField(default=0)
    met = models.BooleanField(default=False)
    met_mask = models.PositiveIntegerField(default=0)  # bit i: the i-th sub-criterion (by code) is met
    results = models.JSONField(default=list)  # [[code, met, source, detail, override id or null], ...] by code

    class Meta:
        verbose_name = _("stored scorecard")
        verbose_name_plural = _("stored scorecards")
        constraints = [models.UniqueConstraint(fields=["year", "unit"], name="stored_scorecard_once")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year}: {self.met}"
