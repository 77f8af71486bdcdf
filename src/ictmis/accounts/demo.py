"""Demo organisations and accounts. Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from ictmis.accounts import services
from ictmis.accounts.models import User
from ictmis.accounts.roles import Role
from ictmis.parties.public import Organisation, OrganisationKind
from ictmis.units.public import AdministrativeUnit, Level

DEMO_PASSWORD = "ictmis-demo"
DEMO_COMMUNE_CODE = "18880"  # Phường Đồng Hới (2025), which kept the code of Phường Đức Ninh Đông


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str  # in Vietnamese order
    role: Role
    organisation_key: str
    position: str


ACCOUNTS = [
    DemoAccount("admin", "Quản trị Hệ thống", Role.ADMINISTRATOR, "department", "Quản trị hệ thống"),
    DemoAccount("lanhdao", "Nguyễn Văn Hùng", Role.LEADER, "department", "Phó Giám đốc Sở"),
    DemoAccount(
        "chuyenvien",
        "Trần Thị Lan",
        Role.SPECIALIST,
        "department",
        "Chuyên viên Phòng Bưu chính - Viễn thông",
    ),
    DemoAccount("thanhtra", "Lê Quang Minh", Role.INSPECTOR, "department", "Thanh tra viên"),
    DemoAccount("canboxa", "Phạm Thị Hoa", Role.COMMUNE_OFFICER, "commune", "Công chức Văn hóa - Xã hội"),
    DemoAccount("doanhnghiep", "Hoàng Anh Tuấn", Role.ENTERPRISE_USER, "operator", "Phụ trách hạ tầng trạm BTS"),
    DemoAccount("bientap", "Võ Thị Mai", Role.EDITOR, "department", "Biên tập viên Cổng thông tin"),
]


def _organisations(commune: AdministrativeUnit | None, province: AdministrativeUnit | None) -> dict[str, Organisation]:
    specs: dict[str, dict[str, Any]] = {
        "department": dict(
            name=settings.ORGANISATION_NAME,
            short_name="Sở TT&TT",
            kind=OrganisationKind.STATE_AGENCY,
            address="Đồng Hới",
            unit=province,
        ),
        "commune": dict(
            name=f"Ủy ban nhân dân {commune.name}" if commune else "Ủy ban nhân dân xã (demo)",
            short_name="UBND",
            kind=OrganisationKind.COMMUNE_PC,
            unit=commune,
        ),
        "operator": dict(
            name="Công ty Cổ phần Viễn thông Nhật Lệ (dữ liệu mẫu)",
            short_name="Nhật Lệ Telecom",
            kind=OrganisationKind.ENTERPRISE,
            tax_code="4701234564",
            address="Đồng Hới",
            unit=commune,
            email="hatang@nhatle.example",
        ),
        "operator2": dict(
            name="Công ty Cổ phần Hạ tầng Viễn thông Phong Nha (dữ liệu mẫu)",
            short_name="Phong Nha Infra",
            kind=OrganisationKind.ENTERPRISE,
            tax_code="4705678909",
            address="Bố Trạch",
        ),
        "operator3": dict(
            name="Công ty TNHH Viễn thông Trường Sơn (dữ liệu mẫu)",
            short_name="Trường Sơn Telecom",
            kind=OrganisationKind.ENTERPRISE,
            tax_code="4706789016",
            address="Lệ Thủy",
        ),
        "vnpost": dict(
            name="Bưu điện tỉnh (dữ liệu mẫu)",
            short_name="Bưu điện",
            kind=OrganisationKind.STATE_AGENCY,
            address="Đồng Hới",
        ),
        "publisher": dict(
            name="Công ty TNHH Truyền thông Sông Gianh (dữ liệu mẫu)",
            kind=OrganisationKind.ENTERPRISE,
            tax_code="4702345676",
            address="Ba Đồn",
        ),
        "press": dict(name="Báo Quảng Bình (dữ liệu mẫu)", kind=OrganisationKind.PRESS, address="Đồng Hới"),
    }
    result = {}
    for key, values in specs.items():
        organisation = Organisation.objects.filter(name=values["name"]).first()
        if organisation is None:
            organisation = Organisation(**values)
            organisation.full_clean()
            organisation.save()
        result[key] = organisation
    return result


@transaction.atomic
def load_demo(*, now: dt.datetime, progress: Callable[[str], None] = lambda _m: None) -> int:
    """Create what is missing; return how many accounts were created."""
    commune = AdministrativeUnit.objects.filter(code=DEMO_COMMUNE_CODE, level=Level.COMMUNE).order_by("-valid_from")
    current_commune = commune.first()
    province = current_commune.parent if current_commune else None
    organisations = _organisations(current_commune, province)
    created = 0
    for spec in ACCOUNTS:
        if User.objects.filter(username=spec.username).exists():
            continue
        services.create_user(
            actor=None,
            now=now,
            username=spec.username,
            password=DEMO_PASSWORD,
            roles=[spec.role],
            organisation=organisations[spec.organisation_key],
            scope_units=list(commune) if spec.role == Role.COMMUNE_OFFICER else [],
            full_name=spec.full_name,
            position=spec.position,
            email=f"{spec.username}@demo.ictmis.example",
            is_staff=spec.role == Role.ADMINISTRATOR,
            is_superuser=spec.role == Role.ADMINISTRATOR,
        )
        created += 1
        progress(f"  {spec.username} ({spec.role.label})")
    return created
