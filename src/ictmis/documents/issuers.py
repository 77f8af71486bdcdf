"""Who a document is issued by on its date, and who signs it: read from the dated rows of IssuingBody and
Signatory, so a 2019 licence and a 2026 one carry the bodies of their own time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q

from ictmis.documents.models import IssuingBody, Signatory


@dataclass(frozen=True)
class Issuer:
    governing_body: str
    name: str
    abbreviation: str
    place: str
    head_title: str
    unconfirmed: bool = False


@dataclass(frozen=True)
class Signature:
    """The signature block: "KT. GIÁM ĐỐC" when a deputy signs for the head, the position, the name."""

    authority: str
    title: str
    name: str


def _in_force(day: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gt=day))


def _body(day: dt.date, function: str) -> IssuingBody | None:
    rows = IssuingBody.objects.filter(_in_force(day), function__in=[function, ""]).order_by("-function", "-valid_from")
    return rows.first()


def issuer_on(day: dt.date, function: str = "") -> Issuer:
    """The body in force on `day` for `function` (a row for that function first, then the general one);
    the settings' names when no row covers the date."""
    body = _body(day, function)
    if body is None:
        return Issuer(
            governing_body=settings.ICTMIS_PARENT_BODY,
            name=settings.ICTMIS_ISSUING_BODY,
            abbreviation="STTTT",
            place=settings.ICTMIS_PLACE,
            head_title="GIÁM ĐỐC",
        )
    return Issuer(body.governing_body, body.name, body.abbreviation, body.place, body.head_title, body.unconfirmed)


def signature_on(day: dt.date, *, user: Any = None, function: str = "") -> Signature:
    """The person who signs on `day`: the signatory tied to `user` if there is one, else the head. A
    deputy signs "KT." (ký thay) for the head, as Decree 30/2020 has it."""
    body = _body(day, function)
    if body is None:
        return Signature("", "GIÁM ĐỐC", "")
    rows = Signatory.objects.filter(_in_force(day), body=body)
    signer = None
    if getattr(user, "pk", None):
        signer = rows.filter(user_id=user.pk).first()
    if signer is None:
        signer = rows.filter(is_head=True).first()
    if signer is None:
        return Signature("", body.head_title, "")
    if signer.is_head:
        return Signature("", body.head_title, signer.full_name)
    return Signature(f"KT. {body.head_title}", signer.position, signer.full_name)
