"""Template filters for Vietnamese formats, available in every template."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from ictmis.core.formatting import format_date, format_vnd

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    return format_vnd(amount)


@register.filter
def vndate(value: dt.date | dt.datetime | None) -> str:
    if isinstance(value, dt.datetime):
        return format_date(value.date() if value.tzinfo is None else value).split(" ")[0]
    return format_date(value)


@register.filter
def vndatetime(value: dt.datetime | None) -> str:
    return format_date(value)


@register.filter
def event_label(verb: str) -> str:
    """An event verb (`licensing.case.propose`) as a person reads it."""
    from ictmis.core.events import label_of

    return label_of(verb)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **changes: Any) -> str:
    """The current query string with some parameters replaced (for sort and page links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag
def registry_cell(record: Any, field: Any) -> str:
    """A record's field as the lists and detail pages show it."""
    from django.utils.translation import gettext as _

    name = field.name
    if getattr(field, "choices", None):
        return str(getattr(record, f"get_{name}_display")())
    value = getattr(record, name)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, dt.datetime):
        return format_date(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


@register.simple_tag
def public_cell(record: Any, column: Any) -> str:
    """A record's column as the public registers and open data show it (import/export value forms)."""
    from ictmis.core.registry_export import cell_value

    value = cell_value(column, record)
    if column.kind == "unit":
        return str(record.unit)
    if column.kind == "organisation":
        owner = getattr(record, column.field)
        return str(owner) if owner else ""
    return "" if value is None else str(value)


@register.filter
def make_list_of_words(text: str) -> list[str]:
    return text.split()


@register.inclusion_tag("core/_saved_filters.html", takes_context=True)
def saved_filters(context: template.Context) -> dict[str, Any]:
    """The signed-in user's saved filters of this list, and the form that saves the current one."""
    from ictmis.core.selectors import saved_filters_for
    from ictmis.core.services import filter_query

    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "path": request.path,
        "current": filter_query(request.GET),
        "filters": list(saved_filters_for(request.user, path=request.path)),
    }
