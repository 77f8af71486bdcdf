"""Training: yearly plans approved by a leader, courses with their sessions, the persons enrolled (`parties`
persons, with the commune each was trained for), attendance, results, certificates with a verification code, and
evaluations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import DomainModel, TimeStamped


class Topic(models.TextChoices):
    GRASSROOTS_INFORMATION = "grassroots_information", _("grassroots information")
    RADIO_OPERATION = "radio_operation", _("operating a commune radio station")
    DIGITAL_TRANSFORMATION = "digital_transformation", _("digital transformation")
    INFORMATION_SECURITY = "information_security", _("information security")
    POSTAL_SERVICES = "postal_services", _("postal and press services")
    OTHER = "other", _("other topic")


class TargetGroup(models.TextChoices):
    COMMUNE_OFFICERS = "commune_officers", _("commune officers")
    RADIO_STAFF = "radio_staff", _("radio station staff")
    POST_OFFICE_STAFF = "post_office_staff", _("post office point staff")
    DEPARTMENT_STAFF = "department_staff", _("the Department's staff")


class Result(models.TextChoices):
    PENDING = "pending", _("not assessed yet")
    PASSED = "passed", _("passed")
    FAILED = "failed", _("not passed")


class TrainingPlan(TimeStamped):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=255)
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
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["-year"]
        permissions = [("approve_trainingplan", _("Can approve a training plan"))]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"

    @property
    def approved(self) -> bool:
        return self.approved_on is not None


class Course(DomainModel):
    search_fields = ("code", "title", "place", "trainers")

    plan = models.ForeignKey(TrainingPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="courses")
    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=255)
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices, db_index=True)
    target_group = models.CharField(_("target group"), max_length=24, choices=TargetGroup.choices)
    legal_basis = models.ForeignKey(
        "legal.LegalDocument",
        verbose_name=_("legal basis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online = models.BooleanField(_("online"), default=False)
    trainers = models.CharField(_("trainers"), max_length=255, blank=True)
    min_attendance = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80, help_text=_("to pass the course")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-starts_on", "code"]
        permissions = [("issue_certificate", _("Can issue a training certificate"))]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="course_period_positive"),
            models.CheckConstraint(condition=Q(min_attendance__lte=100), name="course_min_attendance_percent"),
        ]
        indexes = [models.Index(fields=["topic", "ends_on"], name="course_topic_ends_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:course", args=[self.pk])


class Session(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    day = models.DateField(_("day"))
    title = models.CharField(_("content"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["day", "pk"]
        constraints = [models.UniqueConstraint(fields=["course", "day"], name="one_session_per_course_day")]

    def __str__(self) -> str:
        return f"{self.course_id} {self.day:%d/%m/%Y}"


class Enrolment(TimeStamped):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments")
    person = models.ForeignKey("parties.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    # the commune the person was trained for, kept as it was on enrolment (coverage is counted by it)
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    unit_path = models.CharField(max_length=64, blank=True, db_index=True)
    result = models.CharField(_("result"), max_length=12, choices=Result.choices, default=Result.PENDING)
    certificate = models.ForeignKey(
        "documents.OutgoingDocument",
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    certificate_code = models.CharField(_("verification code"), max_length=16, null=True, blank=True, unique=True)
    certificate_issued_on = models.DateField(_("certificate issued on"), null=True, blank=True)
    evaluation_token = models.CharField(max_length=32, unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "person__sort_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["course", "person"], name="one_enrolment_per_course_person"),
            models.CheckConstraint(condition=Q(result__in=Result.values), name="enrolment_result_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.course}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "enrolment"], name="one_attendance_per_session")]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.enrolment_id}: {self.present}"


class Evaluation(models.Model):
    """A participant's evaluation of the course, given once through their own link."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="evaluation")
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"))
    comment = models.TextField(_("comments"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="evaluation_rating_1_5")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.rating}"
