"""What other apps may use of the legal catalogue: documents and how to cite them."""

from __future__ import annotations

import datetime as dt
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


TYPE_NAMES = {
    DocumentType.LAW: "Luật",
    DocumentType.RESOLUTION: "Nghị quyết",
    DocumentType.DECREE: "Nghị định",
    DocumentType.DECISION: "Quyết định",
    DocumentType.CIRCULAR: "Thông tư",
    DocumentType.JOINT_CIRCULAR: "Thông tư liên tịch",
}
# titles that already begin with what the text does; any other title is introduced by "về"
_VERBS = ("quy định", "về ", "sửa đổi", "hướng dẫn", "ban hành", "bãi bỏ", "phê duyệt")


def _written_date(day: dt.date) -> str:
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def formal_citation(document: LegalDocument, *, article: str = "") -> str:
    """A text as an official document cites it among its bases, in Vietnamese whatever the user's language:
    "Nghị định số 147/2024/NĐ-CP ngày 09 tháng 11 năm 2024 của Chính phủ về quản lý, …". `article` (e.g.
    "khoản 1 Điều 28") goes first. A date nobody confirmed is left out rather than printed with a doubt."""
    title = document.title.strip()
    is_code = document.doc_type == DocumentType.LAW and title.lower().startswith(("luật", "bộ luật"))
    kind = TYPE_NAMES.get(DocumentType(document.doc_type), "")
    text = f"{title if is_code else kind} số {document.number}"
    if document.issued_on and not document.unconfirmed:
        text += f" {_written_date(document.issued_on)}"
    if not is_code:
        body = title[:1].lower() + title[1:]
        text += f" của {document.issuer} {body if body.startswith(_VERBS) else f'về {body}'}"
    return f"{article} {text}" if article else text


def by_number(number: str) -> LegalDocument:
    return LegalDocument.objects.get(number=number)


__all__ = ["Citation", "DocumentType", "LegalDocument", "by_number", "formal_citation"]
