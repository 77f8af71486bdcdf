"""Web addresses people type into the system: only http:// and https:// are links we will print.

A `javascript:` or `data:` value in a link field runs in the reader's browser when clicked; `ftp:` and the like
are not what any field here means. One rule, used by the models (so forms and the admin follow), the API
schemas (a 422 naming the field) and the services.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _
from pydantic_core import PydanticCustomError

SCHEMES = frozenset({"http", "https"})


def is_http_url(value: str) -> bool:
    """True for an empty value or an http(s) address with a host; control characters and spaces count against."""
    text = value.strip()
    if not text:
        return True
    if any(ord(ch) < 33 or ch == "\x7f" for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in SCHEMES and bool(parts.hostname)


def http_url_message(label: Any) -> str:
    text = str(label)
    return _("%(field)s: only web addresses beginning with http:// or https:// are accepted.") % {
        "field": text[:1].upper() + text[1:]
    }


@deconstructible
class HttpUrlValidator:
    """A model or form field validator; `label` names the field in the message."""

    code = "http_url"

    def __init__(self, label: Any = "") -> None:
        self.label = label

    def __call__(self, value: Any) -> None:
        if value is not None and not is_http_url(str(value)):
            raise ValidationError(http_url_message(self.label or _("web address")), code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HttpUrlValidator) and str(self.label) == str(other.label)

    def __hash__(self) -> int:
        return hash(str(self.label))


def validate_http_url(value: Any) -> None:
    """The validator without a field name, for places that show the message next to the field anyway."""
    HttpUrlValidator()(value)


def http_url_check(label: Any) -> Callable[[str | None], str | None]:
    """For API schemas: `Annotated[str, AfterValidator(http_url_check(_("website")))]` is a 422 naming the field."""

    def check(value: str | None) -> str | None:
        if value is None:
            return None
        if not is_http_url(value):
            raise PydanticCustomError("http_url", "{message}", {"message": http_url_message(label)})
        return value.strip()

    return check
