"""The public portal's own records: messages the public sends through the contact form."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ictmis.core.models import Searchable, TimeStamped, Versioned
from ictmis.core.validators import HttpUrlValidator


class Feedback(TimeStamped, Versioned):
    class Status(models.TextChoices):
        NEW = "new", _("new")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    name = models.CharField(_("name"), max_length=120)
    contact = models.CharField(_("e-mail or phone"), max_length=120)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True)
    reply_note = models.TextField(_("reply note"), blank=True)
    sender_key = models.CharField(max_length=64, db_index=True, editable=False)  # hashed address, for rate limits

    history = HistoricalRecords(excluded_fields=["sender_key"])

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Image(TimeStamped):
    """A picture uploaded once and kept in the sizes the pages need (see portal.images)."""

    digest = models.CharField(max_length=64, unique=True, editable=False)  # SHA-256 of the uploaded bytes
    original = models.FileField(_("file"), upload_to="portal/images/")
    alt = models.CharField(
        _("alternative text"), max_length=250, help_text=_("what the picture shows, for readers who cannot see it")
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    renditions = models.JSONField(default=dict, editable=False)  # size name -> [storage path, width, height]

    history = HistoricalRecords(excluded_fields=["renditions"])

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.alt

    def url(self, size: str = "md") -> str:
        from django.urls import reverse

        return reverse("portal:image", args=[self.digest, self._available(size)])

    @property
    def small_url(self) -> str:
        return self.url("sm")

    @property
    def medium_url(self) -> str:
        return self.url("md")

    @property
    def large_url(self) -> str:
        return self.url("lg")

    def _available(self, size: str) -> str:
        """A picture smaller than a size has no rendition of it: the largest one made stands in."""
        if size in self.renditions or not self.renditions:
            return size
        return list(self.renditions)[-1]

    def srcset(self) -> str:
        return ", ".join(f"{self.url(size)} {width}w" for size, (_path, width, _h) in self.renditions.items())

    def size_of(self, size: str) -> tuple[int, int]:
        _path, width, height = self.renditions.get(size) or (None, self.width, self.height)
        return width, height


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self, *, now: Any) -> ArticleQuerySet:
        """What readers see: published, and its (possibly scheduled) time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now)


class Article(TimeStamped, Versioned, Searchable):
    search_fields = ("title", "lead", "body_text", "tags")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("submitted for review")
        PUBLISHED = "published", _("published")
        RETURNED = "returned", _("returned")
        UNPUBLISHED = "unpublished", _("unpublished")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    lead = models.TextField(_("lead"), max_length=1000)
    body = models.TextField(_("body"), help_text=_("sanitised HTML"))
    body_text = models.TextField(editable=False, default="")
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    tags = models.CharField(_("tags"), max_length=250, blank=True, help_text=_("separated by commas"))
    source_name = models.CharField(_("source agency"), max_length=120, blank=True, help_text=_("e.g. Mic.gov.vn"))
    source_url = models.URLField(_("source link"), blank=True, validators=[HttpUrlValidator(_("source link"))])
    byline = models.CharField(_("author"), max_length=120, blank=True)
    byline_unit = models.CharField(_("author's unit"), max_length=160, blank=True)
    cover_image = models.ForeignKey(
        Image, verbose_name=_("cover image"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The cover's words as typed for this article; the library's own text stands in only when none was typed.
    cover_alt = models.CharField(_("alternative text of the cover"), max_length=250, blank=True)
    cover_caption = models.CharField(_("caption of the cover"), max_length=300, blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True, db_index=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    pending = models.JSONField(_("edits awaiting approval"), null=True, blank=True, editable=False)
    pending_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author of the pending edits"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    rating_sum = models.PositiveIntegerField(default=0, editable=False)

    history = HistoricalRecords()
    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", _("Can publish articles"))]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("portal:article", args=[self.slug])

    @property
    def cover_alt_text(self) -> str:
        """What the cover shows, in the words typed for this article, else the library's."""
        return self.cover_alt or (self.cover_image.alt if self.cover_image else "")

    @property
    def cover_caption_text(self) -> str:
        return self.cover_caption or (self.cover_image.caption if self.cover_image else "")

    @property
    def rating_average(self) -> float:
        return round(self.rating_sum / self.rating_count, 1) if self.rating_count else 0.0


class ArticleRating(models.Model):
    """One reader's stars for one article; a second rating from the same browser replaces the first."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="ratings")
    reader = models.CharField(max_length=40)
    stars = models.PositiveSmallIntegerField()
    address_key = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["article", "reader"], name="rating_one_per_reader"),
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="rating_stars_range"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.stars}"
