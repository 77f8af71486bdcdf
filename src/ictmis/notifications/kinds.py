"""The registry of notification kinds. Sending apps register theirs; the engine never imports them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Kind:
    code: str  # `app.object.event`, e.g. `licensing.case.supplement_requested`
    label: str | Promise  # what the preferences page shows (Vietnamese through gettext)
    email_default: bool = True

    @property
    def subject_template(self) -> str:
        return f"notifications/{self.code}.subject.txt"

    @property
    def body_template(self) -> str:
        return f"notifications/{self.code}.txt"

    @property
    def html_template(self) -> str:
        return f"notifications/{self.code}.html"


_KINDS: dict[str, Kind] = {}


class UnknownKindError(LookupError):
    pass


def register_kind(code: str, label: str | Promise, *, email_default: bool = True) -> Kind:
    """Declare a kind of event (idempotent: the last declaration of a code wins)."""
    kind = Kind(code=code, label=label, email_default=email_default)
    _KINDS[code] = kind
    return kind


def get_kind(code: str) -> Kind:
    try:
        return _KINDS[code]
    except KeyError:
        raise UnknownKindError(f"notification kind {code!r} is not registered") from None


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.code)
