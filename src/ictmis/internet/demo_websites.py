"""Demo general-website licensing: licences from past years (one revoked, one expired), open cases in
every state (one late, one waiting for a supplement, one online application not yet received).
Idempotent: nothing is added once the demo holders have cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ictmis.core.access import SYSTEM
from ictmis.core.public import working_calendar
from ictmis.licensing.public import act, open_case, run_daily, set_licence_status
from ictmis.parties.public import Organisation, OrganisationKind

HOLDERS = [
    ("Công ty TNHH Truyền thông Bảo Ninh (dữ liệu mẫu)", "tintucbaoninh.vn", "Tin tức Bảo Ninh"),
    ("Báo điện tử Đèo Ngang (dữ liệu mẫu)", "deongang.com.vn", "Đèo Ngang Online"),
    ("Công ty Cổ phần Du lịch Phong Nha (dữ liệu mẫu)", "phongnhatravel.vn", "Phong Nha Travel News"),
    ("Hội Doanh nghiệp trẻ tỉnh (dữ liệu mẫu)", "doanhnhantre.org.vn", "Doanh nhân trẻ"),
    ("Công ty TNHH Công nghệ Đồng Hới (dữ liệu mẫu)", "donghoitech.vn", "Đồng Hới Tech"),
    ("Trung tâm Văn hóa Lệ Thủy (dữ liệu mẫu)", "lethuyvanhoa.vn", "Văn hóa Lệ Thủy"),
]


def _particulars(domain: str, name: str, years: int | None = None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": name,
        "domains": [domain],
        "server_location": "Trung tâm dữ liệu, Đồng Hới",
        "responsible_person": "Trần Văn Bình",
        "sources": ["Báo Quảng Bình", "Cổng TTĐT tỉnh"],
    }
    if years:
        values["years"] = years
    return values


def _through(case: Any, steps: list[str], now: dt.datetime, day: dt.date | None = None) -> Any:
    for action in steps:
        note = "Hồ sơ đủ điều kiện, đề nghị cấp phép." if action == "propose" else ""
        case = act(case=case, action=action, actor=SYSTEM, now=now, note=note, on=day if action == "issue" else None)
    return case


def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    from ictmis.licensing.models import Case

    holders = []
    for name, domain, site in HOLDERS:
        organisation, _created = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": OrganisationKind.ENTERPRISE,
                "address": "Đồng Hới, Quảng Bình",
                "email": f"lienhe@{domain}",
            },
        )
        holders.append((organisation, domain, site))
    if Case.objects.filter(applicant__in=[h[0] for h in holders]).exists():
        progress("  website licences: already loaded")
        return
    calendar = working_calendar()
    today = now.date()
    full = ["start_appraisal", "propose", "grant", "issue"]
    issued = []
    for index, (received, years) in enumerate(
        [(dt.date(2017, 3, 2), 10), (dt.date(2019, 4, 10), 10), (dt.date(2020, 6, 1), 5), (dt.date(2021, 9, 6), 2)]
    ):
        organisation, domain, site = holders[index]
        case = open_case(
            procedure_code="website.new",
            applicant=organisation,
            actor=SYSTEM,
            now=now,
            received_on=received,
            particulars=_particulars(domain, site, years),
        )
        finish = calendar.add_working_days(received, 8 if index != 1 else 12)
        issued.append(_through(case, full, now, finish).licence)
    set_licence_status(
        licence=issued[2],
        status="revoked",
        decision="25/QĐ-STTTT ngày 12/05/2023",
        reason="Không duy trì điều kiện về nhân sự quản lý nội dung",
        on=dt.date(2023, 5, 12),
        actor=SYSTEM,
        now=now,
    )
    organisation, domain, site = holders[4]
    late = open_case(
        procedure_code="website.new",
        applicant=organisation,
        actor=SYSTEM,
        now=now,
        received_on=calendar.add_working_days(today - dt.timedelta(days=30), 0),
        particulars=_particulars(domain, site),
    )
    _through(late, ["start_appraisal"], now)
    organisation, domain, site = holders[5]
    waiting = open_case(
        procedure_code="website.new",
        applicant=organisation,
        actor=SYSTEM,
        now=now,
        received_on=today - dt.timedelta(days=3),
        particulars=_particulars(domain, site),
        checklist=[True, True, False, True, True],
    )
    act(case=waiting, action="request_supplement", actor=SYSTEM, now=now, note="Bổ sung đề án hoạt động.")
    operator = Organisation.objects.filter(tax_code="4701234564").first()
    if operator is not None:
        open_case(
            procedure_code="website.new",
            applicant=operator,
            actor=SYSTEM,
            now=now,
            channel="online",
            particulars=_particulars("nhatletelecom.vn", "Nhật Lệ Telecom"),
        )
    done = run_daily(now=now)
    progress(f"  website licences: {len(issued)} licences, 3 open cases; {done}")
