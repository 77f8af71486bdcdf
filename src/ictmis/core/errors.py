"""Domain errors carry a message fit to show to the user, already translated."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the operation; `str(exc)` is the user-facing reason."""

    default_message = _("The operation was refused.")

    def __init__(self, message: object | None = None, *, field: str | None = None) -> None:
        self.message = str(message if message is not None else self.default_message)
        self.field = field
        super().__init__(self.message)


class StaleRecordError(DomainError):
    default_message = _(
        "The record has been updated by someone else since you opened it. "
        "Reload the page to see the latest version, then make your change again."
    )


class NotAllowedError(DomainError):
    default_message = _("You do not have permission to do this.")
