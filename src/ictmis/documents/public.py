"""What other apps may use of the documents app."""

from ictmis.documents.models import OutgoingDocument
from ictmis.documents.rendering import date_line
from ictmis.documents.selectors import documents_of
from ictmis.documents.services import issue_document, reserve_number

__all__ = ["OutgoingDocument", "date_line", "documents_of", "issue_document", "reserve_number"]
