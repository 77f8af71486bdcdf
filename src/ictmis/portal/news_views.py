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
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.forms import HttpUrlField, StyledForm, VersionField
from ictmis.core.history import events_of, history_of
from ictmis.core.http import client_address
from ictmis.core.listing import apply_search, paginate
from ictmis.core.uploads import read_bounded
from ictmis.portal import articles, images, page_cache, workflow
from ictmis.portal.models import Article, Category, Image

READER_COOKIE = "ictmis_reader"
RATED_COOKIE = "ictmis_rated"  # "article:stars" pairs the page script reads; nothing secret, so not HttpOnly
RATED_KEPT = 50


def _published() -> Any:
    return Article.objects.published(now=timezone.now()).select_related("category", "cover_image")


@page_cache.cached_page(unless=lambda request: bool(request.GET.get("q")))
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


@page_cache.cached_page
def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The same page for every reader; the reader's own stars are marked by portal.js from RATED_COOKIE."""
    article = get_object_or_404(_published(), slug=slug)
    related = _published().filter(category=article.category).exclude(pk=article.pk)[:3] if article.category else []
    return render(request, "portal/article.html", {"article": article, "related": related, "stars": range(1, 6)})


def _reader(request: HttpRequest) -> str:
    value = request.COOKIES.get(READER_COOKIE, "")
    return value if len(value) == 32 and value.isalnum() else uuid.uuid4().hex


def _with_reader(
    request: HttpRequest, response: HttpResponse, reader: str, article_id: int | None = None, stars: int = 0
) -> HttpResponse:
    response.set_cookie(READER_COOKIE, reader, max_age=365 * 86400, httponly=True, samesite="Lax")
    if article_id is not None:
        pairs = [p for p in request.COOKIES.get(RATED_COOKIE, "").split("-") if p.count(".") == 1]
        pairs = [p for p in pairs if p.split(".")[0] != str(article_id)][-(RATED_KEPT - 1) :]
        pairs.append(f"{article_id}.{stars}")
        response.set_cookie(RATED_COOKIE, "-".join(pairs), max_age=365 * 86400, samesite="Lax")
    return response


@csrf_exempt  # anonymous and rate-limited; the article page is cached for everyone, so it carries no token
@require_POST
def rate(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(_published(), slug=slug)
    reader = _reader(request)
    stars = 0
    try:
        stars = int(request.POST.get("stars", "0") or 0)
        articles.rate_article(
            article=article, reader=reader, stars=stars, address=client_address(request),
            now=timezone.now(),
        )  # fmt: skip
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
        return _with_reader(request, redirect(f"{article.get_absolute_url()}#danh-gia"), reader)
    messages.success(request, _("Thank you for rating this article."))
    return _with_reader(request, redirect(f"{article.get_absolute_url()}#danh-gia"), reader, article.pk, stars)


def rate_api(request: HttpRequest, article_id: int, stars: int) -> JsonResponse:
    """Used by the JSON API: answers {"count", "average"} and sets the reader cookie."""
    article = _published().filter(pk=article_id).first()
    if article is None:
        raise Http404
    reader = _reader(request)
    try:
        updated = articles.rate_article(
            article=article, reader=reader, stars=stars, address=client_address(request),
            now=timezone.now(),
        )  # fmt: skip
    except DomainError as exc:
        status = 422 if exc.field else 429
        errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
        return JsonResponse({"detail": exc.message, "errors": errors}, status=status)
    response = JsonResponse({"count": updated.rating_count, "average": updated.rating_average})
    _with_reader(request, response, reader, article.pk, stars)
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
        label=gettext_lazy("Body"), widget=forms.Textarea(attrs={"rows": 14, "data-article-editor": ""}),
        help_text=gettext_lazy("HTML: headings, paragraphs, lists, links, images with alt text."),
    )  # fmt: skip
    category_id = forms.ModelChoiceField(
        label=gettext_lazy("Category"), queryset=Category.objects.all(), required=False
    )
    tags = forms.CharField(label=gettext_lazy("Tags"), required=False)
    source_name = forms.CharField(
        label=gettext_lazy("Source agency"), required=False, help_text=gettext_lazy("e.g. Mic.gov.vn")
    )
    source_url = HttpUrlField(label=gettext_lazy("Source link"), required=False)
    byline = forms.CharField(label=gettext_lazy("Author"), required=False)
    byline_unit = forms.CharField(label=gettext_lazy("Author's unit"), required=False)
    cover_file = forms.FileField(
        label=gettext_lazy("Cover image"), required=False,
        help_text=gettext_lazy("JPEG, PNG, WebP or GIF up to 10 MB; it is resized for the pages."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )  # fmt: skip
    cover_alt = forms.CharField(
        label=gettext_lazy("Alternative text of the cover"), required=False, max_length=250,
        help_text=gettext_lazy("What the picture shows, for readers who cannot see it. Required with a picture."),
    )  # fmt: skip
    cover_caption = forms.CharField(label=gettext_lazy("Caption of the cover"), required=False, max_length=300)
    remove_cover = forms.BooleanField(label=gettext_lazy("Remove the cover image"), required=False)
    version = VersionField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("cover_file") and not (data.get("cover_alt") or "").strip():
            self.add_error("cover_alt", _("Describe the picture in the alternative text."))
        return data

    def values(self, current_cover: int | None = None) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        category = data.pop("category_id")
        data["category_id"] = category.pk if category else None
        for name in ("version", "cover_file"):
            data.pop(name, None)
        data["cover_image_id"] = None if data.pop("remove_cover", False) else current_cover
        return data

    def cover(self) -> articles.Upload | None:
        upload = self.cleaned_data.get("cover_file")
        if not upload:
            return None
        return articles.Upload(
            data=upload.read(), filename=upload.name or "", alt=self.cleaned_data.get("cover_alt", ""),
            caption=self.cleaned_data.get("cover_caption", ""),
        )  # fmt: skip


def _form_error(form: forms.Form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
@permission_required("portal.view_article", raise_exception=True)
def editor_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = apply_search(Article.objects.select_related("category").order_by("-updated_at"), request.GET.get("q"))
    if status in Article.Status.values:
        qs = qs.filter(status=status)
    reviewer = request.user.has_perm(workflow.PUBLISH)
    waiting = reviewer and request.GET.get("cho_duyet") == "1"
    if waiting:
        qs = qs.filter(_awaiting_review())
    return render(
        request,
        "portal/editor_list.html",
        {
            "page_obj": paginate(request, qs),
            "status": status,
            "statuses": Article.Status.choices,
            "reviewer": reviewer,
            "waiting": waiting,
        },
    )


def _awaiting_review() -> Q:
    """The articles a publisher's decision is awaited on: the states from which "publish" is possible (submitted
    for review, or published with edits awaiting approval)."""
    states = workflow.STEPS["publish"].sources
    condition = Q(status__in=[state for state in states if state != workflow.WITH_EDITS])
    if workflow.WITH_EDITS in states:
        condition |= Q(status=workflow.PUBLISHED, pending__isnull=False)
    return condition


@login_required
@permission_required("portal.add_article", raise_exception=True)
def editor_create(request: HttpRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = articles.create_article(
                values=form.values(), cover=form.cover(), actor=request.user, now=timezone.now()
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("portal:editor_detail", article.pk)
    return render(request, "portal/editor_form.html", {"form": form, "article": None})


@login_required
@permission_required("portal.view_article", raise_exception=True)
def editor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("created_by"), pk=pk)
    tab = request.GET.get("tab", "info")
    return render(
        request,
        "portal/editor_detail.html",
        {
            "article": article,
            "preview": articles.as_it_will_appear(article) if tab != "history" else None,
            "actions": articles.allowed_actions(article, request.user),
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
    cover_id = source.get("cover_image_id")
    cover = Image.objects.filter(pk=cover_id).first() if cover_id else None
    initial = {**source, "category_id": source.get("category_id"), "version": article.version}
    if cover is not None:  # the words typed for this article, else the library's, to keep or change
        initial["cover_alt"] = source.get("cover_alt") or cover.alt
        initial["cover_caption"] = source.get("cover_caption") or cover.caption
    form = ArticleForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            articles.edit_article(
                article=article, values=form.values(cover.pk if cover else None), cover=form.cover(),
                expected_version=form.cleaned_data["version"] or 0, actor=request.user, now=timezone.now(),
            )  # fmt: skip
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("portal:editor_detail", pk)
    return render(
        request,
        "portal/editor_form.html",
        {"form": form, "article": article, "cover": cover, "cover_alt": initial.get("cover_alt", "")},
    )


@require_POST
@login_required
@permission_required("portal.change_article", raise_exception=True)
def editor_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    if action not in workflow.STEPS:
        raise Http404
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
    except NotAllowedError as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, workflow.DONE_MESSAGES[action])
    return redirect("portal:editor_detail", pk)


class ImageForm(StyledForm):
    file = forms.FileField(
        label=gettext_lazy("Picture"), help_text=gettext_lazy("JPEG, PNG, WebP or GIF up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )  # fmt: skip
    alt = forms.CharField(
        label=gettext_lazy("Alternative text"), max_length=250,
        help_text=gettext_lazy("What the picture shows, for readers who cannot see it."),
    )  # fmt: skip
    caption = forms.CharField(label=gettext_lazy("Caption"), required=False, max_length=300)


@login_required
@permission_required("portal.add_article", raise_exception=True)
def editor_images(request: HttpRequest) -> HttpResponse:
    """The picture library: upload once, then paste the snippet into any article body."""
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            image = images.upload_image(
                data=read_bounded(upload, max_bytes=images.MAX_BYTES), filename=upload.name or "",
                alt=form.cleaned_data["alt"],
                caption=form.cleaned_data["caption"], actor=request.user, now=timezone.now(),
            )  # fmt: skip
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The picture was saved. Copy its snippet into the article body."))
            return redirect(f"{request.path}?anh={image.pk}")
    qs = Image.objects.order_by("-created_at")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(alt__icontains=q)
    page_obj = paginate(request, qs, 24)
    for image in page_obj.object_list:
        image.snippet = images.figure_html(image)
        image.md_width, image.md_height = image.size_of("md")
    if request.GET.get("chon"):  # the article editor's picker: only the list, to choose from
        return render(request, "portal/editor_images.html#picker", {"page_obj": page_obj})
    return render(
        request,
        "portal/editor_images.html",
        {"form": form, "page_obj": page_obj, "q": q, "highlight": request.GET.get("anh", "")},
    )


@cache_control(public=True, max_age=31536000, immutable=True)
def image_file(request: HttpRequest, digest: str, size: str) -> FileResponse:
    """A rendition of an uploaded picture; its address holds the content hash, so it never changes."""
    path = f"portal/images/{digest[:2]}/{digest}/{size}.webp"
    if not default_storage.exists(path):
        image = Image.objects.filter(digest=digest).first()
        found = images.rendition_path(image, size) if image else None
        if not found:
            raise Http404
        path = found
    return FileResponse(default_storage.open(path, "rb"), content_type="image/webp")
