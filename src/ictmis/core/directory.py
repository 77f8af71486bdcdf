"""Look-ups the kernel's generic machinery needs from higher apps, registered by them at start-up.

The kernel may not import `units` or `parties`; the registry list filters by unit and the importer
reads unit codes and organisation names through these hooks instead (dependency inversion).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Directory:
    unit_paths: Callable[[str], list[str]] = lambda ref: []
    unit_choices: Callable[[], list[tuple[str, list[tuple[int, str]]]]] = lambda: []
    unit_for_import: Callable[[str], Any] = lambda text: None
    organisation_for_import: Callable[[str], Any] = lambda text: None
    # Preloading versions for bulk work: each returns a resolver that answers from memory.
    unit_resolver: Callable[[], Callable[[str], Any]] = lambda: lambda text: None
    organisation_resolver: Callable[[], Callable[[str], Any]] = lambda: lambda text: None
    current_equivalents: Callable[[list[int]], dict[int, int]] = lambda ids: {}
    former_units: Callable[[list[int]], list[int]] = lambda ids: []
    organisation_choices: Callable[[Any], list[tuple[int, str]]] = lambda actor: []
    commune_queryset: Callable[[], Any] = lambda: None
    unit_label: Callable[[Any], str] = str
    organisation_queryset: Callable[[str | None], Any] = lambda kind: None
    shared_unit_codes: Callable[[], frozenset[str]] = lambda: frozenset()  # codes carried by several unit versions


class AmbiguousReference(LookupError):
    """A cell names something several records answer to (two organisations of one name): refused, never guessed."""

    def __init__(self, text: str, count: int) -> None:
        super().__init__(text, count)
        self.text, self.count = text, count


directory = Directory()


def provide(**hooks: Callable[..., Any]) -> None:
    for name, hook in hooks.items():
        if not hasattr(directory, name):
            raise AttributeError(name)
        setattr(directory, name, hook)
