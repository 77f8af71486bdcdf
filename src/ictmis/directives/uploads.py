"""Files of directives: the same content checks as licensing dossiers (PDF, pictures, DOCX, XLSX)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile

from ictmis.directives.models import Attachment
from ictmis.licensing.public import check_upload


@dataclass(frozen=True)
class Upload:
    data: bytes
    filename: str


def check(upload: Upload) -> str:
    return check_upload(upload.data, upload.filename)


def store(upload: Upload, *, role: str, actor: Any, now: dt.datetime, **owner: Any) -> Attachment:
    kind = check(upload)
    item = Attachment(
        role=role,
        original_name=upload.filename[:255],
        kind=kind,
        size=len(upload.data),
        uploaded_at=now,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        **owner,
    )
    item.file.save(upload.filename[-80:], ContentFile(upload.data), save=False)
    item.save()
    return item
