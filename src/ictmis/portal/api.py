"""Public news API: published articles for everyone, and ratings."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from ictmis.portal import news_views
from ictmis.portal.models import Article

router = Router(tags=["articles"])


class ArticleOut(Schema):
    id: int
    title: str
    slug: str
    lead: str
    body: str
    source_name: str
    byline: str
    byline_unit: str
    published_at: dt.datetime | None
    rating_count: int
    rating_average: float


class RatingIn(Schema):
    stars: int


@router.get("/articles", response=list[ArticleOut], auth=None, summary="Published articles")
@paginate(LimitOffsetPagination)
def list_articles(request: HttpRequest, q: str | None = None) -> Any:
    from ictmis.core.listing import apply_search

    return apply_search(Article.objects.published(now=timezone.now()), q)


@router.get("/articles/{article_id}", response=ArticleOut, auth=None)
def get_article(request: HttpRequest, article_id: int) -> Any:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Article.objects.published(now=timezone.now()), pk=article_id)


@router.post("/articles/{article_id}/ratings", auth=None, summary="Rate an article 1–5; answers count and average")
def rate_article(request: HttpRequest, article_id: int, payload: RatingIn) -> Any:
    return news_views.rate_api(request, article_id, payload.stars)
