"""The sanction law as data, from the "Sanctions" facts of the project's domain notes: the decrees, the example
provisions, the signing limits by title and period, the time rules, and the document kinds of the forms of
Decree 118/2021. Rows the notes mark D (derived) or U (unconfirmed) are seeded `unconfirmed`."""

import datetime as dt

from django.db import migrations

D = dt.date
LAW_DAY = D(2026, 7, 1)  # Decree 174/2026 in force
TECH = ["telecom", "frequencies", "it", "infosec", "online"]
POSTAL = ["postal", "e_transactions"]

# number, type, issuer, title, issued, effective from, effective to
DOCUMENTS = [
    ("15/2012/QH13", "law", "Quốc hội", "Luật Xử lý vi phạm hành chính", None, D(2013, 7, 1), None),
    ("67/2020/QH14", "law", "Quốc hội", "Luật sửa đổi, bổ sung một số điều của Luật Xử lý vi phạm hành chính",
     None, D(2022, 1, 1), None),
    ("88/2025/QH15", "law", "Quốc hội", "Luật sửa đổi, bổ sung một số điều của Luật Xử lý vi phạm hành chính",
     None, D(2025, 7, 1), None),
    ("84/2025/QH15", "law", "Quốc hội", "Luật Thanh tra", None, D(2025, 7, 1), None),
    ("174/2013/NĐ-CP", "decree", "Chính phủ", "Quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, "
     "viễn thông, công nghệ thông tin và tần số vô tuyến điện", None, D(2014, 1, 15), D(2020, 4, 15)),
    ("15/2020/NĐ-CP", "decree", "Chính phủ", "Quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, "
     "viễn thông, tần số vô tuyến điện, công nghệ thông tin và giao dịch điện tử", None, D(2020, 4, 15), None),
    ("14/2022/NĐ-CP", "decree", "Chính phủ", "Sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP",
     None, D(2022, 1, 27), None),
    ("211/2025/NĐ-CP", "decree", "Chính phủ", "Sửa đổi, bổ sung Nghị định số 15/2020/NĐ-CP (bổ sung Điều 93a)",
     None, D(2025, 9, 9), None),
    ("174/2026/NĐ-CP", "decree", "Chính phủ", "Quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, "
     "viễn thông, tần số vô tuyến điện, công nghệ thông tin và giao dịch điện tử", D(2026, 5, 15), LAW_DAY, None),
    ("118/2021/NĐ-CP", "decree", "Chính phủ", "Quy định chi tiết một số điều và biện pháp thi hành Luật Xử lý "
     "vi phạm hành chính", None, D(2022, 1, 1), None),
    ("189/2025/NĐ-CP", "decree", "Chính phủ", "Quy định chi tiết Luật Xử lý vi phạm hành chính về thẩm quyền "
     "xử phạt vi phạm hành chính", None, D(2025, 7, 1), None),
    ("190/2025/NĐ-CP", "decree", "Chính phủ", "Thẩm quyền xử phạt của đoàn kiểm tra chuyên ngành", None,
     D(2025, 7, 1), None),
    ("217/2025/NĐ-CP", "decree", "Chính phủ", "Hoạt động kiểm tra chuyên ngành", None, D(2025, 7, 1), None),
    ("18/2023/TT-BTC", "circular", "Bộ Tài chính", "Quy định về thu, nộp tiền phạt vi phạm hành chính", None,
     None, None),
]  # fmt: skip
# these documents' dates were not in the sources for the project: shown to staff as unconfirmed
UNCONFIRMED_DOCUMENTS = {"190/2025/NĐ-CP", "217/2025/NĐ-CP", "211/2025/NĐ-CP"}
AMENDS = {"67/2020/QH14": ["15/2012/QH13"], "88/2025/QH15": ["15/2012/QH13"], "14/2022/NĐ-CP": ["15/2020/NĐ-CP"],
          "211/2025/NĐ-CP": ["15/2020/NĐ-CP"]}  # fmt: skip
REPLACES = {"15/2020/NĐ-CP": ["174/2013/NĐ-CP"]}

# act code, act, sector, decree, article, min, max, from, to, unconfirmed
A15 = (D(2020, 4, 15), LAW_DAY)
A174 = (LAW_DAY, None)
PROVISIONS = [
    ("postal-notice-late", "Thông báo hoạt động bưu chính không đúng thời hạn hoặc không đúng nội dung", "postal",
     "15/2020/NĐ-CP", "Điều 6", 3_000_000, 5_000_000, *A15, False),
    ("postal-change-not-notified", "Không thông báo khi thay đổi nội dung đã thông báo hoạt động bưu chính",
     "postal", "15/2020/NĐ-CP", "Điều 6", 5_000_000, 7_000_000, *A15, False),
    ("internet-point-hours", "Điểm truy nhập Internet công cộng hoạt động không đúng giờ quy định", "telecom",
     "15/2020/NĐ-CP", "Điều 35", 5_000_000, 10_000_000, *A15, False),
    ("passive-infra-not-per-plan", "Không xây dựng hạ tầng kỹ thuật viễn thông thụ động theo quy hoạch được duyệt",
     "telecom", "15/2020/NĐ-CP", "khoản 2 Điều 39", 20_000_000, 30_000_000, *A15, False),
    ("telecom-works-plan", "Công trình viễn thông không phù hợp quy hoạch hạ tầng kỹ thuật viễn thông thụ động "
     "hoặc xây dựng không thông báo cho Sở", "telecom", "15/2020/NĐ-CP", "Điều 41", 5_000_000, 70_000_000, *A15,
     False),
    ("website-owner-data", "Trang chủ trang thông tin điện tử thiếu thông tin về chủ sở hữu hoặc liên hệ", "online",
     "15/2020/NĐ-CP", "Điều 99", 5_000_000, 10_000_000, *A15, False),
    ("postal-notice-late", "Thông báo hoạt động bưu chính không đúng thời hạn hoặc không đúng nội dung", "postal",
     "174/2026/NĐ-CP", "khoản 1 Điều 8", 3_000_000, 5_000_000, *A174, False),
    ("postal-change-not-notified", "Không thông báo khi thay đổi nội dung đã thông báo hoạt động bưu chính",
     "postal", "174/2026/NĐ-CP", "khoản 2 Điều 8", 5_000_000, 7_000_000, *A174, False),
    ("postal-without-licence", "Cung ứng dịch vụ bưu chính không có giấy phép", "postal", "174/2026/NĐ-CP",
     "khoản 4 Điều 7", 20_000_000, 30_000_000, *A174, False),
    ("internet-point-hours", "Điểm truy nhập Internet công cộng hoạt động không đúng giờ quy định", "telecom",
     "174/2026/NĐ-CP", "Điều 36", 5_000_000, 10_000_000, *A174, False),
    ("telecom-works-plan", "Công trình viễn thông không phù hợp quy hoạch hạ tầng kỹ thuật viễn thông thụ động "
     "hoặc xây dựng không thông báo cho Sở", "telecom", "174/2026/NĐ-CP", "khoản 1 Điều 41", 20_000_000,
     30_000_000, *A174, False),
    ("website-owner-data", "Trang chủ trang thông tin điện tử thiếu thông tin về chủ sở hữu hoặc liên hệ", "online",
     "174/2026/NĐ-CP", "khoản 1 Điều 93", 10_000_000, 20_000_000, *A174, False),
    ("social-network-unlicensed", "Thiết lập mạng xã hội không có giấy phép hoặc không thông báo", "online",
     "174/2026/NĐ-CP", "khoản 2 Điều 92", 50_000_000, 70_000_000, *A174, False),
]  # fmt: skip

# title, sectors, max (organisation), from, to, decree, article, unconfirmed, may suspend, note
AUTHORITIES = [
    ("inspector_on_duty", TECH, 1_000_000, D(2014, 1, 15), D(2020, 4, 15), "174/2013/NĐ-CP", "", False, False, ""),
    ("inspector_on_duty", POSTAL, 800_000, D(2014, 1, 15), D(2020, 4, 15), "174/2013/NĐ-CP", "", False, False, ""),
    ("chief_inspector", TECH, 100_000_000, D(2014, 1, 15), D(2020, 4, 15), "174/2013/NĐ-CP", "", False, True, ""),
    ("chief_inspector", POSTAL, 40_000_000, D(2014, 1, 15), D(2020, 4, 15), "174/2013/NĐ-CP", "", False, True, ""),
    ("team_head", TECH, 100_000_000, D(2014, 1, 15), D(2020, 4, 15), "174/2013/NĐ-CP", "", False, True, ""),
    ("team_head", POSTAL, 40_000_000, D(2014, 1, 15), D(2020, 4, 15), "174/2013/NĐ-CP", "", False, True, ""),
    ("commune_pc", TECH, 10_000_000, D(2020, 4, 15), D(2025, 7, 1), "15/2020/NĐ-CP", "", True, False,
     "5 m / 4 m stated, read as individual amounts (derived)"),
    ("commune_pc", POSTAL, 8_000_000, D(2020, 4, 15), D(2025, 7, 1), "15/2020/NĐ-CP", "", True, False,
     "5 m / 4 m stated, read as individual amounts (derived)"),
    ("district_pc", TECH, 100_000_000, D(2022, 1, 27), D(2025, 7, 1), "14/2022/NĐ-CP", "", False, True, ""),
    ("district_pc", POSTAL, 40_000_000, D(2022, 1, 27), D(2025, 7, 1), "14/2022/NĐ-CP", "", False, True, ""),
    ("provincial_pc", TECH, 200_000_000, D(2022, 1, 27), LAW_DAY, "14/2022/NĐ-CP", "", False, True, ""),
    ("provincial_pc", POSTAL, 80_000_000, D(2022, 1, 27), LAW_DAY, "14/2022/NĐ-CP", "", False, True, ""),
    ("chief_inspector", TECH, 100_000_000, D(2020, 4, 15), D(2025, 7, 1), "15/2012/QH13", "", True, True,
     "derived from the 50 % rule of the Law on Handling Administrative Violations"),
    ("chief_inspector", POSTAL, 40_000_000, D(2020, 4, 15), D(2025, 7, 1), "15/2012/QH13", "", True, True,
     "derived from the 50 % rule of the Law on Handling Administrative Violations"),
    ("commune_pc", TECH, 100_000_000, D(2025, 7, 1), LAW_DAY, "88/2025/QH15", "Điều 3", False, True,
     "transition: the commune chairman holds the district chairman's powers"),
    ("commune_pc", POSTAL, 40_000_000, D(2025, 7, 1), LAW_DAY, "88/2025/QH15", "Điều 3", False, True,
     "transition: the commune chairman holds the district chairman's powers"),
    ("director", TECH, 160_000_000, D(2025, 7, 1), LAW_DAY, "189/2025/NĐ-CP", "Điều 5", True, True,
     "80 % of the sector maximum; that it applied to ICT before Decree 174/2026 is unconfirmed"),
    ("director", POSTAL, 64_000_000, D(2025, 7, 1), LAW_DAY, "189/2025/NĐ-CP", "Điều 5", True, True,
     "80 % of the sector maximum; that it applied to ICT before Decree 174/2026 is unconfirmed"),
    ("director", ["telecom", "frequencies", "it", "infosec"], 160_000_000, LAW_DAY, None, "174/2026/NĐ-CP",
     "khoản 3 Điều 104, Điều 113", False, True, "Director of the Department of Science and Technology"),
    ("director", POSTAL, 64_000_000, LAW_DAY, None, "174/2026/NĐ-CP", "khoản 3 Điều 104, Điều 113", False, True,
     "Director of the Department of Science and Technology"),
    ("culture_director", ["online"], 160_000_000, LAW_DAY, None, "174/2026/NĐ-CP", "Chương VI mục 2", False, True,
     "websites, social networks, online information, games"),
    ("commune_pc", TECH, 100_000_000, LAW_DAY, None, "174/2026/NĐ-CP", "khoản 1 Điều 106", False, True, ""),
    ("commune_pc", POSTAL, 40_000_000, LAW_DAY, None, "174/2026/NĐ-CP", "khoản 1 Điều 106", False, True, ""),
    ("provincial_pc", TECH, 200_000_000, LAW_DAY, None, "174/2026/NĐ-CP", "khoản 2 Điều 106", False, True, ""),
    ("provincial_pc", POSTAL, 80_000_000, LAW_DAY, None, "174/2026/NĐ-CP", "khoản 2 Điều 106", False, True, ""),
]  # fmt: skip

# key, value, decree, article, from, to, unconfirmed
RULES = [
    ("limitation", 1, "15/2012/QH13", "điểm a khoản 1 Điều 6", D(2013, 7, 1), None, False),
    ("limitation_long", 2, "15/2020/NĐ-CP", "Điều 9(1)(a,c), 46(1)(b), 51(2)(a,b),(3), 64(2-3), 67(1), "
     "68-70(2-3), 76(1)(b)", D(2020, 4, 15), LAW_DAY, False),
    ("limitation_long", 2, "174/2026/NĐ-CP", "Điều 11(1)(a,c), 47(1)(b), 53(2)(a,b),(3), 72(2-3), 75(1), "
     "103(4),(5)(a),(6),(7)", LAW_DAY, None, False),
    ("decision_ordinary", 7, "67/2020/QH14", "khoản 1 Điều 66 Luật Xử lý vi phạm hành chính", D(2022, 1, 1), None,
     False),
    ("decision_transferred", 10, "67/2020/QH14", "khoản 1 Điều 66 Luật Xử lý vi phạm hành chính", D(2022, 1, 1),
     None, False),
    ("decision_explained", 1, "67/2020/QH14", "khoản 1 Điều 66 Luật Xử lý vi phạm hành chính", D(2022, 1, 1), None,
     False),
    ("decision_complex", 2, "67/2020/QH14", "khoản 1 Điều 66 Luật Xử lý vi phạm hành chính", D(2022, 1, 1), None,
     False),
    ("send", 2, "15/2012/QH13", "Điều 70", D(2013, 7, 1), None, False),
    ("payment", 10, "15/2012/QH13", "khoản 1 Điều 73", D(2013, 7, 1), None, False),
    ("no_receipt", 12, "18/2023/TT-BTC", "Điều 5", D(2013, 7, 1), None, False),
    ("surcharge", 5, "18/2023/TT-BTC", "Điều 5", D(2013, 7, 1), None, False),
    ("instalments", 3, "15/2012/QH13", "Điều 79", D(2013, 7, 1), None, False),
    ("instalment_months", 6, "15/2012/QH13", "Điều 79", D(2013, 7, 1), None, False),
    ("first_instalment", 40, "15/2012/QH13", "Điều 79", D(2013, 7, 1), None, False),
    ("spot_individual", 250_000, "15/2012/QH13", "Điều 56", D(2013, 7, 1), D(2025, 7, 1), False),
    ("spot_organisation", 500_000, "15/2012/QH13", "Điều 56", D(2013, 7, 1), D(2025, 7, 1), False),
    ("spot_individual", 500_000, "88/2025/QH15", "Điều 56", D(2025, 7, 1), None, False),
    ("spot_organisation", 1_000_000, "88/2025/QH15", "Điều 56", D(2025, 7, 1), None, False),
    ("individual_half", 50, "174/2013/NĐ-CP", "Điều 2", D(2014, 1, 15), D(2020, 4, 15), False),
    ("individual_half", 50, "15/2020/NĐ-CP", "khoản 3, 4 Điều 4", D(2020, 4, 15), LAW_DAY, False),
    ("individual_half", 50, "174/2026/NĐ-CP", "khoản 3, 4 Điều 4", LAW_DAY, None, False),
    ("transfer", 0, "15/2012/QH13", "Điều 52", D(2013, 7, 1), None, False),
    ("decree_choice", 0, "174/2026/NĐ-CP", "Điều 115", D(2013, 7, 1), None, False),
    ("more_lenient", 0, "15/2012/QH13", "", D(2013, 7, 1), None, True),
]  # fmt: skip
# before 2022 the law had no "file transferred" or two-month variants: keep the older limit as its own row
OLD_RULES = [("decision_ordinary", 7, "15/2012/QH13", "Điều 66", D(2013, 7, 1), D(2022, 1, 1), False),
             ("decision_explained", 1, "15/2012/QH13", "Điều 66", D(2013, 7, 1), D(2022, 1, 1), False)]  # fmt: skip

KINDS = [
    ("violation_record", "Biên bản vi phạm hành chính (MBB01)", "BB-VPHC"),
    ("sanction_decision", "Quyết định xử phạt vi phạm hành chính (MQĐ02)", "QĐ-XPHC"),
    ("inspection_decision", "Quyết định kiểm tra, thanh tra", "QĐ-{agency}"),
]


def seed(apps, schema_editor):
    from ictmis.core.text import normalise

    LegalDocument = apps.get_model("legal", "LegalDocument")
    docs = {}
    for number, kind, issuer, title, issued, start, end in DOCUMENTS:
        docs[number], _created = LegalDocument.objects.get_or_create(
            number=number,
            defaults={"doc_type": kind, "issuer": issuer, "title": title, "issued_on": issued, "effective_from": start,
                      "effective_to": end, "unconfirmed": number in UNCONFIRMED_DOCUMENTS,
                      "search_text": normalise(f"{number} {title} {issuer}")},
        )  # fmt: skip
    for number, targets in AMENDS.items():
        docs[number].amends.add(*[docs[t] for t in targets])
    for number, targets in REPLACES.items():
        docs[number].replaces.add(*[docs[t] for t in targets])
    Provision = apps.get_model("enforcement", "SanctionProvision")
    for code, act, sector, decree, article, low, high, start, end, unconfirmed in PROVISIONS:
        Provision.objects.create(
            act_code=code, act=act, sector=sector, legal_basis=docs[decree], article=article, min_fine=low,
            max_fine=high, valid_from=start, valid_to=end, unconfirmed=unconfirmed,
            search_text=normalise(f"{act} {article}"),
        )  # fmt: skip
    Authority = apps.get_model("enforcement", "SanctioningAuthority")
    for title, sectors, high, start, end, decree, article, unconfirmed, suspend, note in AUTHORITIES:
        Authority.objects.create(
            title=title, sectors=sectors, max_fine=high, valid_from=start, valid_to=end, legal_basis=docs[decree],
            article=article, unconfirmed=unconfirmed, may_suspend_licence=suspend, note=note,
        )  # fmt: skip
    TimeRule = apps.get_model("enforcement", "TimeRule")
    for key, value, decree, article, start, end, unconfirmed in [*RULES, *OLD_RULES]:
        TimeRule.objects.create(
            key=key, value=value, legal_basis=docs[decree], article=article, valid_from=start, valid_to=end,
            unconfirmed=unconfirmed,
        )  # fmt: skip
    DocumentKind = apps.get_model("documents", "DocumentKind")
    for code, name, symbol in KINDS:
        DocumentKind.objects.update_or_create(code=code, defaults={"name": name, "symbol": symbol, "numbered": True})


def unseed(apps, schema_editor):
    for model in ("TimeRule", "SanctioningAuthority", "SanctionProvision"):
        apps.get_model("enforcement", model).objects.all().delete()
    apps.get_model("documents", "DocumentKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0001_sanctions_inspections"),
        ("legal", "0004_press_documents"),
        ("documents", "0004_seed_issuing_bodies"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
