"""News articles: sanitising, the editorial workflow and ratings. Every write is here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import nh3
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ictmis.core import events, records
from ictmis.core.errors import DomainError
from ictmis.core.text import normalise
from ictmis.core.validators import http_url_message, is_http_url
from ictmis.portal import images, notifications, page_cache, workflow
from ictmis.portal.models import Article, ArticleRating
from ictmis.portal.services import sender_key

ALLOWED_TAGS = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "blockquote", "a", "img",
                "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
# What the article editor writes beyond plain tags: merged table cells and a list that starts further on.
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "ol": {"start"},
                      "th": {"scope", "colspan", "rowspan"}, "td": {"colspan", "rowspan"}}  # fmt: skip
CONTENT_FIELDS = ("title", "lead", "body", "category_id", "tags", "source_name", "source_url", "byline", "byline_unit",
                  "cover_image_id", "cover_alt", "cover_caption")  # fmt: skip
RATINGS_PER_HOUR = 30


def sanitise(html: str) -> str:
    """Only the allowed tags and attributes survive; links may not be javascript: or data: URLs."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"})


class _Pictures(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.without_alt = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.without_alt += 1


def check_pictures(html: str) -> None:
    """Every picture in a body says what it shows."""
    parser = _Pictures()
    parser.feed(html)
    if parser.without_alt:
        raise DomainError(
            ngettext(
                "%(n)d picture in the body has no alternative text (alt).",
                "%(n)d pictures in the body have no alternative text (alt).",
                parser.without_alt,
            )
            % {"n": parser.without_alt},
            field="body",
        )


def plain_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _user(actor: Any) -> Any:
    """The user to record as author of a change (None for the system running a command)."""
    return actor if getattr(actor, "pk", None) else None


def _unique_slug(title: str, exclude: int | None = None) -> str:
    base = slugify(normalise(title))[:100] or "bai-viet"
    slug, number = base, 2
    taken = Article.objects.filter(slug__startswith=base)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _content(values: dict[str, Any]) -> dict[str, Any]:
    content = {name: values.get(name, "") for name in CONTENT_FIELDS}
    content["body"] = sanitise(content["body"] or "")
    check_pictures(content["body"])
    content["category_id"] = values.get("category_id")
    content["cover_image_id"] = values.get("cover_image_id")
    for name, limit in (("cover_alt", 250), ("cover_caption", 300)):  # no cover, no words about it
        content[name] = (content[name] or "").strip()[:limit] if content["cover_image_id"] else ""
    if not (content["title"] or "").strip():
        raise DomainError(_("Give the article a title."), field="title")
    content["source_url"] = (content["source_url"] or "").strip()
    if not is_http_url(content["source_url"]):
        raise DomainError(http_url_message(_("source link")), field="source_url")
    return content


@dataclass(frozen=True)
class Upload:
    """A picture sent with an article form, to become its cover."""

    data: bytes
    filename: str
    alt: str
    caption: str = ""


def _with_cover(values: dict[str, Any], cover: Upload | None, actor: Any, now: dt.datetime) -> dict[str, Any]:
    if cover is None:
        return values
    try:
        image = images.upload_image(
            data=cover.data, filename=cover.filename, alt=cover.alt, caption=cover.caption, actor=actor, now=now
        )
    except DomainError as exc:
        raise DomainError(exc.message, field="cover_alt" if exc.field == "alt" else "cover_file") from exc
    # The same picture may already be in the library with other words: the ones typed here stay this cover's.
    return {**values, "cover_image_id": image.pk, "cover_alt": cover.alt, "cover_caption": cover.caption}


@transaction.atomic
def create_article(*, values: dict[str, Any], actor: Any, now: dt.datetime, cover: Upload | None = None) -> Article:
    content = _content(_with_cover(values, cover, actor, now))
    article = Article(**content, slug=_unique_slug(content["title"]), created_by=_user(actor), updated_by=_user(actor))
    article.body_text = plain_text(article.body)
    article.save()
    events.record(article, "portal.article.created", actor=actor, at=now)
    return article


@transaction.atomic
def edit_article(
    *,
    article: Article,
    values: dict[str, Any],
    expected_version: int,
    actor: Any,
    now: dt.datetime,
    cover: Upload | None = None,
) -> Article:
    """A draft changes at once; a published article keeps its live text until the edit is approved."""
    current = records.lock_version(article, expected_version)
    workflow.ensure_may_edit(_state(current), actor, edits_author_id=current.pending_by_id)
    content = _content(_with_cover(values, cover, actor, now))
    if current.status == Article.Status.PUBLISHED:
        current.pending = content
        current.pending_by = _user(actor)
    else:
        for name, value in content.items():
            setattr(current, name, value)
        current.body_text = plain_text(current.body)
    current.version += 1
    current.updated_by = _user(actor)
    current.save()
    events.record(current, "portal.article.edited", actor=actor, at=now, pending=current.pending is not None)
    return current


def _state(article: Article) -> str:
    return workflow.state_of(article.status, bool(article.pending))


def allowed_actions(article: Article, actor: Any = None) -> list[str]:
    """The workflow steps possible for the article now; given an actor, only those the actor may take."""
    if actor is None:
        return workflow.possible_actions(_state(article))
    return workflow.allowed_actions(_state(article), actor, edits_author_id=article.pending_by_id)


def as_it_will_appear(article: Article) -> Article:
    """An unsaved copy of the article with its edits awaiting approval applied: what readers will see."""
    preview = Article.objects.select_related("category", "cover_image").get(pk=article.pk)
    for name, value in (article.pending or {}).items():
        setattr(preview, name, value)
    return preview


def _drop_pending(article: Article) -> None:
    article.pending = None
    article.pending_by = None


@transaction.atomic
def transition(
    *,
    article: Article,
    action: str,
    actor: Any,
    now: dt.datetime,
    comment: str = "",
    publish_at: dt.datetime | None = None,
) -> Article:
    """One step of `workflow.STEPS`: who may take it and from which state is the table's, nothing else."""
    current = Article.objects.select_for_update().get(pk=article.pk)
    state = _state(current)
    step = workflow.ensure_allowed(state, action, actor, edits_author_id=current.pending_by_id)
    if action == "return" and not comment.strip():
        raise DomainError(_("Say what should change when returning an article."), field="comment")
    if action == "publish":
        if current.pending:
            for name, value in current.pending.items():
                setattr(current, name, value)
            current.body_text = plain_text(current.body)
            _drop_pending(current)
        if current.status != Article.Status.PUBLISHED:
            current.published_at = publish_at or now
        current.review_comment = ""
    elif action == "return":
        current.review_comment = comment
        if state == workflow.WITH_EDITS:
            _drop_pending(current)
    elif action == "discard":
        _drop_pending(current)
    current.status = step.targets[state]
    current.version += 1
    current.updated_by = _user(actor)
    current.save()
    events.record(current, f"portal.article.{action}", actor=actor, at=now, comment=comment)
    notifications.article_step(current, action, actor=actor, now=now)
    if action not in ("submit", "discard"):  # what readers see may have changed: every cached page goes
        transaction.on_commit(page_cache.invalidate_all)
    return current


@transaction.atomic
def rate_article(*, article: Article, reader: str, stars: int, address: str, now: dt.datetime) -> Article:
    if not 1 <= stars <= 5:
        raise DomainError(_("Give from 1 to 5 stars."), field="stars")
    key = sender_key(address)
    recent = ArticleRating.objects.filter(address_key=key, updated_at__gte=now - dt.timedelta(hours=1)).count()
    if recent >= RATINGS_PER_HOUR:
        raise DomainError(_("Too many ratings from your address in the last hour. Please try again later."))
    existing = ArticleRating.objects.select_for_update().filter(article=article, reader=reader).first()
    if existing is None:
        ArticleRating.objects.create(
            article=article, reader=reader, stars=stars, address_key=key, created_at=now, updated_at=now
        )
        Article.objects.filter(pk=article.pk).update(
            rating_count=F("rating_count") + 1, rating_sum=F("rating_sum") + stars
        )
    else:
        Article.objects.filter(pk=article.pk).update(rating_sum=F("rating_sum") - existing.stars + stars)
        existing.stars, existing.address_key, existing.updated_at = stars, key, now
        existing.save(update_fields=["stars", "address_key", "updated_at"])
    slug = article.slug
    transaction.on_commit(lambda: page_cache.invalidate_article(slug))
    return Article.objects.get(pk=article.pk)


def ratings_by_month(article: Article) -> list[dict[str, Any]]:
    """For editors: how many readers rated the article each month, and their average."""
    from django.db.models import Avg, Count
    from django.db.models.functions import TruncMonth

    rows = (
        article.ratings.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(count=Count("id"), average=Avg("stars"))
        .order_by("-month")
    )
    return [{"month": r["month"], "count": r["count"], "average": round(r["average"], 1)} for r in rows]
