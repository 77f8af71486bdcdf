"""What other apps may use of the documents app."""

from ictmis.documents.issuers import Issuer, Signature, issuer_on, signature_on
from ictmis.documents.models import OutgoingDocument
from ictmis.documents.rendering import date_line
from ictmis.documents.rendering import render as render_document
from ictmis.documents.selectors import documents_of
from ictmis.documents.services import format_number, issue_document, reserve_number

__all__ = [
    "Issuer",
    "OutgoingDocument",
    "Signature",
    "date_line",
    "documents_of",
    "format_number",
    "issue_document",
    "issuer_on",
    "render_document",
    "reserve_number",
    "signature_on",
]
