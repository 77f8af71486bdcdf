"""Base models and the shared tables of the kernel: the event log and the calendar overrides."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ictmis.core.text import normalise


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Optimistic locking: services refuse an edit whose `version` is not the stored one."""

    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


class LiveQuerySet(models.QuerySet):
    def alive(self) -> LiveQuerySet:
        return self.filter(deleted_at__isnull=True)

    def deleted(self) -> LiveQuerySet:
        return self.filter(deleted_at__isnull=False)


class SoftDeletable(models.Model):
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Searchable(models.Model):
    """Keeps a normalised copy of the searchable fields so "quang binh" finds "Quảng Bình"."""

    search_fields: ClassVar[tuple[str, ...]] = ()
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        return normalise(" ".join(str(getattr(self, name) or "") for name in self.search_fields))


class DomainModel(TimeStamped, Versioned, SoftDeletable, Searchable):
    """A record users enter: audit columns, optimistic lock, soft delete, search column."""

    objects = LiveQuerySet.as_manager()

    class Meta:
        abstract = True


class Event(models.Model):
    """An immutable entry of the workflow log: `app.object.verb`, who, when, and what with."""

    verb = models.CharField(_("event"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"], name="event_object_idx")]

    def __str__(self) -> str:
        return f"{self.verb} {self.object_type}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Events are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Events are immutable")


class CalendarOverride(TimeStamped):
    """A correction of the working-day calendar for one day (a decision of the Government each year)."""

    day = models.DateField(_("day"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    reason = models.CharField(_("reason"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}: {self.reason}"


class ImportJob(TimeStamped):
    """One spreadsheet import: uploaded, validated (with its row errors kept), then committed or not."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("uploaded")
        VALIDATING = "validating", _("validating")
        VALID = "valid", _("ready to import")
        INVALID = "invalid", _("has errors")
        QUEUED = "queued", _("waiting to import")
        COMMITTING = "committing", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("failed")

    registry = models.CharField(_("registry"), max_length=40, db_index=True)
    filename = models.CharField(_("file name"), max_length=255)
    stored_path = models.CharField(max_length=500)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    errors = models.JSONField(_("row errors"), default=list, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The task worker running it ("host:pid:start") and when that worker last said it was alive: a job
    # whose worker is gone is failed at the next worker start, never one a live worker still holds.
    worker = models.CharField(max_length=120, blank=True, default="")
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.registry}: {self.filename}"


class SavedFilter(models.Model):
    """A user's named filter of one list (the list's path and its query string), found again on that list."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(_("list"), max_length=200)
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filter"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("saved at"))

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "path", "name"], name="saved_filter_name_once")]

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path
