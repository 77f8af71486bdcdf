"""What other apps may use of the legal catalogue: documents and how to cite them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ictmis.legal.models import DocumentType, LegalDocument


@dataclass(frozen=True)
class Citation:
    """Where a value comes from: a document, the article/clause, and whether anyone confirmed it."""

    document: LegalDocument | None
    article: str = ""
    unconfirmed: bool = False

    def __str__(self) -> str:
        if self.document is None:
            return _("no legal basis recorded")
        text = f"{self.article}, {self.document.number}" if self.article else self.document.number
        return f"{text} ({_('unconfirmed')})" if self.unconfirmed or self.document.unconfirmed else text


def by_number(number: str) -> LegalDocument:
    return LegalDocument.objects.get(number=number)


__all__ = ["Citation", "DocumentType", "LegalDocument", "by_number"]
