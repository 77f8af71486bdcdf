"""Licence families: what a sector app tells the engine about the licences its procedures issue.

The engine creates, amends, renews and re-issues licences; the family checks the particulars (e.g. the
domains of a website), says what the licence is about in a line, lists the particulars for documents and
pages, and keeps the sector's own records in step when a licence changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Particulars = dict[str, Any]


@dataclass(frozen=True)
class Family:
    key: str
    label: str
    licence_title: str
    clean: Callable[[Particulars, Any, dt.date], Particulars]  # (particulars, licence or None, today); raises
    subject: Callable[[Particulars], str]
    describe: Callable[[Particulars], list[tuple[str, str]]]
    on_change: Callable[[Any], None]  # called with the Licence after every change, inside the transaction
    # Optional hooks, for families whose rules depend on what is applied for (information-security levels):
    public: bool = True  # False: its licences (decisions) never reach the public register or open data
    number_kind: str = "licence"  # the documents kind whose numbers the result takes
    due_date: Callable[[Particulars, dt.date], dt.date | None] | None = None  # (particulars, complete on)
    before_step: Callable[[Any, str, Any], None] | None = None  # (case, action, actor); raises to refuse
    entry_url_name: str | None = None  # where its cases are opened, when the engine's website form does not fit


_FAMILIES: dict[str, Family] = {}


def register(family: Family) -> None:
    _FAMILIES[family.key] = family


def get(key: str) -> Family:
    family = _FAMILIES.get(key)
    if family is None:
        from django.utils.translation import gettext as _

        from ictmis.core.errors import DomainError

        raise DomainError(_("No licence family %(key)s is installed.") % {"key": key}, field="family")
    return family


def keys() -> list[str]:
    return sorted(_FAMILIES)


def public_keys() -> list[str]:
    return sorted(key for key, family in _FAMILIES.items() if family.public)
