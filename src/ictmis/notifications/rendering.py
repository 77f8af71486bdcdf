"""A kind's templates rendered in one language: the title (subject), the text and the optional HTML."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

from ictmis.notifications.kinds import Kind


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str
    html: str


def render(kind: Kind, context: dict[str, Any], *, link: str, language: str) -> Rendered:
    values = {**context, "link": link, "url": f"{settings.SITE_URL}{link}" if link else ""}
    with translation.override(language):
        title = " ".join(render_to_string(kind.subject_template, values).split())
        body = render_to_string(kind.body_template, values).strip()
        try:
            html = get_template(kind.html_template).render(values).strip()
        except TemplateDoesNotExist:
            html = ""
    return Rendered(title=title[:250], body=body, html=html)
