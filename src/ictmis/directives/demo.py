"""Demo directives, in the project's own words from the facts of the source article: the Deputy Minister's
working visit to the Quảng Bình Department on 23/09/2014, the Department's proposals and the answers, the
tasks given (some completed on time, one late, one overdue); and a 2026 working session of the Quảng Trị
department with open tasks for communes. Document numbers are illustrative. Nothing is added twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from ictmis.core.access import SYSTEM
from ictmis.directives import services
from ictmis.directives.models import Division, Proposal, WorkingSession
from ictmis.directives.uploads import Upload
from ictmis.units.public import demo_communes

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DIVISIONS = [
    ("Văn phòng Sở", "VP"),
    ("Phòng Bưu chính, Viễn thông", "BCVT"),
    ("Phòng Công nghệ thông tin", "CNTT"),
    ("Phòng Thông tin - Báo chí - Xuất bản", "TTBCXB"),
    ("Thanh tra Sở", "TTr"),
]
VISIT_TITLE = "Thứ trưởng Bộ Thông tin và Truyền thông làm việc với Sở Thông tin và Truyền thông Quảng Bình"
SESSION_2026 = "Giám đốc Sở làm việc với các xã, phường về hạ tầng thông tin cơ sở"


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ)


def _evidence(name: str) -> list[Upload]:
    return [Upload(b"%PDF-1.4\n% " + name.encode() + b"\n", f"{name}.pdf")]


def divisions() -> dict[str, Division]:
    result = {}
    for order, (name, short) in enumerate(DIVISIONS, start=1):
        result[short], _created = Division.objects.get_or_create(
            name=name, defaults={"short_name": short, "order": order}
        )
    return result


def load_2014(units: dict[str, Division]) -> None:
    day = dt.date(2014, 9, 23)
    session = services.record_session(
        actor=SYSTEM,
        now=_at(day),
        kind=WorkingSession.Kind.VISIT,
        title=VISIT_TITLE,
        held_on=day,
        place="Trụ sở Sở Thông tin và Truyền thông, thành phố Đồng Hới",
        chaired_by="Thứ trưởng Nguyễn Thành Hưng",
        delegation="Đoàn công tác của Bộ Thông tin và Truyền thông",
        hosts="Lãnh đạo Sở và lãnh đạo các phòng, đơn vị thuộc Sở",
        units_visited="Sở Thông tin và Truyền thông tỉnh Quảng Bình",
        agenda="Sở trình bày những khó khăn trong quản lý nhà nước của ngành: số hóa truyền hình; dự án nâng cao "
        "khả năng sử dụng máy tính và truy nhập Internet công cộng; duy trì các điểm Bưu điện - Văn hóa xã; "
        "chuẩn bị thi hành Thông tư 09/2014/TT-BTTTT (ngày 19/8/2014) về trang thông tin điện tử và mạng xã hội; "
        "bảo đảm an toàn, an ninh thông tin.",
        outcome="Thứ trưởng ghi nhận cố gắng của Sở, giao Sở một số việc cụ thể và thông tin điểm mới về dịch vụ "
        "viễn thông công ích, cước phát hành báo chí, phân cấp thẩm quyền xử phạt của Thanh tra Sở và an ninh "
        "thông tin.",
        files=_evidence("bao-cao-cua-so-2014"),
    )
    proposals = [
        (
            "Cho Sở tiếp tục tham gia các chương trình, dự án do Bộ chủ trì.",
            Proposal.Status.ACCEPTED,
            "Bộ đồng ý; Sở được mời tham gia khi triển khai các dự án mới.",
            dt.date(2014, 11, 10),
        ),
        (
            "Hỗ trợ hệ thống đài truyền thanh cấp xã.",
            Proposal.Status.PARTLY,
            "Bộ ghi nhận; hỗ trợ trong phạm vi các chương trình mục tiêu hiện có.",
            dt.date(2014, 11, 10),
        ),
        (
            "Sớm hướng dẫn chức năng, nhiệm vụ, cơ cấu tổ chức của Sở Thông tin và Truyền thông.",
            Proposal.Status.ANSWERED,
            "Bộ đang phối hợp với Bộ Nội vụ hoàn thiện văn bản hướng dẫn.",
            dt.date(2014, 10, 20),
        ),
        (
            "Ban hành hướng dẫn chuyên môn về hạ tầng viễn thông, trạm BTS và cơ chế thu phí thẩm định, cấp phép "
            "trong lĩnh vực thông tin và truyền thông.",
            Proposal.Status.SENT,
            "",
            None,
        ),
        (
            "Tăng cường tập huấn nghiệp vụ chuyên ngành cho cán bộ của Sở.",
            Proposal.Status.ACCEPTED,
            "Bộ đưa Sở vào kế hoạch tập huấn năm 2015.",
            dt.date(2014, 12, 5),
        ),
    ]
    for content, status, answer, answered_on in proposals:
        proposal = services.record_proposal(
            actor=SYSTEM,
            now=_at(day),
            addressee="Bộ Thông tin và Truyền thông",
            content=content,
            sent_on=day,
            session=session,
        )
        if answered_on is not None:
            services.answer_proposal(
                proposal=proposal,
                status=status,
                answer=answer,
                answered_on=answered_on,
                actor=SYSTEM,
                now=_at(answered_on),
                reference="Công văn của Bộ Thông tin và Truyền thông (minh họa)",
            )
    issued = dt.date(2014, 9, 30)
    tasks = [
        (
            "Nghiên cứu giải pháp duy trì, phát huy hiệu quả các điểm Bưu điện - Văn hóa xã gắn với tiêu chí "
            "xây dựng nông thôn mới",
            "BCVT",
            dt.date(2014, 12, 31),
            dt.date(2014, 12, 19),
        ),
        (
            "Triển khai Đề án số hóa truyền hình đúng lộ trình trên địa bàn tỉnh",
            "BCVT",
            dt.date(2015, 6, 30),
            dt.date(2015, 8, 14),
        ),
        (
            "Bồi dưỡng, nâng cao kiến thức chuyên môn, nghiệp vụ cho cán bộ, công chức, viên chức của Sở",
            "VP",
            dt.date(2015, 3, 31),
            dt.date(2015, 3, 27),
        ),
        (
            "Chuẩn bị thi hành Thông tư 09/2014/TT-BTTTT về trang thông tin điện tử tổng hợp và mạng xã hội",
            "TTBCXB",
            dt.date(2014, 11, 28),
            dt.date(2014, 11, 25),
        ),
        (
            "Rà soát và triển khai các biện pháp bảo đảm an toàn, an ninh thông tin cho các hệ thống của tỉnh",
            "CNTT",
            dt.date(2015, 12, 31),
            None,
        ),
    ]
    document = services.record_document(
        actor=SYSTEM,
        now=_at(issued),
        number="01/TB-BTTTT (minh họa)",
        issued_on=issued,
        issuer="Bộ Thông tin và Truyền thông",
        signer="Chánh Văn phòng Bộ (minh họa)",
        title="Kết luận của Thứ trưởng Nguyễn Thành Hưng tại buổi làm việc với Sở TT&TT Quảng Bình",
        session=session,
        items=[t[0] for t in tasks],
        files=_evidence("thong-bao-ket-luan-2014"),
    )
    items = list(document.items.all())
    for (title, unit, deadline, done), item in zip(tasks, items, strict=True):
        task = services.assign_task(
            actor=SYSTEM,
            now=_at(issued),
            source=document,
            item=item,
            title=title,
            lead=services.Lead(division=units[unit]),
            deadline=deadline,
            assigner="Thứ trưởng Nguyễn Thành Hưng",
            expected_output="Báo cáo kết quả thực hiện gửi Bộ",
        )
        progress_day = min(deadline, dt.date(2014, 11, 15))
        task = services.act(
            task=task,
            action="progress",
            actor=SYSTEM,
            now=_at(progress_day),
            on=progress_day,
            note="Đã xây dựng kế hoạch và phân công thực hiện.",
            percent=30,
        )
        if done is not None:
            task = services.act(
                task=task,
                action="complete",
                actor=SYSTEM,
                now=_at(done),
                on=done,
                note="Đã hoàn thành, có báo cáo kèm theo.",
                files=_evidence("bao-cao-hoan-thanh"),
            )
            services.act(task=task, action="confirm", actor=SYSTEM, now=_at(done + dt.timedelta(days=3)))


def load_2026(units: dict[str, Division], now: dt.datetime) -> None:
    from django.contrib.auth import get_user_model

    day = dt.date(2026, 11, 20)
    if now.date() < day + dt.timedelta(days=2):
        return  # the demo is loaded before the session took place
    communes = [c.current for c in demo_communes() if c.current is not None]
    communes.sort(key=lambda unit: (unit.code != "18880", unit.code))  # the demo commune officer's first
    officer = get_user_model().objects.filter(username="canboxa").first()
    session = services.record_session(
        actor=SYSTEM,
        now=_at(day),
        kind=WorkingSession.Kind.MEETING,
        title=SESSION_2026,
        held_on=day,
        place="Sở Khoa học và Công nghệ tỉnh Quảng Trị, phường Đồng Hới",
        chaired_by="Giám đốc Sở",
        hosts="Chủ tịch Ủy ban nhân dân các xã, phường",
        units_visited=", ".join(c.name for c in communes[:4]),
        agenda="Hoạt động của đài truyền thanh cơ sở và điểm Bưu điện - Văn hóa xã sau sắp xếp đơn vị hành chính.",
        outcome="Giao các xã, phường rà soát hạ tầng và báo cáo định kỳ.",
    )
    issued = day + dt.timedelta(days=2)
    document = services.record_document(
        actor=SYSTEM,
        now=_at(issued),
        number="15/TB-SKHCN (minh họa)",
        issued_on=issued,
        issuer="Sở Khoa học và Công nghệ tỉnh Quảng Trị",
        signer="Giám đốc Sở",
        title="Kết luận của Giám đốc Sở tại buổi làm việc với các xã, phường về hạ tầng thông tin cơ sở",
        session=session,
        items=[
            "Rà soát cụm loa của đài truyền thanh cơ sở",
            "Báo cáo hoạt động đài truyền thanh hằng quý",
            "Cập nhật dữ liệu điểm Bưu điện - Văn hóa xã",
        ],
    )
    first, second, third = list(document.items.all())
    services.assign_task(
        actor=SYSTEM,
        now=_at(issued),
        source=document,
        item=first,
        lead=services.Lead(commune=communes[0]),
        title="Rà soát, sửa chữa các cụm loa hỏng của đài truyền thanh",
        deadline=dt.date(2026, 11, 30),
        person_in_charge=officer,
        co_units="Phòng Bưu chính, Viễn thông",
        expected_output="Danh sách cụm loa đã sửa",
    )
    services.assign_task(
        actor=SYSTEM,
        now=_at(issued),
        source=document,
        item=second,
        lead=services.Lead(commune=communes[0]),
        title="Báo cáo tình hình hoạt động của đài truyền thanh cơ sở",
        deadline=dt.date(2026, 12, 31),
        recurrence="quarterly",
        repeat_until=dt.date(2027, 12, 31),
        person_in_charge=officer,
        expected_output="Báo cáo quý",
    )
    for commune in communes[:6]:
        services.assign_task(
            actor=SYSTEM,
            now=_at(issued),
            source=document,
            item=third,
            lead=services.Lead(commune=commune),
            title="Cập nhật dữ liệu điểm Bưu điện - Văn hóa xã vào cơ sở dữ liệu",
            deadline=dt.date(2027, 1, 29),
            person_in_charge=officer if commune.code == "18880" else None,
            evidence_required=False,
        )


def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    units = divisions()
    if not WorkingSession.objects.filter(title=VISIT_TITLE).exists():
        load_2014(units)
    if not WorkingSession.objects.filter(title=SESSION_2026).exists():
        load_2026(units, now)
    progress(f"  directives: {WorkingSession.objects.count()} working sessions")
