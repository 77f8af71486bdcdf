"""The organisation look-ups the kernel's registry machinery asks for (see core.directory)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ictmis.core.directory import AmbiguousReference
from ictmis.core.text import normalise
from ictmis.parties.models import Organisation, OrganisationKind
from ictmis.parties.selectors import organisations_for
from ictmis.parties.validators import normalise_tax_code

TAXED = re.compile(r"^(?P<name>.*\S)\s*\((?P<tax>[0-9][0-9 -]*)\)$")  # "Công ty A (0101234567)", as exports write


def _pick(
    text: str, by_tax: Callable[[str], Organisation | None], by_name: Callable[[str], list[Organisation]]
) -> Organisation | None:
    """A tax code, "name (tax code)" as exports write it, or a bare name that one organisation alone carries
    (a name several carry is refused with AmbiguousReference rather than guessed)."""
    text = text.strip()
    if text[:1].isdigit() and (found := by_tax(normalise_tax_code(text))) is not None:
        return found
    taxed = TAXED.match(text)
    if taxed and (found := by_tax(normalise_tax_code(taxed["tax"]))) is not None:
        return found
    named = by_name(normalise(text))
    if len(named) > 1:
        raise AmbiguousReference(text, len(named))
    return named[0] if named else None


def organisation_for_import(text: str) -> Organisation | None:
    """By tax code first, then by name (diacritics and case ignored)."""
    alive = Organisation.objects.filter(deleted_at__isnull=True)

    def by_name(wanted: str) -> list[Organisation]:
        candidates = alive.filter(search_text__startswith=wanted).order_by("pk")[:20]
        return [organisation for organisation in candidates if normalise(organisation.name) == wanted]

    return _pick(text, lambda code: alive.filter(tax_code=code).first(), by_name)


def organisation_choices(actor: Any) -> list[tuple[int, str]]:
    qs = organisations_for(actor).filter(kind=OrganisationKind.ENTERPRISE).order_by("sort_key", "name")
    return list(qs.values_list("pk", "name"))


def organisation_queryset(kind: str | None) -> object:
    qs = Organisation.objects.filter(deleted_at__isnull=True).order_by("sort_key", "name")
    return qs.filter(kind=kind) if kind else qs


def organisation_resolver() -> Callable[[str], Organisation | None]:
    """Every live organisation in memory, by tax code and by name, for imports of many rows."""
    by_tax: dict[str, Organisation] = {}
    by_name: dict[str, list[Organisation]] = {}
    for organisation in Organisation.objects.filter(deleted_at__isnull=True).order_by("-pk"):
        if organisation.tax_code:
            by_tax[organisation.tax_code] = organisation
        by_name.setdefault(normalise(organisation.name), []).append(organisation)

    def resolve(text: str) -> Organisation | None:
        return _pick(text, by_tax.get, lambda wanted: by_name.get(wanted, []))

    return resolve
