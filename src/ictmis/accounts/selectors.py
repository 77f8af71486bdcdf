from __future__ import annotations

from django.db.models import Q, QuerySet

from ictmis.accounts.models import ApiToken, User
from ictmis.core.text import normalise


def users(*, q: str | None = None, role: str | None = None) -> QuerySet[User]:
    qs = (
        User.objects.select_related("organisation")
        .prefetch_related("groups", "scope_units")
        .order_by("name_sort_key", "username")
    )
    if q:
        term = q.strip()
        qs = qs.filter(
            Q(username__icontains=term)
            | Q(full_name__icontains=term)
            | Q(email__icontains=term)
            | Q(organisation__search_text__contains=normalise(term))
        )
    if role:
        qs = qs.filter(groups__name=role)
    return qs


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")
