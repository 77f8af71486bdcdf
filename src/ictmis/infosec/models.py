"""Information systems by security level, the level rules, incidents and periodic checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import DomainModel, Searchable, TimeStamped, Versioned

LEVELS = (1, 2, 3, 4, 5)


class SystemType(models.TextChoices):
    """The kinds of information system the Decree's guidance lists."""

    INTERNAL = "internal", _("internal operations")
    SERVICE = "service", _("serving citizens and businesses")
    INFRASTRUCTURE = "infrastructure", _("information infrastructure")
    INDUSTRIAL = "industrial", _("industrial control")
    OTHER = "other", _("other")


class InformationSystem(DomainModel):
    """A system of the province's inventory. Never public: a system's existence can itself be sensitive."""

    search_fields = ("code", "name", "owner_name", "hosting")

    class Status(models.TextChoices):
        OPERATING = "operating", _("in operation")
        BUILDING = "building", _("being built")
        RETIRED = "retired", _("retired")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    owner = models.ForeignKey(
        "parties.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    owner_name = models.CharField(max_length=255, editable=False, default="")
    operator = models.ForeignKey(
        "parties.Organisation",
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("owner's unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit_path = models.CharField(max_length=255, blank=True, default="", editable=False, db_index=True)
    system_type = models.CharField(_("type"), max_length=16, choices=SystemType.choices)
    hosting = models.CharField(_("hosting place"), max_length=255, blank=True)
    personal_data = models.BooleanField(_("holds personal data"), default=False)
    personal_data_category = models.CharField(_("category of personal data"), max_length=255, blank=True)
    secret_data = models.BooleanField(_("holds state-secret data"), default=False)
    secret_data_category = models.CharField(_("category of state secrets"), max_length=255, blank=True)
    proposed_level = models.PositiveSmallIntegerField(_("proposed level"), null=True, blank=True)
    approved_level = models.PositiveSmallIntegerField(_("approved level"), null=True, blank=True, db_index=True)
    approval_document = models.CharField(_("approving document"), max_length=160, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    ministry_reference = models.CharField(
        _("reference of the dossier sent to the Ministry"), max_length=160, blank=True
    )
    last_checked_on = models.DateField(_("last checked on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPERATING, db_index=True
    )

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("information system")
        verbose_name_plural = _("information systems")
        ordering = ["code"]
        permissions = [
            ("approve_high_level", _("Can approve levels 4 and 5 (the owner, after the Ministry's appraisal)"))
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposed_level__isnull=True) | Q(proposed_level__gte=1, proposed_level__lte=5),
                name="infosec_proposed_level_1_5",
            ),
            models.CheckConstraint(
                condition=Q(approved_level__isnull=True) | Q(approved_level__gte=1, approved_level__lte=5),
                name="infosec_approved_level_1_5",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.owner_name = self.owner.name if self.owner_id else ""
        self.unit_path = self.unit.path if self.unit is not None else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "owner_name", "unit_path"}
        super().save(*args, **kwargs)

    @property
    def level(self) -> int | None:
        return self.approved_level or self.proposed_level


class RuleQuerySet(models.QuerySet["LevelRule"]):
    def in_force(self, *, on: dt.date) -> RuleQuerySet:
        return self.filter(valid_from__lte=on).filter(Q(valid_to__gt=on) | Q(valid_to__isnull=True))


class LevelRule(TimeStamped):
    """Who appraises and approves a level, the dossier's parts and the time limits, for a period (end exclusive).
    The admin closes a version (valid_to) and adds the next when the law changes."""

    level = models.PositiveSmallIntegerField(_("level"))
    procedure_code = models.CharField(_("procedure"), max_length=40)
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until (exclusive)"), null=True, blank=True)
    appraiser = models.CharField(_("appraised by"), max_length=255)
    approver = models.CharField(_("approved by"), max_length=255)
    approve_permission = models.CharField(_("permission needed to approve"), max_length=80)
    parts = models.JSONField(_("parts of the dossier"), default=list)
    appraisal_days = models.PositiveSmallIntegerField(_("appraisal time limit (days)"), null=True, blank=True)
    approval_working_days = models.PositiveSmallIntegerField(_("approval time limit (working days)"))
    to_ministry = models.BooleanField(_("sent to the Ministry"), default=False)
    legal_basis = models.ForeignKey(
        "legal.LegalDocument", verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    article = models.CharField(_("article and clause"), max_length=120)
    unconfirmed = models.BooleanField(_("not confirmed by a source"), default=False)

    history = HistoricalRecords()
    objects = RuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("level rule")
        verbose_name_plural = _("level rules")
        ordering = ["level", "valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="infosec_rule_level_1_5"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")), name="infosec_rule_period"
            ),
            models.UniqueConstraint(fields=["level", "valid_from"], name="infosec_rule_one_start_per_level"),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.valid_from:%d/%m/%Y}"

    def clean(self) -> None:
        """Versions of one level never overlap: a day has exactly one rule."""
        from django.core.exceptions import ValidationError

        others = LevelRule.objects.filter(level=self.level).exclude(pk=self.pk)
        if self.valid_to is not None:
            others = others.filter(valid_from__lt=self.valid_to)
        clash = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=self.valid_from)).first()
        if clash is not None:
            raise ValidationError(
                _("This period overlaps the version from %(day)s.") % {"day": clash.valid_from.strftime("%d/%m/%Y")}
            )


class IncidentRuleQuerySet(models.QuerySet["IncidentRule"]):
    def in_force(self, *, on: dt.date) -> IncidentRuleQuerySet:
        return self.filter(valid_from__lte=on).filter(Q(valid_to__gt=on) | Q(valid_to__isnull=True))


class IncidentRule(TimeStamped):
    """The incident clocks for a period: notify within N days of detection, end report within M days."""

    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until (exclusive)"), null=True, blank=True)
    notify_days = models.PositiveSmallIntegerField(_("notify within (days of detection)"))
    end_report_days = models.PositiveSmallIntegerField(_("end-of-response report within (days after closing)"))
    legal_basis = models.ForeignKey(
        "legal.LegalDocument", verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    article = models.CharField(_("article and clause"), max_length=120, blank=True)
    unconfirmed = models.BooleanField(_("not confirmed by a source"), default=False)

    history = HistoricalRecords()
    objects = IncidentRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("incident rule")
        verbose_name_plural = _("incident rules")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="infosec_incident_rule_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%d/%m/%Y}"


class IncidentType(models.TextChoices):
    MALWARE = "malware", _("malware")
    INTRUSION = "intrusion", _("intrusion, account takeover")
    DOS = "dos", _("denial of service")
    DEFACEMENT = "defacement", _("defacement")
    DATA_LEAK = "data_leak", _("data leak")
    PHISHING = "phishing", _("phishing, fraud")
    OTHER = "other", _("other")


class SeriousEffect(models.TextChoices):
    """Effects that make an incident on a level 4–5 system serious (editable list; wording unconfirmed)."""

    DATA = "data", _("data lost, leaked or destroyed")
    STOPPED = "stopped", _("the system stopped working")
    CONTROL = "control", _("control of the system taken")
    SPREAD = "spread", _("spread to other systems")


class Incident(TimeStamped, Versioned, Searchable):
    search_fields = ("code", "system_name", "symptoms")

    class Status(models.TextChoices):
        RESPONDING = "responding", _("response under way")
        CLOSED = "closed", _("response closed")

    code = models.CharField(_("code"), max_length=30, unique=True)
    system = models.ForeignKey(
        InformationSystem, verbose_name=_("information system"), on_delete=models.PROTECT, related_name="incidents"
    )
    system_name = models.CharField(max_length=255, editable=False, default="")
    system_level = models.PositiveSmallIntegerField(_("level of the system"), null=True, blank=True)
    rule = models.ForeignKey(IncidentRule, on_delete=models.PROTECT, related_name="+")
    detected_at = models.DateTimeField(_("detected at"))
    reported_at = models.DateTimeField(_("reported at"))
    incident_type = models.CharField(_("type"), max_length=16, choices=IncidentType.choices, db_index=True)
    symptoms = models.TextField(_("symptoms"))
    harm = models.TextField(_("first estimate of harm and spread"), blank=True)
    measures = models.TextField(_("measures taken"), blank=True)
    help_needed = models.TextField(_("help needed"), blank=True)
    contact = models.CharField(_("contact"), max_length=255)
    effects = models.JSONField(_("serious effects"), default=list, blank=True)
    serious = models.BooleanField(_("serious incident"), default=False, db_index=True)
    beyond_capacity = models.BooleanField(_("beyond our capacity"), default=False)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    notify_due_at = models.DateTimeField(_("notification due"))
    notified_at = models.DateTimeField(_("initial report sent at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RESPONDING, db_index=True
    )
    closed_at = models.DateTimeField(_("response closed at"), null=True, blank=True)
    result = models.TextField(_("result of the response"), blank=True)
    end_report_due_at = models.DateTimeField(_("end-of-response report due"), null=True, blank=True)
    end_reported_at = models.DateTimeField(_("end-of-response report sent at"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-detected_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=F("detected_at")),
                name="infosec_incident_closed_after_detection",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.system_name = self.system.name if self.system_id else ""
        super().save(*args, **kwargs)


class ProgressReport(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="progress")
    at = models.DateTimeField(_("time"))
    text = models.TextField(_("progress"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.incident_id} {self.at:%d/%m/%Y}"


class Check(TimeStamped, Versioned):
    """A periodic check of a system: planned, done with findings, each finding with a remedy and deadline."""

    system = models.ForeignKey(InformationSystem, on_delete=models.PROTECT, related_name="checks")
    planned_on = models.DateField(_("planned on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    scope = models.CharField(_("scope of the check"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("periodic check")
        verbose_name_plural = _("periodic checks")
        ordering = ["-planned_on", "-id"]

    def __str__(self) -> str:
        return f"{self.system_id} {self.planned_on:%d/%m/%Y}"


class Finding(TimeStamped):
    check_run = models.ForeignKey(Check, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField(_("finding"))
    remedy = models.TextField(_("remedy"))
    remedy_due_on = models.DateField(_("remedy due on"))
    remedied_on = models.DateField(_("remedied on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["remedy_due_on", "id"]

    def __str__(self) -> str:
        return self.text[:60]
