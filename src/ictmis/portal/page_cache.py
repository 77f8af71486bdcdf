"""Whole-page cache for the busiest public pages (home, news list, article).

A reader without a session gets the stored page with no database query. The pages hold nothing
personal: no CSRF token (the rating form is exempt, the language switch is a link) and the reader's
own stars are marked by a script from a cookie. Keys carry a generation stamp: publishing,
unpublishing or changing a published article starts a new generation, so every cached page goes at
once; a rating starts a new generation of its article's page only. A page lives at most `TTL`
seconds, and never past the next scheduled publication, so the registers' counts on the home page
and scheduled articles appear without anyone acting.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

TTL = 300
GENERATION_KEY = "portal:pages:generation"
MESSAGES_COOKIE = "messages"


def _generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = str(time.time_ns())
        cache.set(GENERATION_KEY, value, None)
    return str(value)


def invalidate_all() -> None:
    """A new generation: every page cached before is ignored (and culled later)."""
    cache.set(GENERATION_KEY, str(time.time_ns()), None)


def _key(path: str, query: str, language: str, generation: str, host: str = "") -> str:
    # the host is part of the page (share links, Open Graph image): one site under two names caches twice
    digest = hashlib.sha1(f"{host}{path}?{query}".encode(), usedforsecurity=False).hexdigest()
    return f"portal:page:{generation}:{language}:{digest}"


def _slug_generation(slug: str) -> str:
    return str(cache.get(f"portal:slug:{slug}", "0"))


def invalidate_article(slug: str) -> None:
    """A new generation for one article's pages: every language, every host name, at once."""
    cache.set(f"portal:slug:{slug}", str(time.time_ns()), None)


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and len(request.META.get("QUERY_STRING", "")) <= 200
    )


def _lifetime(now: dt.datetime) -> int:
    from django.db.models import Min

    from ictmis.portal.models import Article

    upcoming = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now).aggregate(
        first=Min("published_at")
    )["first"]
    if upcoming is None:
        return TTL
    return max(1, min(TTL, int((upcoming - now).total_seconds()) + 1))


View = Callable[..., HttpResponse]


def cached_page(view: View | None = None, *, unless: Callable[[HttpRequest], bool] | None = None) -> Any:
    """Decorate a public view; `unless(request)` true means this request is answered fresh (e.g. a search)."""
    if view is None:
        return functools.partial(cached_page, unless=unless)
    return _wrap(view, unless)


def _wrap(view: View, unless: Callable[[HttpRequest], bool] | None) -> View:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request) or (unless is not None and unless(request)):
            return view(request, *args, **kwargs)
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        generation = _generation()
        if "slug" in kwargs:
            generation += ":" + _slug_generation(str(kwargs["slug"]))
        key = _key(request.path, request.META.get("QUERY_STRING", ""), language, generation, request.get_host())
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a page with a token is not shared
        if response.status_code == 200 and not response.streaming and not personal:
            cache.set(key, (response.content, response["Content-Type"]), _lifetime(timezone.now()))
        response["X-Page-Cache"] = "miss"
        return response

    return wrapper
