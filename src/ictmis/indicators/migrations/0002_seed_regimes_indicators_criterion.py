"""Indicators, reporting regimes and the versions of new-rural criterion 8, as data (DOMAIN.md, "Reports" and
"New-rural criterion 8"). What no source confirmed is flagged `unconfirmed`: a specialist edits it."""

import datetime as dt

from django.db import migrations

D = dt.date
GOV, MIC, MOJ, PM = "Chính phủ", "Bộ Thông tin và Truyền thông", "Bộ Tư pháp", "Thủ tướng Chính phủ"

# number, type, issuer, title, issued, effective from, unconfirmed
DOCUMENTS = [
    ("09/2019/NĐ-CP", "decree", GOV, "Quy định về chế độ báo cáo của cơ quan hành chính nhà nước",
     D(2019, 1, 24), D(2019, 3, 12), False),
    ("02/2023/TT-BTTTT", "circular", MIC, "Quy định chế độ báo cáo định kỳ của ngành Thông tin và Truyền thông",
     None, D(2023, 6, 1), False),
    ("04/2022/TT-BTTTT", "circular", MIC, "Quy định chế độ báo cáo thống kê ngành Thông tin và Truyền thông",
     None, D(2022, 8, 15), False),
    ("03/2022/TT-BTTTT", "circular", MIC, "Ban hành Hệ thống chỉ tiêu thống kê ngành Thông tin và Truyền thông",
     None, None, False),
    ("01/2023/TT-BTP", "circular", MOJ, "Quy định chế độ báo cáo về công tác xử lý vi phạm hành chính",
     None, None, False),
    ("318/QĐ-TTg", "decision", PM, "Ban hành Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021 - 2025",
     D(2022, 3, 8), D(2022, 3, 8), False),
    ("441/QĐ-BTTTT", "decision", MIC, "Hướng dẫn thực hiện tiêu chí số 8 về Thông tin và Truyền thông thuộc Bộ "
     "tiêu chí quốc gia về xã nông thôn mới giai đoạn 2016 - 2020", D(2017, 3, 28), D(2017, 3, 28), False),
    ("51/2025/QĐ-TTg", "decision", PM, "Ban hành Bộ tiêu chí quốc gia về xã nông thôn mới các cấp giai đoạn "
     "2026 - 2030", D(2025, 12, 29), None, False),
]  # fmt: skip

S, L, R = "sum", "last", "ratio"
# code, name, unit, definition, aggregation, derivation, breakdowns, basis, article, ratio terms, unconfirmed
INDICATORS = [
    ("BD01", "Số điểm Bưu điện - Văn hóa xã đang hoạt động", "điểm",
     "Điểm BĐVHX có trạng thái đang hoạt động tại ngày chốt số liệu.", L, "postal.points", [],
     "03/2022/TT-BTTTT", "", None, True),
    ("BD02", "Số điểm Bưu điện - Văn hóa xã có Internet công cộng", "điểm",
     "Điểm BĐVHX đang hoạt động có cung cấp dịch vụ Internet công cộng.", L, "postal.points_internet", [],
     "03/2022/TT-BTTTT", "", None, True),
    ("VT01", "Số trạm thu phát sóng di động (BTS) đang hoạt động", "trạm",
     "Trạm BTS đã đưa vào sử dụng, đang hoạt động tại ngày chốt số liệu; chia theo doanh nghiệp và công nghệ.",
     S, "telecom.bts", ["operator", "technology"], "03/2022/TT-BTTTT", "", None, True),
    ("VT02", "Số xã có sóng di động băng rộng (3G/4G/5G)", "xã",
     "Xã có ít nhất một trạm BTS đang hoạt động phát sóng 3G, 4G hoặc 5G.", L, "telecom.broadband_communes", [],
     "", "", None, True),
    ("TT01", "Số xã có đài truyền thanh cấp xã hoạt động", "xã",
     "Xã có đài truyền thanh không ở tình trạng ngừng hoạt động.", L, "broadcasting.communes", [],
     "", "", None, True),
    ("TT02", "Số cụm loa đang hoạt động", "cụm", "Do xã báo cáo.", L, "", [], "", "", None, True),
    ("TT03", "Số thôn, bản, tổ dân phố có loa truyền thanh", "thôn", "Do xã báo cáo.", L, "", [], "", "", None, True),
    ("TT04", "Tổng số thôn, bản, tổ dân phố", "thôn", "Do xã báo cáo.", L, "", [], "", "", None, True),
    ("TT05", "Tỷ lệ thôn, bản, tổ dân phố có loa truyền thanh", "%",
     "TT03 / TT04 × 100, tính lại ở mỗi cấp.", R, "", [], "", "", ("TT03", "TT04"), True),
    ("CT01", "Số hộ được hỗ trợ từ các chương trình", "hộ",
     "Hộ gia đình đã nhận hỗ trợ (đầu thu, điện thoại thông minh…) đến ngày chốt số liệu.", S,
     "programmes.households", [], "", "", None, True),
    ("CN01", "Số máy tính tại trụ sở UBND xã", "máy", "Do xã báo cáo.", L, "", [], "", "", None, True),
    ("CN02", "Số cán bộ, công chức cấp xã", "người", "Do xã báo cáo.", L, "", [], "", "", None, True),
    ("CN03", "Số cán bộ, công chức cấp xã được trang bị máy tính", "người", "Do xã báo cáo.", L, "", [], "", "",
     None, True),
    ("CN04", "Tỷ lệ cán bộ, công chức cấp xã được trang bị máy tính", "%", "CN03 / CN02 × 100, tính lại ở mỗi cấp.",
     R, "", [], "", "", ("CN03", "CN02"), True),
    ("GP01", "Số giấy phép đã cấp trong kỳ", "giấy phép", "Giấy phép có hiệu lực từ một ngày trong kỳ.", S,
     "licensing.licences", [], "04/2022/TT-BTTTT", "", None, True),
    ("HS01", "Số hồ sơ thủ tục hành chính đã giải quyết trong kỳ", "hồ sơ", "Hồ sơ đã trả kết quả trong kỳ.", S,
     "licensing.cases", [], "", "", None, True),
    ("HS02", "Số hồ sơ giải quyết đúng hạn", "hồ sơ", "Hồ sơ trả kết quả không muộn hơn ngày hẹn.", S,
     "licensing.cases_on_time", [], "", "", None, True),
    ("HS03", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", "HS02 / HS01 × 100.", R, "", [], "", "", ("HS02", "HS01"), True),
    ("XP01", "Số vụ vi phạm hành chính bị xử phạt", "vụ", "", L, "", [], "01/2023/TT-BTP", "", None, True),
    ("XP02", "Số quyết định xử phạt vi phạm hành chính", "quyết định", "", L, "", [], "01/2023/TT-BTP", "", None,
     True),
    ("XP03", "Tổng số tiền phạt", "đồng", "", S, "", [], "01/2023/TT-BTP", "", None, True),
]  # fmt: skip

COMMUNE_ROWS = ["BD01", "BD02", "VT01", "TT01", "TT02", "TT03", "TT04", "TT05", "CT01", "CN01", "CN02", "CN03",
                "CN04"]  # fmt: skip
COMMUNE_RULES = [
    ("not_above", "BD02", "BD01", None, None, "error",
     "Số điểm BĐVHX có Internet không được lớn hơn tổng số điểm BĐVHX."),
    ("not_above", "TT03", "TT04", None, None, "error",
     "Số thôn có loa truyền thanh không được lớn hơn tổng số thôn."),
    ("between", "TT05", "", 0, 100, "error", "Tỷ lệ thôn có loa truyền thanh phải nằm trong khoảng 0–100 %."),
    ("not_above", "CN03", "CN02", None, None, "error",
     "Số cán bộ được trang bị máy tính không được lớn hơn tổng số cán bộ, công chức."),
    ("between", "CN04", "", 0, 100, "error", "Tỷ lệ cán bộ có máy tính phải nằm trong khoảng 0–100 %."),
    ("between", "CN01", "", 0, 100, "warning", "Số máy tính của UBND xã lớn bất thường: đề nghị kiểm tra lại."),
]  # fmt: skip

# code, name, basis, article, period, cut-off, deadlines, levels, recipient, title, valid from, unconfirmed, rows, rules
REGIMES = [
    ("XA-NAM", "Báo cáo năm về hạ tầng thông tin và truyền thông cấp xã", "09/2019/NĐ-CP", "Điều 12",
     "year", "decree_09_2019", {"commune": {"days": 3, "working": True}, "province": {"days": 6, "working": True}},
     ["commune", "province"], "Sở Thông tin và Truyền thông",
     "BÁO CÁO HẠ TẦNG THÔNG TIN VÀ TRUYỀN THÔNG CẤP XÃ", None, True, COMMUNE_ROWS, COMMUNE_RULES),
    ("TT02-THANG", "Báo cáo định kỳ hằng tháng (Thông tư 02/2023/TT-BTTTT)", "02/2023/TT-BTTTT", "",
     "month", "decree_09_2019", {"commune": {"days": 1, "working": True}, "province": {"days": 1, "working": False}},
     ["commune", "province"], "Bộ Thông tin và Truyền thông", "BÁO CÁO ĐỊNH KỲ THÁNG", D(2023, 6, 1), True,
     ["BD01", "BD02", "VT01", "TT01", "TT03", "TT04", "TT05"], COMMUNE_RULES[:3]),
    ("TT04-NAM", "Báo cáo thống kê ngành Thông tin và Truyền thông (năm)", "04/2022/TT-BTTTT", "",
     "year", "calendar", {"province": {"days": 15, "working": False}}, ["province"],
     "Bộ Thông tin và Truyền thông", "BÁO CÁO THỐNG KÊ NGÀNH THÔNG TIN VÀ TRUYỀN THÔNG", D(2022, 8, 15), True,
     ["BD01", "BD02", "VT01", "VT02", "TT01", "GP01", "HS01", "HS02", "HS03"],
     [("not_above", "HS02", "HS01", None, None, "error", "Số hồ sơ đúng hạn không được lớn hơn số hồ sơ đã giải quyết."),
      ("between", "HS03", "", 0, 100, "error", "Tỷ lệ hồ sơ đúng hạn phải nằm trong khoảng 0–100 %.")]),
    ("BTP-XLVP-NAM", "Báo cáo công tác xử lý vi phạm hành chính (năm)", "01/2023/TT-BTP", "",
     "year", "decree_09_2019", {"province": {"days": 7, "working": False}}, ["province"], "Bộ Tư pháp",
     "BÁO CÁO CÔNG TÁC THI HÀNH PHÁP LUẬT VỀ XỬ LÝ VI PHẠM HÀNH CHÍNH", None, False, ["XP01", "XP02", "XP03"],
     [("not_above", "XP02", "XP01", None, None, "warning",
       "Số quyết định xử phạt nhiều hơn số vụ vi phạm: đề nghị giải trình.")]),
]  # fmt: skip

# code, name, first, last, basis, article, unconfirmed, sub-criteria (code, name, test, threshold, text, unconfirmed)
SUBS_2016 = [
    ("8.1", "Xã có điểm phục vụ bưu chính", "postal_point", {"min_points": 1}, "Có ít nhất 1 điểm phục vụ bưu chính",
     False),
    ("8.2", "Xã có dịch vụ viễn thông, Internet", "broadband", {"technologies": ["3G", "4G", "5G"]},
     "Có sóng di động băng rộng", True),
    ("8.3", "Xã có đài truyền thanh và hệ thống loa đến các thôn", "radio", {"villages_share": 1.0},
     "Đài hoạt động, loa đến 100 % thôn", True),
    ("8.4", "Xã có ứng dụng công nghệ thông tin trong công tác quản lý, điều hành", "", {},
     "Do chuyên viên đánh giá có căn cứ", True),
]  # fmt: skip
SUBS_2021 = [
    SUBS_2016[0],
    ("8.2", "Xã có dịch vụ viễn thông, Internet", "broadband", {"technologies": ["3G", "4G", "5G"]},
     "Mọi thôn dùng được ít nhất một loại điện thoại và một loại băng rộng; thuê bao điện thoại thông minh ≥ 55 % "
     "(≥ 45 % ở huyện đảo). Sổ đăng ký chỉ xét được sóng băng rộng di động.", False),
    SUBS_2016[2],
    ("8.4", "Xã có ứng dụng công nghệ thông tin trong công tác quản lý, điều hành", "", {},
     "Do chuyên viên đánh giá có căn cứ", True),
]  # fmt: skip
VERSIONS = [
    ("2016-2020", "Tiêu chí số 8 Thông tin và Truyền thông (2016–2020)", 2016, 2020, "441/QĐ-BTTTT", "", False,
     SUBS_2016),
    ("2021-2025", "Tiêu chí số 8 Thông tin và Truyền thông (2021–2025)", 2021, 2025, "318/QĐ-TTg", "", False,
     SUBS_2021),
    ("2026-2030", "Tiêu chí Thông tin và Truyền thông (2026–2030, chưa xác nhận)", 2026, 2030, "51/2025/QĐ-TTg", "",
     True, SUBS_2021),
]  # fmt: skip


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("legal", "LegalDocument")
    Indicator = apps.get_model("indicators", "Indicator")
    Regime = apps.get_model("indicators", "Regime")
    RegimeRow = apps.get_model("indicators", "RegimeRow")
    ValidationRule = apps.get_model("indicators", "ValidationRule")
    CriterionVersion = apps.get_model("indicators", "CriterionVersion")
    SubCriterion = apps.get_model("indicators", "SubCriterion")
    docs = {}
    for number, kind, issuer, title, issued, effective, unconfirmed in DOCUMENTS:
        docs[number], _ = LegalDocument.objects.get_or_create(
            number=number,
            defaults={"doc_type": kind, "issuer": issuer, "title": title, "issued_on": issued,
                      "effective_from": effective, "unconfirmed": unconfirmed},
        )  # fmt: skip
    indicators = {}
    for code, name, unit, definition, aggregation, derivation, breakdowns, basis, article, terms, unconf in INDICATORS:
        indicators[code] = Indicator.objects.create(
            code=code, name=name, unit_of_measure=unit, definition=definition, aggregation=aggregation,
            derivation=derivation, breakdowns=breakdowns, legal_basis=docs.get(basis), article=article,
            numerator=indicators[terms[0]] if terms else None, denominator=indicators[terms[1]] if terms else None,
            unconfirmed=unconf,
        )  # fmt: skip
    for (code, name, basis, article, period, cutoff, deadlines, levels, recipient, title, valid_from, unconfirmed,
         rows, rules) in REGIMES:  # fmt: skip
        regime = Regime.objects.create(
            code=code, name=name, legal_basis=docs.get(basis), article=article, period_kind=period,
            cutoff_rule=cutoff, deadlines=deadlines, reporting_levels=levels, recipient=recipient, form_title=title,
            valid_from=valid_from, unconfirmed=unconfirmed,
        )  # fmt: skip
        for order, indicator_code in enumerate(rows, start=1):
            RegimeRow.objects.create(regime=regime, indicator=indicators[indicator_code], row_number=str(order),
                                     order=order)  # fmt: skip
        for kind, left, right, minimum, maximum, severity, message in rules:
            ValidationRule.objects.create(regime=regime, kind=kind, left=left, right=right, minimum=minimum,
                                          maximum=maximum, severity=severity, message=message)  # fmt: skip
    for code, name, first, last, basis, article, unconfirmed, subs in VERSIONS:
        version = CriterionVersion.objects.create(code=code, name=name, first_year=first, last_year=last,
                                                  legal_basis=docs.get(basis), article=article,
                                                  unconfirmed=unconfirmed)  # fmt: skip
        for sub_code, sub_name, test, threshold, text, sub_unconfirmed in subs:
            SubCriterion.objects.create(version=version, code=sub_code, name=sub_name, test=test, threshold=threshold,
                                        threshold_text=text, unconfirmed=sub_unconfirmed or unconfirmed)  # fmt: skip


def unseed(apps, schema_editor):
    for model in ("SubCriterion", "CriterionVersion", "ValidationRule", "RegimeRow", "Regime"):
        apps.get_model("indicators", model).objects.all().delete()
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(aggregation="ratio").delete()
    Indicator.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_indicators_regimes_reports_criterion"),
        ("legal", "0004_press_documents"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
