"""News API: published articles for everyone, every article for editors, writes through the same
services (sanitising, workflow, optimistic lock) as the newsroom pages, pictures, and ratings."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import AfterValidator, Field

from ictmis.core.api_support import Anyone, Authorised, Pagination
from ictmis.core.errors import DomainError
from ictmis.core.listing import apply_search
from ictmis.core.uploads import read_bounded
from ictmis.core.validators import http_url_check
from ictmis.portal import articles, images, news_views
from ictmis.portal.models import Article, Category, Image

router = Router(tags=["articles"])
SourceUrl = Annotated[str, Field(max_length=200), AfterValidator(http_url_check(gettext_lazy("source link")))]
EDITOR = "portal.view_article"


class ImageOut(Schema):
    id: int
    alt: str
    caption: str
    width: int
    height: int
    url: str
    srcset: str
    html: str

    @staticmethod
    def resolve_url(obj: Image) -> str:
        return obj.medium_url

    @staticmethod
    def resolve_html(obj: Image) -> str:
        return images.figure_html(obj)


class ArticleOut(Schema):
    id: int
    title: str
    slug: str
    lead: str
    body: str
    category: str | None = None
    tags: str
    source_name: str
    source_url: str
    byline: str
    byline_unit: str
    cover_image: ImageOut | None = None
    cover_alt: str = Field(description="the cover's alternative text in this article (the library's if none typed)")
    cover_caption: str
    published_at: dt.datetime | None
    rating_count: int
    rating_average: float

    @staticmethod
    def resolve_category(obj: Article) -> str | None:
        return obj.category.slug if obj.category else None

    @staticmethod
    def resolve_cover_alt(obj: Article) -> str:
        return obj.cover_alt_text

    @staticmethod
    def resolve_cover_caption(obj: Article) -> str:
        return obj.cover_caption_text


class ArticleEditorOut(ArticleOut):
    """What an editor also sees: the workflow state, the version to send back, edits awaiting approval."""

    status: str
    version: int
    review_comment: str
    pending: dict[str, Any] | None
    allowed_actions: list[str]

    @staticmethod
    def resolve_allowed_actions(obj: Article, context: Any) -> list[str]:
        return articles.allowed_actions(obj, context["request"].user)


class ArticleIn(Schema):
    title: str = Field(min_length=1, max_length=250)
    lead: str = Field(min_length=1, max_length=1000)
    body: str = ""
    category: str | None = None
    tags: str = Field("", max_length=250)
    source_name: str = Field("", max_length=120)
    source_url: SourceUrl = ""
    byline: str = Field("", max_length=120)
    byline_unit: str = Field("", max_length=160)
    cover_image: int | None = None
    cover_alt: str = Field("", max_length=250)
    cover_caption: str = Field("", max_length=300)


class ArticlePatch(Schema):
    version: int
    title: str | None = Field(None, min_length=1, max_length=250)
    lead: str | None = Field(None, min_length=1, max_length=1000)
    body: str | None = None
    category: str | None = None
    tags: str | None = Field(None, max_length=250)
    source_name: str | None = Field(None, max_length=120)
    source_url: SourceUrl | None = None
    byline: str | None = Field(None, max_length=120)
    byline_unit: str | None = Field(None, max_length=160)
    cover_image: int | None = None
    cover_alt: str | None = Field(None, max_length=250)
    cover_caption: str | None = Field(None, max_length=300)


class ActionIn(Schema):
    comment: str = ""
    publish_at: dt.datetime | None = None


class RatingIn(Schema):
    stars: int


def _is_editor(request: HttpRequest) -> bool:
    return bool(request.user.has_perm(EDITOR))


def _visible(request: HttpRequest) -> Any:
    qs = Article.objects.select_related("category", "cover_image")
    return qs if _is_editor(request) else qs.published(now=timezone.now())


def _values(payload: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The service's field names from the API's: `category` is a slug, `cover_image` an image id."""
    values = dict(base)
    if "cover_image" in payload and payload["cover_image"] != values.get("cover_image_id"):
        # another picture: the words typed for the old one do not describe it
        values["cover_alt"] = values["cover_caption"] = ""
    for name, value in payload.items():
        if name == "category":
            category = Category.objects.filter(slug=value).first() if value else None
            if value and category is None:
                raise DomainError(_("No such category: %(slug)s.") % {"slug": value}, field="category")
            values["category_id"] = category.pk if category else None
        elif name == "cover_image":
            if value is not None and not Image.objects.filter(pk=value).exists():
                raise DomainError(_("No such picture: %(id)s.") % {"id": value}, field="cover_image")
            values["cover_image_id"] = value
        elif name != "version":
            values[name] = value if value is not None else ""
    return values


@router.get(
    "/articles",
    response=list[dict[str, Any]],
    auth=Anyone(),
    summary="Articles: published ones for everyone; editors see every state and may filter by status",
)
@paginate(Pagination)
def list_articles(
    request: HttpRequest, q: str | None = None, status: Article.Status | None = None, category: str | None = None
) -> Any:
    qs = apply_search(_visible(request), q)
    if status and _is_editor(request):
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category__slug=category)
    return _Shaped(request, qs)


class _Shaped:
    """A sliceable view of the queryset that gives each reader the fields they may see."""

    def __init__(self, request: HttpRequest, qs: Any) -> None:
        self.request, self.qs = request, qs

    def __len__(self) -> int:
        return int(self.qs.count())

    def count(self) -> int:
        return len(self)

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        return [_out(self.request, article) for article in self.qs[item]]


def _out(request: HttpRequest, article: Article) -> dict[str, Any]:
    schema = ArticleEditorOut if _is_editor(request) else ArticleOut
    return schema.from_orm(article, context={"request": request}).model_dump()


@router.get("/articles/{article_id}", response=dict, auth=Anyone(), summary="One article")
def get_article(request: HttpRequest, article_id: int) -> Any:
    return _out(request, get_object_or_404(_visible(request), pk=article_id))


@router.post("/articles", response={201: dict}, auth=Authorised("portal.add_article"), summary="Write a draft")
def create_article(request: HttpRequest, payload: ArticleIn) -> Any:
    values = _values(payload.model_dump(), {name: "" for name in articles.CONTENT_FIELDS})
    article = articles.create_article(values=values, actor=request.user, now=timezone.now())
    return Status(201, _out(request, Article.objects.select_related("category", "cover_image").get(pk=article.pk)))


@router.patch(
    "/articles/{article_id}",
    response=dict,
    auth=Authorised("portal.change_article"),
    summary="Change an article; send the version you read. Changes to a published article wait for approval.",
)
def edit_article(request: HttpRequest, article_id: int, payload: ArticlePatch) -> Any:
    article = get_object_or_404(Article, pk=article_id)
    current = article.pending or {name: getattr(article, name) for name in articles.CONTENT_FIELDS}
    values = _values(payload.model_dump(exclude_unset=True), current)
    articles.edit_article(
        article=article, values=values, expected_version=payload.version, actor=request.user, now=timezone.now()
    )
    return _out(request, Article.objects.select_related("category", "cover_image").get(pk=article.pk))


@router.post("/articles/{article_id}/ratings", auth=None, summary="Rate an article 1–5; answers count and average")
def rate_article(request: HttpRequest, article_id: int, payload: RatingIn) -> Any:
    return news_views.rate_api(request, article_id, payload.stars)


@router.post(
    "/articles/{article_id}/{action}",
    response=dict,
    auth=Authorised("portal.change_article"),
    summary="Workflow step: submit, publish (optionally at publish_at), return (with a comment), discard (the "
    "pending edits of a published article: their author or a leader), unpublish",
)
def article_action(
    request: HttpRequest,
    article_id: int,
    action: Literal["submit", "publish", "return", "discard", "unpublish"],
    payload: ActionIn | None = None,
) -> Any:
    article = get_object_or_404(Article, pk=article_id)
    body = payload or ActionIn()
    articles.transition(
        article=article, action=action, actor=request.user, now=timezone.now(), comment=body.comment,
        publish_at=body.publish_at,
    )  # fmt: skip
    return _out(request, Article.objects.select_related("category", "cover_image").get(pk=article.pk))


@router.post("/images", response={201: ImageOut}, auth=Authorised("portal.add_article"), summary="Upload a picture")
def upload_image(request: HttpRequest, file: File[UploadedFile], alt: Form[str], caption: Form[str] = "") -> Any:
    try:
        image = images.upload_image(
            data=read_bounded(file, max_bytes=images.MAX_BYTES),
            filename=file.name or "",
            alt=alt,
            caption=caption,
            actor=request.user,
            now=timezone.now(),
        )
    except DomainError as exc:  # a bad file or a missing description is bad input, not a conflict
        raise ValidationError({exc.field or "file": [exc.message]}) from exc
    return Status(201, image)
