"""Open datasets that are not registries: each is a registration here (title, public columns, rows),
listed on the open-data page and in the DCAT catalogue beside the registries' datasets."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str | Promise
    header: list[str]  # Vietnamese column names, as officials read them
    fields: list[str]  # the same columns as JSON keys
    rows: Callable[[], Iterable[list[Any]]]
    count: Callable[[], int]
    updated: Callable[[], dt.datetime | None]
    landing_url_name: str
    formats: tuple[str, ...] = ("csv", "xlsx", "json")


def _licence_rows() -> Iterator[list[Any]]:
    from ictmis.licensing.public import public_licences

    today = timezone.localdate()
    for licence in public_licences().order_by("-valid_from", "pk").iterator(chunk_size=2000):
        yield [
            licence.number,
            licence.year,
            licence.holder_name,
            licence.subject,
            licence.valid_from,
            licence.valid_until,
            licence.status_on(today),
        ]


def _licence_count() -> int:
    from ictmis.licensing.public import public_licences

    return public_licences().count()


def _licence_updated() -> dt.datetime | None:
    from django.db.models import Max

    from ictmis.licensing.public import public_licences

    return public_licences().aggregate(at=Max("updated_at"))["at"]


DATASETS = [
    Dataset(
        key="licences",
        title=_("general-website licences"),
        header=[
            "Số giấy phép",
            "Năm cấp",
            "Tổ chức được cấp phép",
            "Tên miền",
            "Có hiệu lực từ",
            "Đến hết ngày",
            "Trạng thái",
        ],
        fields=["number", "year", "holder", "domains", "valid_from", "valid_until", "status"],
        rows=_licence_rows,
        count=_licence_count,
        updated=_licence_updated,
        landing_url_name="licensing:public_register",
    )
]


def _progress_rows() -> Iterator[list[Any]]:
    from ictmis.programmes.public import Programme, progress

    for programme in Programme.objects.order_by("starts_on", "code"):
        for row in progress(programme, level="commune"):
            yield [
                programme.code,
                programme.name,
                row["unit"],
                row["name"],
                row["target"],
                row["delivered"],
                row["percent"],
                row["eligible_not_served"],
            ]


def _progress_count() -> int:
    return sum(1 for _row in _progress_rows())


def _progress_updated() -> dt.datetime | None:
    from django.db.models import Max

    from ictmis.programmes.public import Programme

    return Programme.objects.aggregate(at=Max("deliveries__created_at"))["at"]


DATASETS.append(
    Dataset(
        key="programme-progress",
        title=_("programme progress by commune"),
        header=[
            "Mã chương trình",
            "Chương trình",
            "Mã xã",
            "Xã",
            "Chỉ tiêu",
            "Đã hỗ trợ",
            "Tỷ lệ (%)",
            "Hộ đủ điều kiện chưa hỗ trợ",
        ],
        fields=[
            "programme",
            "programme_name",
            "commune",
            "commune_name",
            "target",
            "delivered",
            "percent",
            "eligible_not_served",
        ],
        rows=_progress_rows,
        count=_progress_count,
        updated=_progress_updated,
        landing_url_name="portal:open_data",
    )
)


def _sanctions_rows() -> Iterable[list[Any]]:
    from ictmis.enforcement.public import published_rows

    return published_rows()


def _sanctions_count() -> int:
    from ictmis.enforcement.public import published_count

    return published_count()


def _sanctions_updated() -> dt.datetime | None:
    from ictmis.enforcement.public import published_updated

    return published_updated()


def _sanctions_dataset() -> Dataset:
    from ictmis.enforcement.public import PUBLISHED_FIELDS, PUBLISHED_HEADER

    return Dataset(
        key="sanction-decisions",
        title=_("published sanction decisions against organisations"),
        header=PUBLISHED_HEADER,
        fields=PUBLISHED_FIELDS,
        rows=_sanctions_rows,
        count=_sanctions_count,
        updated=_sanctions_updated,
        landing_url_name="enforcement_public:decisions",
    )


DATASETS.append(_sanctions_dataset())


def get(key: str) -> Dataset | None:
    return next((d for d in DATASETS if d.key == key), None)


def json_chunks(dataset: Dataset) -> Iterator[str]:
    yield "["
    for index, row in enumerate(dataset.rows()):
        yield ("," if index else "") + json.dumps(
            dict(zip(dataset.fields, row, strict=True)), ensure_ascii=False, default=str
        )
    yield "]"
