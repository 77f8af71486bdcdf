"""Inspections and administrative sanctions: the law as data (provisions, signing limits, time rules) and the
work done under it (plans, inspections, violation records, sanction decisions, payments, appeals)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import Searchable, TimeStamped, Versioned


class Sector(models.TextChoices):
    POSTAL = "postal", _("postal")
    TELECOM = "telecom", _("telecom and Internet")
    FREQUENCIES = "frequencies", _("radio frequencies")
    IT = "it", _("information technology")
    E_TRANSACTIONS = "e_transactions", _("electronic transactions")
    INFOSEC = "infosec", _("information security")
    ONLINE = "online", _("websites and social networks")


class ViolatorType(models.TextChoices):
    INDIVIDUAL = "individual", _("individual")
    ORGANISATION = "organisation", _("organisation")


class Title(models.TextChoices):
    """Titles holding sanctioning authority, in the order a case climbs when it is transferred."""

    INSPECTOR_ON_DUTY = "inspector_on_duty", _("inspector on duty")
    TEAM_HEAD = "team_head", _("head of the Department's inspection team")
    COMMUNE_PC = "commune_pc", _("chairman of the commune People's Committee")
    CHIEF_INSPECTOR = "chief_inspector", _("Chief Inspector of the Department")
    DISTRICT_PC = "district_pc", _("chairman of the district People's Committee")
    DIRECTOR = "director", _("Director of the Department")
    CULTURE_DIRECTOR = "culture_director", _("Director of the Department of Culture, Sports and Tourism")
    PROVINCIAL_PC = "provincial_pc", _("chairman of the provincial People's Committee")


TITLE_RANK = {title: rank for rank, title in enumerate(Title.values)}


class InForce(models.Model):
    valid_from = models.DateField(_("in force from"))
    valid_to = models.DateField(_("no longer in force from"), null=True, blank=True, help_text=_("exclusive end"))
    legal_basis = models.ForeignKey(
        "legal.LegalDocument", verbose_name=_("legal basis"), on_delete=models.PROTECT, related_name="+"
    )
    article = models.CharField(_("article, clause, point"), max_length=120, blank=True)
    unconfirmed = models.BooleanField(_("unconfirmed"), default=False, help_text=_("no source confirmed it: check it"))

    class Meta:
        abstract = True

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    @property
    def citation(self) -> str:
        text = f"{self.article}, {self.legal_basis.number}" if self.article else self.legal_basis.number
        return f"{text} ({_('unconfirmed')})" if self.unconfirmed or self.legal_basis.unconfirmed else text


def in_force(day: dt.date) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))


class SanctionProvision(InForce, TimeStamped, Searchable):
    """One act a sanction decree describes, with its fine range for an organisation (an individual: half)."""

    search_fields = ("act", "article")

    act_code = models.SlugField(
        _("act code"), max_length=60, help_text=_("the same act across decrees, for the more lenient law")
    )
    act = models.CharField(_("act"), max_length=400)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, db_index=True)
    min_fine = models.PositiveBigIntegerField(_("minimum fine for an organisation (đồng)"))
    max_fine = models.PositiveBigIntegerField(_("maximum fine for an organisation (đồng)"))
    additional_sanctions = models.CharField(_("additional sanctions"), max_length=400, blank=True)
    remedial_measures = models.CharField(_("remedial measures"), max_length=400, blank=True)
    limitation_years = models.PositiveSmallIntegerField(_("limitation period (years)"), default=1)
    suspends_licence = models.BooleanField(_("licence suspension or revocation possible"), default=False)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("sanction provision")
        verbose_name_plural = _("sanction provisions")
        ordering = ["sector", "valid_from", "article"]
        constraints = [
            models.CheckConstraint(condition=Q(max_fine__gte=F("min_fine")), name="provision_range_ordered"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")), name="provision_period_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citation}: {self.act}"

    def range_for(self, violator_type: str) -> tuple[int, int]:
        if violator_type == ViolatorType.INDIVIDUAL:
            return self.min_fine // 2, self.max_fine // 2
        return self.min_fine, self.max_fine


class SanctioningAuthority(InForce, TimeStamped):
    """A title's maximum fine in some sectors during a period, stated as an organisation amount."""

    title = models.CharField(_("title"), max_length=24, choices=Title.choices, db_index=True)
    sectors = models.JSONField(_("sectors"), default=list)
    max_fine = models.PositiveBigIntegerField(_("maximum fine for an organisation (đồng)"))
    may_suspend_licence = models.BooleanField(_("may suspend or revoke licences"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sanctioning authority")
        verbose_name_plural = _("sanctioning authorities")
        ordering = ["valid_from", "title"]

    def __str__(self) -> str:
        return f"{self.get_title_display()}: {self.max_fine:,} ({self.valid_from:%d/%m/%Y})"


class TimeRule(InForce, TimeStamped):
    """A number the law fixes for the handling of a case (limitation, time limits, payment, surcharge)."""

    class Key(models.TextChoices):
        LIMITATION = "limitation", _("limitation period (years)")
        LIMITATION_LONG = "limitation_long", _("longer limitation period for listed articles (years)")
        DECISION_ORDINARY = "decision_ordinary", _("time limit to decide after the record (working days)")
        DECISION_TRANSFERRED = "decision_transferred", _("time limit when the file is transferred (working days)")
        DECISION_EXPLAINED = "decision_explained", _("time limit with an explanation or verification (months)")
        DECISION_COMPLEX = "decision_complex", _("time limit for very complex cases (months)")
        SEND = "send", _("time to send the decision (working days)")
        PAYMENT = "payment", _("payment deadline after receipt (days)")
        NO_RECEIPT = "no_receipt", _("surcharge start without proof of receipt (day after the decision)")
        SURCHARGE = "surcharge", _("late-payment surcharge (per ten thousand a day)")
        INSTALMENTS = "instalments", _("instalments at most")
        INSTALMENT_MONTHS = "instalment_months", _("instalments within (months)")
        FIRST_INSTALMENT = "first_instalment", _("first instalment at least (%)")
        POSTPONEMENT_MONTHS = "postponement_months", _("payment postponed at most (months)")
        POSTPONEMENT_MIN = "postponement_min", _("postponement only for an individual's fine from (đồng)")
        PUBLICATION = "publication", _("decisions against organisations published on the portal")
        SPOT_INDIVIDUAL = "spot_individual", _("fine without a record, individual, at most (đồng)")
        SPOT_ORGANISATION = "spot_organisation", _("fine without a record, organisation, at most (đồng)")
        INDIVIDUAL_HALF = "individual_half", _("an individual is fined half the organisation amount (%)")
        TRANSFER = "transfer", _("a case beyond the signer's authority goes to the competent title")
        DECREE_CHOICE = "decree_choice", _("which decree applies to an act")
        MORE_LENIENT = "more_lenient", _("a later, more lenient text applies")
        ENFORCEMENT_LIMITATION = "enforcement_limitation", _("limitation of enforcement after the decision (years)")

    key = models.CharField(_("rule"), max_length=24, choices=Key.choices, db_index=True)
    value = models.PositiveIntegerField(_("value"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("time rule")
        verbose_name_plural = _("time rules")
        ordering = ["key", "valid_from"]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.value}"


class InspectionPlan(TimeStamped, Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved")

    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    planned_inspections = models.PositiveSmallIntegerField(_("planned inspections"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class Inspection(TimeStamped, Versioned, Searchable):
    search_fields = ("decision_number", "subject_name", "scope")

    class Status(models.TextChoices):
        OPEN = "open", _("in progress")
        CONCLUDED = "concluded", _("concluded")

    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    subject = models.ForeignKey(
        "parties.Organisation", verbose_name=_("inspected organisation"), on_delete=models.PROTECT, related_name="+"
    )
    subject_name = models.CharField(max_length=255, editable=False)
    scope = models.CharField(_("scope"), max_length=400)
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("team"), blank=True, related_name="+")
    team_head = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("team head"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    records = models.JSONField(
        _("records inspected"), default=list, help_text=_('generic references: [{"registry": "bts", "id": 1}]')
    )
    findings = models.TextField(_("findings"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    remedies = models.JSONField(_("remedial measures"), default=list, help_text=_('[{"measure", "due", "done"}]'))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["starts_on", "id"], name="inspection_start_idx"),  # the list's order
            models.Index(fields=["ends_on", "id"], name="inspection_end_idx"),  # the follow-up's order
        ]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="inspection_term")]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.subject_name}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.subject_name = self.subject.name if self.subject_id else ""
        super().save(*args, **kwargs)


class ViolationRecord(TimeStamped, Versioned, Searchable):
    """Biên bản vi phạm hành chính (form MBB01 of Decree 118/2021)."""

    search_fields = ("number", "violator_name", "violator_id_number", "place")

    class Complexity(models.TextChoices):
        ORDINARY = "ordinary", _("ordinary")
        TRANSFERRED = "transferred", _("file transferred to another competent person")
        EXPLAINED = "explained", _("with an explanation or verification")
        COMPLEX = "complex", _("very complex")

    class Status(models.TextChoices):
        OPEN = "open", _("awaiting a decision")
        TRANSFERRED = "transferred", _("transferred to a higher authority")
        DECIDED = "decided", _("decided")

    number = models.CharField(_("number"), max_length=60, blank=True, db_index=True)
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    violator_type = models.CharField(_("violator"), max_length=12, choices=ViolatorType.choices)
    organisation = models.ForeignKey(
        "parties.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    violator_name = models.CharField(_("name of the violator"), max_length=255)
    violator_id_number = models.CharField(
        _("citizen ID or tax code"), max_length=14, db_index=True, help_text=_("12-digit citizen ID, or tax code")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    recorded_at = models.DateTimeField(_("time of the record"))
    place = models.CharField(_("place of the act"), max_length=255)
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    act_ended_on = models.DateField(_("act ended on"), null=True, blank=True, help_text=_("empty: still continuing"))
    detected_on = models.DateField(_("detected on"))
    witnesses = models.TextField(_("witnesses"), blank=True)
    statement = models.TextField(_("violator's statement"), blank=True)
    recorder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    complexity = models.CharField(
        _("time limit"), max_length=12, choices=Complexity.choices, default=Complexity.ORDINARY
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True)
    transferred_to = models.CharField(_("transferred to"), max_length=24, choices=Title.choices, blank=True)
    repeat_of = models.JSONField(_("earlier sanctions for the same acts"), default=list, editable=False)
    document = models.ForeignKey(
        "documents.OutgoingDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("violation record")
        verbose_name_plural = _("violation records")
        ordering = ["-recorded_at", "-id"]
        indexes = [models.Index(fields=["recorded_at", "id"], name="record_recorded_idx")]  # the list's order
        constraints = [
            models.CheckConstraint(
                condition=Q(act_ended_on__isnull=True) | Q(act_ended_on__lte=F("detected_on")),
                name="record_act_ends_before_detection",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number or '—'} {self.violator_name}"


class RecordAct(models.Model):
    record = models.ForeignKey(ViolationRecord, on_delete=models.CASCADE, related_name="acts")
    provision = models.ForeignKey(SanctionProvision, verbose_name=_("provision"), on_delete=models.PROTECT)
    description = models.CharField(_("description"), max_length=400, blank=True)
    is_repeat = models.BooleanField(_("repeat violation"), default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.provision)


class SanctionDecision(TimeStamped, Versioned, Searchable):
    """Quyết định xử phạt vi phạm hành chính: from one or more records (form MQĐ02 of Decree 118/2021), or on the
    spot without a record (form MQĐ01, LHAV Art. 56), which then carries the act's time and place itself."""

    search_fields = ("number", "violator_name", "violator_id_number")

    class Kind(models.TextChoices):
        WITH_RECORD = "record", _("after a violation record")
        WITHOUT_RECORD = "without_record", _("on the spot, without a record")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("signed")
        DELIVERED = "delivered", _("delivered")
        PAID = "paid", _("paid")
        ENFORCED = "enforced", _("enforcement ordered")
        CLOSED = "closed", _("case closed")

    number = models.CharField(_("number"), max_length=60, blank=True, db_index=True)
    kind = models.CharField(_("kind of decision"), max_length=16, choices=Kind.choices, default=Kind.WITH_RECORD)
    record = models.ForeignKey(
        ViolationRecord,
        verbose_name=_("violation record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    # a decision without a record holds what the record would: when and where the act took place
    act_at = models.DateTimeField(_("time of the act"), null=True, blank=True)
    act_ended_on = models.DateField(_("act ended on"), null=True, blank=True, help_text=_("empty: still continuing"))
    place = models.CharField(_("place of the act"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "parties.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    violator_type = models.CharField(_("violator"), max_length=12, choices=ViolatorType.choices)
    violator_name = models.CharField(_("violator"), max_length=255)
    violator_id_number = models.CharField(_("citizen ID or tax code"), max_length=14, db_index=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, db_index=True)
    decree = models.ForeignKey(
        "legal.LegalDocument", verbose_name=_("decree"), on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decision date"), db_index=True)
    signer_title = models.CharField(_("signer's title"), max_length=24, choices=Title.choices, db_index=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    total = models.PositiveBigIntegerField(_("total fine (đồng)"))
    additional_sanctions = models.CharField(_("additional sanctions"), max_length=400, blank=True)
    remedial_measures = models.CharField(_("remedial measures"), max_length=400, blank=True)
    remedy_due_on = models.DateField(_("remedial measures due"), null=True, blank=True)
    remedy_done_on = models.DateField(_("remedial measures done"), null=True, blank=True)
    more_lenient_note = models.CharField(_("more lenient law"), max_length=400, blank=True)
    repeat_of = models.JSONField(_("earlier sanctions for the same acts"), default=list, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    instalments = models.JSONField(_("instalments"), default=list, help_text=_('[{"due": "yyyy-mm-dd", "amount"}]'))
    paid = models.PositiveBigIntegerField(_("paid (đồng)"), default=0)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    postponed_until = models.DateField(_("payment postponed until"), null=True, blank=True)
    postponement_reason = models.CharField(_("reason for the postponement"), max_length=400, blank=True)
    published_on = models.DateField(_("published on the portal on"), null=True, blank=True, db_index=True)
    licence_id = models.PositiveIntegerField(_("licence suspended or revoked"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.OutgoingDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("sanction decision")
        verbose_name_plural = _("sanction decisions")
        ordering = ["-decided_on", "-id"]
        permissions = [("sign_sanctiondecision", _("Can sign sanction decisions"))]
        indexes = [
            models.Index(fields=["status", "decided_on"], name="decision_status_day_idx"),
            models.Index(fields=["decided_on", "id"], name="decision_list_order_idx"),  # keys of a deep page
            # the reports read these alone (covering indexes): no visit to the wide rows of 100,000 decisions
            models.Index(fields=["decided_on", "status", "total", "paid"], name="decision_day_amounts_idx"),
            models.Index(fields=["sector", "status", "total", "paid"], name="decision_sector_amounts_idx"),
            models.Index(fields=["signer_title", "status", "total", "paid"], name="decision_signer_amounts_idx"),
            # the follow-up's overdue remedial measures, oldest first, among the outstanding ones only
            models.Index(
                fields=["remedy_due_on", "id"],
                condition=Q(remedy_done_on__isnull=True),
                name="decision_remedy_open_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="record", record__isnull=False)
                | Q(kind="without_record", record__isnull=True, act_at__isnull=False),
                name="decision_record_or_act_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number or _('draft')} {self.violator_name}"

    @property
    def without_record(self) -> bool:
        return self.kind == self.Kind.WITHOUT_RECORD


class DecisionAct(models.Model):
    decision = models.ForeignKey(SanctionDecision, on_delete=models.CASCADE, related_name="acts")
    provision = models.ForeignKey(SanctionProvision, verbose_name=_("provision"), on_delete=models.PROTECT)
    fine = models.PositiveBigIntegerField(_("fine (đồng)"))
    mitigating = models.CharField(_("mitigating circumstances"), max_length=400, blank=True)
    aggravating = models.CharField(_("aggravating circumstances"), max_length=400, blank=True)
    is_repeat = models.BooleanField(_("repeat violation"), default=False)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["provision", "decision", "fine"], name="decisionact_provision_fine_idx")]

    def __str__(self) -> str:
        return f"{self.provision.citation}: {self.fine:,}"


class Payment(TimeStamped):
    class Channel(models.TextChoices):
        TREASURY = "treasury", _("State Treasury")
        BANK = "bank", _("bank")
        ONLINE = "online", _("online payment")

    decision = models.ForeignKey(SanctionDecision, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField(_("paid on"))
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    surcharge = models.PositiveBigIntegerField(_("late-payment surcharge (đồng)"), default=0)
    channel = models.CharField(_("paid at"), max_length=10, choices=Channel.choices, default=Channel.TREASURY)
    receipt = models.CharField(_("receipt number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive")]

    def __str__(self) -> str:
        return f"{self.paid_on:%d/%m/%Y}: {self.amount:,}"


class Appeal(TimeStamped):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("administrative complaint")
        LAWSUIT = "lawsuit", _("administrative lawsuit")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("pending")
        UPHELD = "upheld", _("decision upheld")
        CHANGED = "changed", _("decision changed")
        ANNULLED = "annulled", _("decision annulled")

    decision = models.ForeignKey(SanctionDecision, on_delete=models.PROTECT, related_name="appeals")
    lodged_on = models.DateField(_("lodged on"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPLAINT)
    summary = models.TextField(_("summary"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution = models.CharField(_("resolution"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["lodged_on", "id"]

    def __str__(self) -> str:
        return f"{self.lodged_on:%d/%m/%Y}: {self.get_outcome_display()}"


class CoercionDecision(TimeStamped):
    """Quyết định cưỡng chế thi hành quyết định xử phạt (LHAV Arts. 86–88): the measure ordered when a decision is
    enforced, with the amount to collect on its date (the unpaid fine and the surcharge to that day)."""

    class Measure(models.TextChoices):
        SALARY = "salary", _("deduction from salary or income")
        ACCOUNT = "account", _("deduction from a bank account")
        SEIZURE = "seizure", _("seizure of assets for auction")
        THIRD_PARTY = "third_party", _("collection of money or assets held by others")

    decision = models.ForeignKey(SanctionDecision, on_delete=models.PROTECT, related_name="coercions")
    measure = models.CharField(_("coercive measure"), max_length=16, choices=Measure.choices)
    number = models.CharField(_("number"), max_length=60, blank=True, db_index=True)
    decided_on = models.DateField(_("decision date"))
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signer_title = models.CharField(_("signer's title"), max_length=24, choices=Title.choices, blank=True)
    unpaid_fine = models.PositiveBigIntegerField(_("unpaid fine (đồng)"))
    surcharge = models.PositiveBigIntegerField(_("late-payment surcharge to the decision date (đồng)"))
    amount = models.PositiveBigIntegerField(_("amount to collect (đồng)"))
    details = models.CharField(_("where and how"), max_length=400, blank=True)
    document = models.ForeignKey(
        "documents.OutgoingDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coercion decision")
        verbose_name_plural = _("coercion decisions")
        ordering = ["decided_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount=F("unpaid_fine") + F("surcharge")), name="coercion_amount_sum")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_measure_display()}".strip()
