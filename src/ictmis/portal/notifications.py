"""What the newsroom tells people: an article submitted (leaders), returned or published (its author)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ictmis.notifications.public import notify, register_kind, users_with_role

SUBMITTED = register_kind("portal.article.submitted", _("An article was submitted for review"))
RETURNED = register_kind("portal.article.returned", _("An article was returned"))
PUBLISHED = register_kind("portal.article.published", _("An article was published"))


def article_step(article: Any, action: str, *, actor: Any, now: dt.datetime) -> None:
    """After a step of `articles.transition`: who hears of it."""
    author = [article.created_by] if article.created_by_id else []
    recipients, kind = {
        "submit": (list(users_with_role("leader")), SUBMITTED),
        "return": (author, RETURNED),
        "publish": (author, PUBLISHED),
    }.get(action, ([], None))
    if kind is None:
        return
    notify(
        recipients=[user for user in recipients if user.pk != getattr(actor, "pk", None)],
        event=kind.code,
        context={
            "title": article.title,
            "comment": article.review_comment,
            "by": str(actor) if getattr(actor, "pk", None) else "",
            "published_at": timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M")
            if article.published_at
            else "",
        },
        link=reverse("portal:editor_detail", args=[article.pk]),
        now=now,
    )
