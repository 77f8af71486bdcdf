"""Kernel services other apps call: the working-day calendar with the override table applied, and the
filters a user saves on a list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from ictmis.core.errors import DomainError, NotAllowedError
from ictmis.core.models import CalendarOverride, SavedFilter
from ictmis.core.workdays import Override, WorkingCalendar


def working_calendar() -> WorkingCalendar:
    """The calendar with every override in the table (a few rows a year, read once per call)."""
    overrides = CalendarOverride.objects.values_list("day", "is_working_day")
    return WorkingCalendar(Override(day, working) for day, working in overrides)


SAVED_FILTERS_PER_LIST = 30
# across all of a user's lists: a bound on what one account can store
SAVED_FILTERS_PER_USER = 200
# what a saved filter never keeps: the page shown, an export request, the form's token
NOT_SAVED = frozenset({"page", "export", "csrfmiddlewaretoken"})


def _list_path(path: str) -> str:
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        raise DomainError(_("This list cannot keep filters.")) from None
    if not path.startswith("/") or path.startswith("//") or len(path) > 200:
        raise DomainError(_("This list cannot keep filters."))
    return path


def filter_query(params: QueryDict) -> str:
    """The query string a saved filter keeps: the list's parameters without the page or an export."""
    kept = params.copy()
    for name in NOT_SAVED:
        kept.pop(name, None)
    return kept.urlencode()


@transaction.atomic
def save_filter(*, path: str, name: str, query: str, actor: Any, now: dt.datetime) -> SavedFilter:
    """Keep the list's current filter under a name (the same name again replaces it)."""
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Give the filter a name."), field="name")
    if len(name) > 80:
        raise DomainError(_("The name is too long (80 characters at most)."), field="name")
    query = filter_query(QueryDict(query))
    if len(query) > 1000:
        raise DomainError(_("This filter is too long to be saved."), field="query")
    path = _list_path(path)
    # the user's row is locked so that two saves at once cannot both pass the counts below
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    everything = SavedFilter.objects.filter(user_id=actor.pk)
    mine = everything.filter(path=path)
    if not mine.filter(name=name).exists():
        if mine.count() >= SAVED_FILTERS_PER_LIST:
            raise DomainError(
                _("At most %(n)s filters are kept per list: delete one first.") % {"n": SAVED_FILTERS_PER_LIST},
                field="name",
            )
        if everything.count() >= SAVED_FILTERS_PER_USER:
            raise DomainError(
                _("At most %(n)s filters are kept for one account across all lists: delete one first.")
                % {"n": SAVED_FILTERS_PER_USER},
                field="name",
            )
    saved, _created = SavedFilter.objects.update_or_create(
        user_id=actor.pk, path=path, name=name, defaults={"query": query, "created_at": now}
    )
    return saved


@transaction.atomic
def delete_filter(*, saved: SavedFilter, actor: Any) -> None:
    """A saved filter is its owner's alone."""
    if saved.user_id != actor.pk:
        raise NotAllowedError()
    saved.delete()
