"""Working sessions, directing documents with their items, proposals sent upward, and tasks.

A task's state is never stored: the four states of the government's task tracking follow from its
effective deadline (`due_on`), its completion date and the day asked (see workflow.py). `due_on` is the
deadline after an approved extension, moved to the next working day when it falls on a day off; services
keep it in step with `deadline` and `extended_to`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import Searchable, TimeStamped, Versioned


class Division(TimeStamped):
    """A division (phòng) of the Department that can lead tasks."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class WorkingSession(TimeStamped, Versioned, Searchable):
    search_fields = ("title", "chaired_by", "place", "hosts")

    class Kind(models.TextChoices):
        VISIT = "visit", _("working visit")
        MEETING = "meeting", _("meeting")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VISIT)
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    chaired_by = models.CharField(_("led by"), max_length=255)
    delegation = models.TextField(_("delegation"), blank=True)
    hosts = models.TextField(_("hosts"), blank=True)
    units_visited = models.TextField(_("units visited"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("working session")
        verbose_name_plural = _("working sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class DirectingDocument(TimeStamped, Versioned, Searchable):
    search_fields = ("number", "title", "issuer", "signer")

    class Kind(models.TextChoices):
        CONCLUSION = "conclusion", _("conclusion notice")
        LETTER = "letter", _("letter")
        DECISION = "decision", _("decision")
        MINUTES = "minutes", _("minutes of a meeting")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CONCLUSION)
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("date of issue"))
    issuer = models.CharField(_("issuer"), max_length=255)
    signer = models.CharField(_("signer"), max_length=255)
    title = models.CharField(_("summary"), max_length=500)
    session = models.ForeignKey(
        WorkingSession,
        verbose_name=_("working session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
    )

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("directing document")
        verbose_name_plural = _("directing documents")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"


class DirectiveItem(models.Model):
    """One numbered item of a directing document."""

    document = models.ForeignKey(DirectingDocument, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("item"))
    content = models.TextField(_("content"))

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["document", "position"]
        constraints = [models.UniqueConstraint(fields=["document", "position"], name="directive_item_once")]

    def __str__(self) -> str:
        return f"{self.position}. {self.content[:60]}"


class Proposal(TimeStamped, Versioned, Searchable):
    """A proposal (kiến nghị) the Department sends upward, and the answer it received."""

    search_fields = ("addressee", "content", "answer")

    class Status(models.TextChoices):
        SENT = "sent", _("sent")
        ANSWERED = "answered", _("answered")
        ACCEPTED = "accepted", _("accepted")
        PARTLY = "partly", _("partly accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    session = models.ForeignKey(
        WorkingSession,
        verbose_name=_("working session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    addressee = models.CharField(_("sent to"), max_length=255)
    content = models.TextField(_("content"))
    sent_on = models.DateField(_("sent on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENT)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_reference = models.CharField(_("answering document"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return self.content[:80]


class TaskQuerySet(models.QuerySet["Task"]):
    def tracked(self) -> TaskQuerySet:
        """What is counted: single tasks and each occurrence of a recurring one (not the series itself)."""
        return self.filter(is_series=False)


class Task(TimeStamped, Versioned, Searchable):
    search_fields = ("title", "lead_name", "source_number", "assigner")

    class LeadKind(models.TextChoices):
        DIVISION = "division", _("division of the Department")
        COMMUNE = "commune", _("commune")
        AGENCY = "agency", _("other agency")

    class Recurrence(models.TextChoices):
        NONE = "", _("once")
        MONTHLY = "monthly", _("monthly")
        QUARTERLY = "quarterly", _("quarterly")
        YEARLY = "yearly", _("yearly")

    source = models.ForeignKey(
        DirectingDocument, verbose_name=_("source document"), on_delete=models.PROTECT, related_name="tasks"
    )
    source_number = models.CharField(max_length=60, editable=False)
    item = models.ForeignKey(
        DirectiveItem, verbose_name=_("item"), on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    title = models.CharField(_("task"), max_length=500)
    assigner = models.CharField(_("assigned by"), max_length=255)
    assigned_on = models.DateField(_("assigned on"))
    lead_kind = models.CharField(_("kind of lead unit"), max_length=10, choices=LeadKind.choices)
    lead_division = models.ForeignKey(
        Division, verbose_name=_("lead division"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lead_commune = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("lead commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lead_agency = models.ForeignKey(
        "parties.Organisation",
        verbose_name=_("lead agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lead_key = models.CharField(max_length=24, editable=False)
    lead_name = models.CharField(_("lead unit"), max_length=255, editable=False)
    lead_path = models.CharField(max_length=64, blank=True, editable=False)
    co_units = models.CharField(_("co-operating units"), max_length=500, blank=True)
    person_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    expected_output = models.TextField(_("expected output"), blank=True)
    evidence_required = models.BooleanField(_("completion needs evidence"), default=True)
    deadline = models.DateField(_("deadline"))
    recurrence = models.CharField(
        _("recurrence"), max_length=10, choices=Recurrence.choices, default=Recurrence.NONE, blank=True
    )
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True)
    is_series = models.BooleanField(default=False, editable=False)
    series = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="occurrences", editable=False
    )
    period = models.CharField(_("period"), max_length=20, blank=True, editable=False)
    extended_to = models.DateField(_("extended to"), null=True, blank=True, editable=False)
    due_on = models.DateField(_("effective deadline"), editable=False)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)
    completion_note = models.TextField(_("completion report"), blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "id"]
        permissions = [
            ("report_task", _("Can report progress and completion of tasks")),
            ("decide_extension", _("Can approve or refuse deadline extensions")),
            ("confirm_task", _("Can confirm the completion of tasks")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=F("assigned_on")), name="task_deadline_after_assignment"),
            models.CheckConstraint(
                condition=(
                    Q(
                        lead_kind="division",
                        lead_division__isnull=False,
                        lead_commune__isnull=True,
                        lead_agency__isnull=True,
                    )
                    | Q(
                        lead_kind="commune",
                        lead_commune__isnull=False,
                        lead_division__isnull=True,
                        lead_agency__isnull=True,
                    )
                    | Q(
                        lead_kind="agency",
                        lead_agency__isnull=False,
                        lead_division__isnull=True,
                        lead_commune__isnull=True,
                    )
                ),
                name="task_one_lead_unit",
            ),
        ]
        indexes = [  # is_series last: the counts and lists read these indexes only; see decision 0013
            models.Index(fields=["lead_key", "due_on", "is_series"], name="task_lead_due"),
            models.Index(
                fields=["lead_key", "lead_name", "due_on", "completed_on", "is_series"], name="task_lead_counts"
            ),
            models.Index(fields=["due_on", "completed_on", "is_series"], name="task_due_counts"),
            models.Index(fields=["assigner", "is_series"], name="task_assigner"),
            models.Index(fields=["source", "due_on"], name="task_source_due"),
            models.Index(fields=["lead_path"], name="task_lead_path"),
        ]

    def __str__(self) -> str:
        return self.title[:80]


class TaskOption(models.Model):
    """A lead unit or an assigner that some task names: the task list's filter options. The services add
    one when a task names it (tasks are never deleted nor moved to another lead unit), so the list page
    reads a few thousand small rows instead of a DISTINCT over every task (see decision 0025)."""

    class Kind(models.TextChoices):
        LEAD = "lead", _("lead unit")
        ASSIGNER = "assigner", _("assigned by")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=255)
    label = models.CharField(max_length=255)
    lead_path = models.CharField(max_length=64, blank=True)
    sort_key = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("task filter option")
        verbose_name_plural = _("task filter options")
        ordering = ["kind", "sort_key", "key"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="task_option_once")]
        indexes = [models.Index(fields=["kind", "sort_key", "key"], name="task_option_sorted")]

    def __str__(self) -> str:
        return self.label


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("report date"))
    text = models.TextField(_("progress"))
    percent = models.PositiveSmallIntegerField(_("percent done"), null=True, blank=True)
    reported_at = models.DateTimeField()
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.reported_on}"


class Extension(models.Model):
    """A request to move the deadline; the original deadline stays on the task."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_to = models.DateField(_("new deadline asked"))
    reason = models.TextField(_("reason"))
    asked_at = models.DateTimeField()
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-asked_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["task"], condition=Q(decision="pending"), name="extension_one_pending")
        ]

    def __str__(self) -> str:
        return f"{self.task_id} → {self.requested_to}"


class Attachment(models.Model):
    """A file of a session (reports presented), a document, an answer to a proposal, a progress report or
    a completion (evidence); checked by content, served only through an authorised view."""

    class Role(models.TextChoices):
        SESSION = "session", _("report presented")
        DOCUMENT = "document", _("document file")
        ANSWER = "answer", _("answer")
        PROGRESS = "progress", _("progress report")
        EVIDENCE = "evidence", _("evidence of completion")

    role = models.CharField(max_length=10, choices=Role.choices)
    session = models.ForeignKey(WorkingSession, on_delete=models.CASCADE, null=True, blank=True, related_name="files")
    document = models.ForeignKey(
        DirectingDocument, on_delete=models.CASCADE, null=True, blank=True, related_name="files"
    )
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="files")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, null=True, blank=True, related_name="files")
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, null=True, blank=True, related_name="files")
    file = models.FileField(upload_to="directives/%Y/")
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("file type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
