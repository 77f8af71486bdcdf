"""News on the portal (public pages, rating, feeds) and its editing pages for staff."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError
from ictmis.core.forms import StyledForm, VersionField
from ictmis.core.history import events_of, history_of
from ictmis.core.listing import apply_search, paginate
from ictmis.portal import articles
from ictmis.portal.models import Article, Category

READER_COOKIE = "ictmis_reader"


def _published() -> Any:
    return Article.objects.published(now=timezone.now()).select_related("category")


def news_list(request: HttpRequest) -> HttpResponse:
    qs = apply_search(_published(), request.GET.get("q"))
    category = request.GET.get("chuyen-muc", "")
    if category:
        qs = qs.filter(category__slug=category)
    return render(
        request,
        "portal/news_list.html",
        {
            "page_obj": paginate(request, qs, 12),
            "categories": Category.objects.all(),
            "category": category,
            "q": request.GET.get("q", ""),
        },
    )


def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(_published(), slug=slug)
    related = _published().filter(category=article.category).exclude(pk=article.pk)[:3] if article.category else []
    mine = None
    reader = request.COOKIES.get(READER_COOKIE)
    if reader:
        mine = article.ratings.filter(reader=reader).values_list("stars", flat=True).first()
    return render(
        request, "portal/article.html", {"article": article, "related": related, "my_stars": mine, "stars": range(1, 6)}
    )


def _reader(request: HttpRequest) -> str:
    value = request.COOKIES.get(READER_COOKIE, "")
    return value if len(value) == 32 and value.isalnum() else uuid.uuid4().hex


def _with_reader(response: HttpResponse, reader: str) -> HttpResponse:
    response.set_cookie(READER_COOKIE, reader, max_age=365 * 86400, httponly=True, samesite="Lax")
    return response


@require_POST
def rate(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(_published(), slug=slug)
    reader = _reader(request)
    try:
        articles.rate_article(
            article=article, reader=reader, stars=int(request.POST.get("stars", "0") or 0),
            address=str(request.META.get("REMOTE_ADDR", "")), now=timezone.now(),
        )  # fmt: skip
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    else:
        messages.success(request, _("Thank you for rating this article."))
    return _with_reader(redirect(f"{article.get_absolute_url()}#danh-gia"), reader)


def rate_api(request: HttpRequest, article_id: int, stars: int) -> JsonResponse:
    """Used by the JSON API: answers {"count", "average"} and sets the reader cookie."""
    article = _published().filter(pk=article_id).first()
    if article is None:
        raise Http404
    reader = _reader(request)
    try:
        updated = articles.rate_article(
            article=article, reader=reader, stars=stars, address=str(request.META.get("REMOTE_ADDR", "")),
            now=timezone.now(),
        )  # fmt: skip
    except DomainError as exc:
        status = 422 if exc.field else 429
        errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
        return JsonResponse({"detail": exc.message, "errors": errors}, status=status)
    response = JsonResponse({"count": updated.rating_count, "average": updated.rating_average})
    _with_reader(response, reader)
    return response


class LatestArticles(Feed):
    title = gettext_lazy("News")
    link = "/cong-thong-tin/tin-tuc/"
    description = gettext_lazy("The latest news of the Department")

    def items(self) -> Any:
        return _published()[:30]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.lead

    def item_pubdate(self, item: Article) -> Any:
        return item.published_at


def sitemap(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    urls = [(base + a.get_absolute_url(), a.updated_at) for a in _published()[:5000]]
    return render(request, "portal/sitemap.xml", {"urls": urls, "base": base}, content_type="application/xml")


class ArticleForm(StyledForm):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250)
    lead = forms.CharField(label=gettext_lazy("Lead"), widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.CharField(
        label=gettext_lazy("Body"), widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy("HTML: headings, paragraphs, lists, links, images with alt text."),
    )  # fmt: skip
    category_id = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=Category.objects.all(), required=False
    )
    tags = forms.CharField(label=gettext_lazy("Tags"), required=False)
    source_name = forms.CharField(
        label=gettext_lazy("Source agency"), required=False, help_text=gettext_lazy("e.g. Mic.gov.vn")
    )
    source_url = forms.URLField(label=gettext_lazy("Source link"), required=False, assume_scheme="https")
    byline = forms.CharField(label=gettext_lazy("Author"), required=False)
    byline_unit = forms.CharField(label=gettext_lazy("Author's unit"), required=False)
    version = VersionField(required=False)

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        category = data.pop("category_id")
        data["category_id"] = category.pk if category else None
        data.pop("version", None)
        return data


@login_required
@permission_required("portal.view_article", raise_exception=True)
def editor_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = apply_search(Article.objects.select_related("category").order_by("-updated_at"), request.GET.get("q"))
    if status in Article.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "portal/editor_list.html",
        {"page_obj": paginate(request, qs), "status": status, "statuses": Article.Status.choices},
    )


@login_required
@permission_required("portal.add_article", raise_exception=True)
def editor_create(request: HttpRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        article = articles.create_article(values=form.values(), actor=request.user, now=timezone.now())
        messages.success(request, _("The draft was saved."))
        return redirect("portal:editor_detail", article.pk)
    return render(request, "portal/editor_form.html", {"form": form, "article": None})


@login_required
@permission_required("portal.view_article", raise_exception=True)
def editor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    tab = request.GET.get("tab", "info")
    return render(
        request,
        "portal/editor_detail.html",
        {
            "article": article,
            "actions": articles.allowed_actions(article),
            "ratings_by_month": articles.ratings_by_month(article),
            "tab": tab,
            "history": history_of(article) if tab == "history" else [],
            "events": events_of(article) if tab == "history" else [],
        },
    )


@login_required
@permission_required("portal.change_article", raise_exception=True)
def editor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    source = article.pending or {name: getattr(article, name) for name in articles.CONTENT_FIELDS}
    initial = {**source, "category_id": source.get("category_id"), "version": article.version}
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            articles.edit_article(
                article=article, values=form.values(), expected_version=form.cleaned_data["version"] or 0,
                actor=request.user, now=timezone.now(),
            )  # fmt: skip
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("portal:editor_detail", pk)
    return render(request, "portal/editor_form.html", {"form": form, "article": article})


@require_POST
@login_required
@permission_required("portal.change_article", raise_exception=True)
def editor_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    if action not in articles.ALLOWED:
        raise Http404
    if action in ("publish", "unpublish") and not request.user.has_perm("portal.publish_article"):
        raise PermissionDenied
    publish_at = None
    raw = request.POST.get("publish_at", "").strip()
    if raw:
        try:
            naive = dt.datetime.strptime(raw, "%d/%m/%Y %H:%M")
        except ValueError:
            messages.error(request, _("Write the publication time as dd/mm/yyyy hh:mm."))
            return redirect("portal:editor_detail", pk)
        publish_at = timezone.make_aware(naive)
    try:
        articles.transition(
            article=article, action=action, actor=request.user, now=timezone.now(),
            comment=request.POST.get("comment", ""), publish_at=publish_at,
        )  # fmt: skip
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done."))
    return redirect("portal:editor_detail", pk)
