"""The API's one error shape and its permission check, shared by every router."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema
from ninja.conf import settings as ninja_settings
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import LimitOffsetPagination
from ninja.parser import Parser
from ninja.security import HttpBearer

from ictmis.core.errors import DomainError, NotAllowedError, StaleRecordError
from ictmis.core.formatting import MAX_AMOUNT

# The largest offset a list accepts: far beyond any table here, far below what SQLite and PostgreSQL refuse.
MAX_OFFSET = 1_000_000_000
MAX_LIMIT = 500

Offset = Annotated[int, Field(0, ge=0, le=MAX_OFFSET, description="rows to skip")]
Limit = Annotated[int, Field(50, ge=1, le=MAX_LIMIT, description="rows to return")]
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT, description="đồng")]


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset pagination with both ends bounded, so a huge offset is a 422 naming it."""

    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


def _unstorable(value: Any) -> bool:
    """True for text no database column can hold: half of a UTF-16 pair (JSON allows "\\ud800") or a NUL
    character (PostgreSQL refuses it), anywhere in the parsed body."""
    if isinstance(value, str):
        if "\x00" in value:
            return True
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_unstorable(k) or _unstorable(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_unstorable(v) for v in value)
    return False


class StrictJsonParser(Parser):
    """JSON bodies as ninja reads them, but a string no database can store (an unpaired UTF-16 surrogate, a
    NUL character) makes the body unreadable (400) instead of failing on save."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = json.loads(request.body)
        if _unstorable(data):
            raise ValueError("a string holds an unpaired UTF-16 surrogate or a NUL character")
        return data

    def parse_querydict(self, data: Any, list_fields: list[str], request: HttpRequest) -> Any:
        """Query and form fields: a NUL character is refused the same way (form fields reach the API
        without the middleware that guards query strings)."""
        parsed = super().parse_querydict(data, list_fields, request)
        bad = [name for name, value in parsed.items() if isinstance(value, str | list) and _unstorable(value)]
        if bad:
            raise HttpError(400, _("A NUL character cannot be stored: %(fields)s.") % {"fields": ", ".join(bad)})
        return parsed


Authenticator = Callable[[HttpRequest], Any]
_AUTHENTICATORS: list[Authenticator] = []


def register_authenticator(authenticate: Authenticator) -> None:
    """Accounts registers how a request proves who it is (token, session); the kernel only asks."""
    if authenticate not in _AUTHENTICATORS:
        _AUTHENTICATORS.append(authenticate)


class Authorised(HttpBearer):
    """Who is calling (401 if nobody), then whether they hold `permission` (403) before the body is read."""

    def __init__(self, permission: str | None = None) -> None:
        self.permission = permission
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        for authenticate in _AUTHENTICATORS:
            user = authenticate(request)
            if user is not None:
                break
        else:
            return None
        if self.permission and not user.has_perm(self.permission):
            raise NotAllowedError()
        return user

    def authenticate(self, request: HttpRequest, token: str) -> Any:  # pragma: no cover - __call__ decides
        return None


class Anyone(Authorised):
    """Routes open to the public that answer more to a signed-in caller: never 401, `request.auth` is the
    user or an anonymous one."""

    def __call__(self, request: HttpRequest) -> Any:
        from django.contrib.auth.models import AnonymousUser

        return super().__call__(request) or AnonymousUser()


def _error(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str, errors: list[dict[str, str]] | None = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or []}, status=status)


def _field_of(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "filters")]
    return ".".join(parts)


def _pydantic_message(error: dict[str, Any]) -> str:
    """pydantic's checks in the user's language; types not listed keep pydantic's own English text."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    messages: dict[str, Callable[[], str]] = {
        "missing": lambda: _("This field is required."),
        "string_type": lambda: _("Give a text."),
        "string_too_short": lambda: _("Give at least %(n)s characters.") % {"n": ctx.get("min_length")},
        "string_too_long": lambda: _("Give at most %(n)s characters.") % {"n": ctx.get("max_length")},
        "int_parsing": lambda: _("Give a whole number."),
        "int_type": lambda: _("Give a whole number."),
        "int_from_float": lambda: _("Give a whole number."),
        "float_parsing": lambda: _("Give a number."),
        "float_type": lambda: _("Give a number."),
        "bool_parsing": lambda: _("Give true or false."),
        "date_parsing": lambda: _("Give a date as yyyy-mm-dd."),
        "date_from_datetime_parsing": lambda: _("Give a date as yyyy-mm-dd."),
        "date_type": lambda: _("Give a date as yyyy-mm-dd."),
        "datetime_parsing": lambda: _("Give a date and time as yyyy-mm-ddThh:mm."),
        "datetime_from_date_parsing": lambda: _("Give a date and time as yyyy-mm-ddThh:mm."),
        "greater_than_equal": lambda: _("Give a value of at least %(n)s.") % {"n": ctx.get("ge")},
        "less_than_equal": lambda: _("Give a value of at most %(n)s.") % {"n": ctx.get("le")},
        "greater_than": lambda: _("Give a value above %(n)s.") % {"n": ctx.get("gt")},
        "less_than": lambda: _("Give a value below %(n)s.") % {"n": ctx.get("lt")},
        "enum": lambda: _("Give one of: %(values)s.") % {"values": ctx.get("expected", "")},
        "literal_error": lambda: _("Give one of: %(values)s.") % {"values": ctx.get("expected", "")},
        "list_type": lambda: _("Give a list."),
        "dict_type": lambda: _("Give an object."),
        "model_attributes_type": lambda: _("Give an object."),
        "json_invalid": lambda: _("The body is not valid JSON."),
    }
    make = messages.get(kind)
    return make() if make else str(error.get("msg", ""))


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [{"field": _field_of(e.get("loc", ())), "message": _pydantic_message(e)} for e in exc.errors]
        return _error(api, request, 422, _("The data sent is not valid."), errors)

    @api.exception_handler(ValidationError)
    def model_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors: list[dict[str, str]] = []
        if hasattr(exc, "error_dict"):
            for field, messages in exc.message_dict.items():
                errors.extend({"field": "" if field == "__all__" else field, "message": m} for m in messages)
        else:
            errors = [{"field": "", "message": m} for m in exc.messages]
        return _error(api, request, 422, _("The data sent is not valid."), errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return _error(api, request, 401, _("Authentication is required."))

    @api.exception_handler(NotAllowedError)
    def not_allowed(request: HttpRequest, exc: NotAllowedError) -> HttpResponse:
        return _error(api, request, 403, exc.message)

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _error(api, request, 403, str(NotAllowedError.default_message))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _error(api, request, 404, _("Not found."))

    @api.exception_handler(StaleRecordError)
    def stale(request: HttpRequest, exc: StaleRecordError) -> HttpResponse:
        return _error(api, request, 409, exc.message, [{"field": "version", "message": exc.message}])

    @api.exception_handler(DomainError)
    def domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        errors = [{"field": exc.field, "message": exc.message}] if exc.field else []
        return _error(api, request, 409, exc.message, errors)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _error(api, request, exc.status_code, str(exc))
