"""What other apps may use of enforcement: the decisions against organisations published on the portal, as rows
for the open-data page (no personal data: individuals' decisions are never published)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Max

from ictmis.enforcement.selectors import published_decisions

PUBLISHED_HEADER = [
    "Số quyết định",
    "Ngày quyết định",
    "Tổ chức vi phạm",
    "Mã số thuế",
    "Hành vi vi phạm",
    "Tổng số tiền phạt (đồng)",
    "Hình thức xử phạt bổ sung",
    "Biện pháp khắc phục hậu quả",
    "Ngày công khai",
]
PUBLISHED_FIELDS = [
    "number",
    "decided_on",
    "organisation",
    "tax_code",
    "acts",
    "total",
    "additional_sanctions",
    "remedial_measures",
    "published_on",
]


def _act(act: Any) -> str:
    provision = act.provision
    if provision.unconfirmed or provision.legal_basis.unconfirmed:
        return str(provision.act)
    return f"{provision.act} ({provision.article}, {provision.legal_basis.number})"


def published_rows() -> Iterator[list[Any]]:
    for decision in published_decisions().iterator(chunk_size=500):
        yield [
            decision.number,
            decision.decided_on,
            decision.violator_name,
            decision.violator_id_number,
            "; ".join(_act(a) for a in decision.acts.all()),
            decision.total,
            decision.additional_sanctions,
            decision.remedial_measures,
            decision.published_on,
        ]


def published_count() -> int:
    return published_decisions().count()


def published_updated() -> dt.datetime | None:
    return published_decisions().aggregate(at=Max("updated_at"))["at"]


__all__ = ["PUBLISHED_FIELDS", "PUBLISHED_HEADER", "published_count", "published_rows", "published_updated"]
