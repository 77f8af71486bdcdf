from django.db.models import QuerySet

from ictmis.documents.models import OutgoingDocument


def documents_of(subject: str) -> QuerySet[OutgoingDocument]:
    """A record's documents, newest first."""
    return OutgoingDocument.objects.filter(subject=subject).select_related("kind").order_by("-created_at", "-id")
