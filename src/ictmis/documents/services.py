"""Numbers that are never reused, and documents issued with them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from ictmis.core import events
from ictmis.documents import rendering
from ictmis.documents.issuers import Signature, issuer_on
from ictmis.documents.models import DocumentKind, NumberSequence, OutgoingDocument


def format_number(sequence: int, symbol: str, *, on: dt.date, function: str = "") -> str:
    """ "05/GP-SKHCN": numbers below 10 take a leading zero (Decree 30/2020, Appendix I); `{agency}` in a
    symbol is the abbreviation of the body issuing on that date."""
    if not symbol:
        return f"{sequence:02d}"
    return f"{sequence:02d}/{symbol.replace('{agency}', issuer_on(on, function).abbreviation)}"


@transaction.atomic
def reserve_number(*, kind_code: str, year: int, on: dt.date | None = None, function: str = "") -> tuple[int, str]:
    """The next number of a kind in a year, under a row lock; the transaction that takes it keeps it.
    `on` (the document's date, within `year`) decides the agency in the symbol."""
    kind = DocumentKind.objects.get(code=kind_code)
    sequence = NumberSequence.objects.select_for_update().filter(kind=kind, year=year).first()
    if sequence is None:
        try:
            with transaction.atomic():
                NumberSequence.objects.create(kind=kind, year=year, last=0)
        except IntegrityError:
            pass  # another transaction created it first
        sequence = NumberSequence.objects.select_for_update().get(kind=kind, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last, format_number(sequence.last, kind.symbol, on=on or dt.date(year, 1, 1), function=function)


@transaction.atomic
def issue_document(
    *,
    kind_code: str,
    title: str,
    subject: str,
    context: dict[str, Any],
    actor: Any,
    now: dt.datetime,
    number: str | None = None,
    subtitle: str = "",
    signer_name: str = "",
    signer_title: str = "",
    signature: Signature | None = None,
    function: str = "",
) -> OutgoingDocument:
    """Render and store a document; numbered kinds take the next number unless the caller gives one it
    reserved earlier (a licence's number, kept by its amended and renewed copies). The issuing body is the
    one of the document's date for `function`; `signature` (from `signature_on`) signs for the body, or
    `signer_title`/`signer_name` for a document a person signs in their own capacity (a receipt slip)."""
    kind = DocumentKind.objects.get(code=kind_code)
    day = timezone.localdate(now)
    sequence = None
    if number is None and kind.numbered:
        sequence, number = reserve_number(kind_code=kind_code, year=day.year, on=day, function=function)
    if signature is not None:
        signer_title, signer_name = signature.title, signature.name
    content = rendering.render(
        {
            **context,
            "title": title,
            "subtitle": subtitle,
            "signer_authority": signature.authority if signature is not None else "",
            "signer_name": signer_name,
            "signer_title": signer_title,
        },
        number=number or "",
        day=day,
        function=function,
    )
    document = OutgoingDocument(
        kind=kind,
        year=day.year,
        sequence=sequence,
        number=number or "",
        title=title,
        subject=subject,
        issued_on=day,
        signer_name=signer_name,
        signer_title=signer_title,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    document.file.save(
        f"{kind_code}-{day:%Y%m%d}-{(number or 'x').replace('/', '-')}.docx", ContentFile(content), save=False
    )
    try:
        document.save()
        events.record(
            document, "documents.document.issued", actor=actor, at=now, number=document.number, subject=subject
        )
    except Exception:
        document.file.delete(save=False)  # the row is rolled back: leave no file without one
        raise
    return document
