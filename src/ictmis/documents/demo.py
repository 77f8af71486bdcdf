"""Demo signatories: the demo leader signs "KT. GIÁM ĐỐC" as deputy of every issuing body; each body has
an invented head (no real person's name is used)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ictmis.documents.models import IssuingBody, Signatory

HEADS = {"STTTT": "Trần Quốc Bảo", "SKHCN": "Lê Minh Châu"}


def load_demo(now: dt.datetime, progress: Callable[[str], None] | None = None) -> None:
    from django.contrib.auth import get_user_model

    leader: Any = get_user_model().objects.filter(username="lanhdao").first()
    for body in IssuingBody.objects.all():
        Signatory.objects.update_or_create(
            body=body, is_head=True, defaults={"full_name": HEADS.get(body.abbreviation, "Trần Quốc Bảo"),
                                              "position": body.head_title}
        )  # fmt: skip
        if leader is not None:
            Signatory.objects.update_or_create(
                body=body, user=leader, defaults={"full_name": "Nguyễn Văn Hùng", "position": "PHÓ GIÁM ĐỐC"}
            )
