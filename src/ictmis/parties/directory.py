"""The organisation look-ups the kernel's registry machinery asks for (see core.directory)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ictmis.core.text import normalise
from ictmis.parties.models import Organisation, OrganisationKind
from ictmis.parties.selectors import organisations_for
from ictmis.parties.validators import normalise_tax_code


def organisation_for_import(text: str) -> Organisation | None:
    """By tax code first, then by name (diacritics and case ignored)."""
    text = text.strip()
    alive = Organisation.objects.filter(deleted_at__isnull=True)
    found = alive.filter(tax_code=normalise_tax_code(text)).first() if text[:1].isdigit() else None
    if found:
        return found
    wanted = normalise(text)
    for organisation in alive.filter(search_text__startswith=wanted).order_by("pk")[:20]:
        if normalise(organisation.name) == wanted:
            return organisation
    return None


def organisation_choices(actor: Any) -> list[tuple[int, str]]:
    qs = organisations_for(actor).filter(kind=OrganisationKind.ENTERPRISE).order_by("sort_key", "name")
    return list(qs.values_list("pk", "name"))


def organisation_queryset(kind: str | None) -> object:
    qs = Organisation.objects.filter(deleted_at__isnull=True).order_by("sort_key", "name")
    return qs.filter(kind=kind) if kind else qs


def organisation_resolver() -> Callable[[str], Organisation | None]:
    """Every live organisation in memory, by tax code and by name, for imports of many rows."""
    by_tax: dict[str, Organisation] = {}
    by_name: dict[str, Organisation] = {}
    for organisation in Organisation.objects.filter(deleted_at__isnull=True).order_by("-pk"):
        if organisation.tax_code:
            by_tax[organisation.tax_code] = organisation
        by_name[normalise(organisation.name)] = organisation

    def resolve(text: str) -> Organisation | None:
        text = text.strip()
        return by_tax.get(normalise_tax_code(text)) or by_name.get(normalise(text))

    return resolve
