"""The DOCX of a sanction decision and of its coercion decisions, served through an authorised view (uploads and
issued documents are never served directly): whoever sees the decision may download them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import FileResponse, Http404, HttpRequest

from ictmis.documents.public import OutgoingDocument
from ictmis.enforcement import selectors

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(document: OutgoingDocument | None) -> FileResponse:
    if document is None or not document.file:
        raise Http404
    name = (document.number or "van-ban").replace("/", "-")
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=f"{name}.docx", content_type=DOCX)


@login_required
@permission_required("enforcement.view_sanctiondecision", raise_exception=True)
def decision_document(request: HttpRequest, pk: int) -> FileResponse:
    decision = selectors.decisions_for(request.user).select_related("document").filter(pk=pk).first()
    if decision is None:
        raise Http404
    return _docx(decision.document)


@login_required
@permission_required("enforcement.view_sanctiondecision", raise_exception=True)
def coercion_document(request: HttpRequest, pk: int, coercion_id: int) -> FileResponse:
    decision = selectors.decisions_for(request.user).filter(pk=pk).first()
    coercion = (
        None if decision is None else decision.coercions.select_related("document").filter(pk=coercion_id).first()
    )
    if coercion is None:
        raise Http404
    return _docx(coercion.document)
