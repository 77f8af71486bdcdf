"""The inventory from a spreadsheet, through the core import engine (`ictmis import information-systems FILE`,
or the import page): every row checked as a system entered by hand, matched on its code, all rows or none."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ictmis.core.errors import DomainError
from ictmis.core.registry import Column, Importer
from ictmis.infosec import services
from ictmis.infosec.models import InformationSystem, SystemType

COLUMNS = [
    Column("code", "Mã hệ thống", "System code", required=True),
    Column("name", "Tên hệ thống thông tin", "Name", required=True),
    Column("owner", "Cơ quan chủ quản", "Owner", "organisation", required=True),
    Column("operator", "Đơn vị vận hành", "Operator", "organisation"),
    Column("unit", "Mã xã của chủ quản", "Owner's commune code", "unit"),
    Column("system_type", "Loại hệ thống", "Type", "choice", required=True, choices=SystemType.choices),
    Column("hosting", "Nơi đặt hệ thống", "Hosting place"),
    Column("personal_data", "Có dữ liệu cá nhân", "Holds personal data", "bool"),
    Column("personal_data_category", "Loại dữ liệu cá nhân", "Category of personal data"),
    Column("secret_data", "Có bí mật nhà nước", "Holds state secrets", "bool"),
    Column("secret_data_category", "Loại bí mật nhà nước", "Category of state secrets"),
    Column("proposed_level", "Cấp độ đề xuất", "Proposed level", "int"),
    Column("status", "Trạng thái", "Status", "choice", choices=InformationSystem.Status.choices),
    Column("last_checked_on", "Ngày kiểm tra gần nhất", "Last checked on", "date"),
]


class RowChecker:
    """The rules of `services.clean_system`, row by row; a code of a system the importer may not see is
    refused as not found rather than overwritten."""

    def __init__(self, actor: Any, **parameters: Any) -> None:
        from ictmis.infosec.selectors import systems_for

        self.visible = systems_for(actor)
        self.today = timezone.localdate()

    def __call__(self, values: dict[str, Any]) -> dict[str, str]:
        code = str(values.get("code") or "").strip()
        if InformationSystem.objects.filter(code=code).exists() and not self.visible.filter(code=code).exists():
            return {"code": str(gettext_lazy("No system with this code among yours."))}
        try:
            services.clean_system({**values, "status": values.get("status") or "operating"}, today=self.today)
        except DomainError as exc:
            return {exc.field or "code": exc.message}
        return {}


def write(rows: list[tuple[int, dict[str, Any]]], *, actor: Any, now: dt.datetime, progress: Any) -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for number, (_row, values) in enumerate(rows, start=1):
            values = {k: v for k, v in values.items() if not k.startswith("_")}
            values["status"] = values.get("status") or "operating"
            existing = InformationSystem.objects.filter(code=str(values["code"]).strip()).first()
            before = existing.version if existing else None
            system = services.save_system(values=values, actor=actor, now=now, system=existing)
            if existing is None:
                counts["created"] += 1
            elif system.version != before:
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
            progress("committing", number, len(rows))
    return counts


INFORMATION_SYSTEMS = Importer(
    key="information-systems",
    label=gettext_lazy("information systems"),
    columns=COLUMNS,
    natural_key=("code",),
    permission="infosec.add_informationsystem",
    row_checker=RowChecker,
    write=write,
    home_url_name="infosec:system_list",
    checks_scope=True,
)
