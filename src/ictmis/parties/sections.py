"""Sections other apps add to a person's page (a higher app, such as training, shows what it knows of the
person without parties importing it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class PersonSection:
    key: str
    title: str | Promise
    template: str
    # the template's context for this actor and person, or None to leave the section out
    context: Callable[[Any, Any], dict[str, Any] | None]


_SECTIONS: dict[str, PersonSection] = {}


def register_person_section(section: PersonSection) -> None:
    _SECTIONS[section.key] = section


def person_sections(actor: Any, person: Any) -> list[dict[str, Any]]:
    shown = []
    for section in _SECTIONS.values():
        context = section.context(actor, person)
        if context is not None:
            shown.append({"key": section.key, "title": section.title, "template": section.template, **context})
    return shown
