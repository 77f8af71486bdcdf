"""Procedures with their rule versions, cases (dossiers) with files and fees, and issued licences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ictmis.core.models import Searchable, TimeStamped, Versioned


class Action(models.TextChoices):
    NEW = "new", _("new licence")
    AMEND = "amend", _("amendment")
    RENEW = "renew", _("renewal")
    REISSUE = "reissue", _("re-issue")


class Procedure(TimeStamped):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    handling_unit = models.CharField(_("handling unit"), max_length=160)
    sector = models.CharField(_("sector"), max_length=40, help_text=_("the app that owns the procedure"))
    family = models.CharField(_("licence family"), max_length=40, help_text=_("the kind of licence it acts on"))
    action = models.CharField(_("what it does"), max_length=10, choices=Action.choices)
    online = models.BooleanField(_("can be submitted online"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RuleVersionQuerySet(models.QuerySet["RuleVersion"]):
    def in_force(self, *, on: dt.date) -> RuleVersionQuerySet:
        return self.filter(valid_from__lte=on).filter(Q(valid_to__gt=on) | Q(valid_to__isnull=True))


class RuleVersion(TimeStamped):
    """The rules of a procedure for a period (end exclusive), each value with where it comes from."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="rules")
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("in force until (exclusive)"), null=True, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"))
    legal_basis = models.ForeignKey(
        "legal.LegalDocument", verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    article = models.CharField(_("article and clause"), max_length=120)
    fee = models.PositiveBigIntegerField(_("fee (đồng)"), default=0)
    fee_basis = models.ForeignKey(
        "legal.LegalDocument",
        verbose_name=_("legal basis of the fee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fee_article = models.CharField(_("article of the fee"), max_length=120, blank=True)
    required_documents = models.JSONField(_("required documents"), default=list)
    result_form = models.CharField(_("form of the result"), max_length=200)
    licence_years = models.PositiveSmallIntegerField(_("licence term (years, at most)"), null=True, blank=True)
    max_renewals = models.PositiveSmallIntegerField(_("renewals allowed"), null=True, blank=True)
    renewal_years = models.PositiveSmallIntegerField(_("years per renewal (at most)"), null=True, blank=True)
    renewal_notice_days = models.PositiveSmallIntegerField(
        _("ask at least … days before expiry"), null=True, blank=True
    )
    unconfirmed = models.BooleanField(_("not confirmed by a source"), default=False)

    history = HistoricalRecords()
    objects = RuleVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        ordering = ["procedure", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")), name="rule_period_positive"
            ),
            models.UniqueConstraint(fields=["procedure", "valid_from"], name="rule_one_start_per_procedure"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} {self.valid_from:%d/%m/%Y}"

    def clean(self) -> None:
        """Versions of one procedure never overlap: a day has exactly one rule."""
        from django.core.exceptions import ValidationError

        others = RuleVersion.objects.filter(procedure_id=self.procedure_id).exclude(pk=self.pk)
        if self.valid_to is not None:
            others = others.filter(valid_from__lt=self.valid_to)
        clash = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=self.valid_from)).first()
        if clash is not None:
            raise ValidationError(
                _("This period overlaps the version from %(day)s.") % {"day": clash.valid_from.strftime("%d/%m/%Y")}
            )


class Case(TimeStamped, Versioned, Searchable):
    search_fields = ("code", "applicant_name", "subject")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted online")
        RECEIVED = "received", _("received")
        SUPPLEMENT = "supplement", _("supplement requested")
        APPRAISAL = "appraisal", _("in appraisal")
        PROPOSED = "proposed", _("proposed for decision")
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")
        ISSUED = "issued", _("result issued")
        CLOSED = "closed", pgettext_lazy("case status", "closed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        COUNTER = "counter", _("at the counter")
        POST = "post", _("by post")

    code = models.CharField(_("case code"), max_length=30, unique=True)
    procedure = models.ForeignKey(Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT, related_name="+")
    rule = models.ForeignKey(
        RuleVersion, verbose_name=_("rule version"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    applicant = models.ForeignKey(
        "parties.Organisation", verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="+"
    )
    applicant_name = models.CharField(max_length=255, editable=False)
    subject = models.CharField(_("subject"), max_length=255, blank=True, help_text=_("e.g. the website's domain"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    complete_on = models.DateField(_("complete dossier on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)
    appointment_on = models.DateField(_("appointment for the result"), null=True, blank=True)
    finished_on = models.DateField(_("result issued on"), null=True, blank=True)
    checklist = models.JSONField(_("documents present"), default=list)
    particulars = models.JSONField(_("what is applied for"), default=dict)
    licence = models.ForeignKey(
        "Licence", verbose_name=_("licence"), on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    fee_assessed = models.PositiveBigIntegerField(_("fee assessed (đồng)"), null=True, blank=True)
    fee_reason = models.CharField(_("reason the fee differs from the rule"), max_length=300, blank=True)
    proposal = models.TextField(_("proposal"), blank=True)
    decision_note = models.TextField(_("decision and reasons"), blank=True)
    supplement_note = models.TextField(_("what must be supplemented"), blank=True)
    late_apology_sent = models.BooleanField(default=False, editable=False)
    back_entered = models.BooleanField(_("entered after the fact"), default=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-id"]
        permissions = [("decide_case", _("Can decide cases (grant or refuse)"))]
        indexes = [
            models.Index(fields=["status", "due_on"], name="case_status_due"),
            models.Index(fields=["assignee", "status"], name="case_assignee_status"),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.applicant_name = self.applicant.name if self.applicant_id else ""
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.ISSUED, self.Status.CLOSED, self.Status.WITHDRAWN)


class CaseFile(models.Model):
    """A document of the dossier: checked by content, stored outside static, served only to who may see it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="files")
    label = models.CharField(_("document"), max_length=300)
    file = models.FileField(upload_to="licensing/cases/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("file type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Payment(models.Model):
    class Channel(models.TextChoices):
        CASH = "cash", _("cash at the counter")
        TRANSFER = "transfer", _("bank transfer")
        ONLINE = "online", _("online payment")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="payments")
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    paid_on = models.DateField(_("paid on"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    receipt_number = models.CharField(_("receipt number"), max_length=60)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "id"]

    def __str__(self) -> str:
        return self.receipt_number


class LicenceQuerySet(models.QuerySet["Licence"]):
    def expiring(self, *, on: dt.date, within_days: int) -> LicenceQuerySet:
        return self.filter(
            status=Licence.Status.ACTIVE, valid_until__gte=on, valid_until__lte=on + dt.timedelta(days=within_days)
        )


class Licence(TimeStamped, Versioned, Searchable):
    search_fields = ("number", "holder_name", "subject")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        SUSPENDED = "suspended", _("suspended")
        REVOKED = "revoked", _("revoked")
        EXPIRED = "expired", _("expired")

    number = models.CharField(_("licence number"), max_length=40, db_index=True)
    year = models.PositiveSmallIntegerField(_("year of issue"), help_text=_("numbers restart every year"))
    family = models.CharField(_("licence family"), max_length=40, db_index=True)
    holder = models.ForeignKey(
        "parties.Organisation", verbose_name=_("holder"), on_delete=models.PROTECT, related_name="+"
    )
    holder_name = models.CharField(max_length=255, editable=False)
    subject = models.CharField(_("subject"), max_length=400, help_text=_("e.g. the domains"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until (last day)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    particulars = models.JSONField(_("particulars"), default=dict)
    renewals = models.PositiveSmallIntegerField(_("renewals so far"), default=0)
    issued_by_case = models.ForeignKey(
        Case, verbose_name=_("issued by case"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reminded = models.JSONField(default=list, editable=False)  # reminder thresholds already sent (60, 30)

    history = HistoricalRecords(excluded_fields=["search_text", "reminded"])
    objects = LicenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["-valid_from", "-id"]
        permissions = [("revoke_licence", _("Can suspend or revoke licences"))]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gte=F("valid_from")), name="licence_period_positive"),
            models.UniqueConstraint(fields=["number", "year"], name="licence_number_once_a_year"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The number with its date, as a licence is cited ("01/GP-STTTT ngày 15/03/2019"): numbers restart
        every year, so a number alone is ambiguous."""
        return str(_("%(number)s of %(date)s") % {"number": self.number, "date": self.valid_from.strftime("%d/%m/%Y")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.holder_name = self.holder.name if self.holder_id else ""
        super().save(*args, **kwargs)

    def status_on(self, day: dt.date) -> str:
        """Expiry needs no one to act: past its last day an active licence reads as expired."""
        if self.status in (self.Status.ACTIVE, self.Status.SUSPENDED) and day > self.valid_until:
            return self.Status.EXPIRED
        return self.status


class LicenceChange(models.Model):
    """What happened to a licence after it was issued, with the decision that did it."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("issued")
        AMENDED = "amended", _("amended")
        RENEWED = "renewed", _("renewed")
        REISSUED = "reissued", _("re-issued")
        SUSPENDED = "suspended", _("suspended")
        REINSTATED = "reinstated", _("reinstated")
        REVOKED = "revoked", _("revoked")
        EXPIRED = "expired", _("expired")

    licence = models.ForeignKey(Licence, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("change"), max_length=12, choices=Kind.choices)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decision = models.CharField(_("decision (number, date)"), max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)
    on = models.DateField(_("date"))
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("licence change")
        verbose_name_plural = _("licence changes")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.licence_id} {self.kind}"
