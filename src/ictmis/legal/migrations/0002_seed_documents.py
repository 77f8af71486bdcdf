"""The legal documents DOMAIN.md names. Dates no official source confirmed are flagged `unconfirmed`."""

import datetime as dt

from django.db import migrations

D = dt.date
# number, type, issuer, title, issued, effective from, effective to, unconfirmed, replaces, amends
DOCUMENTS = [
    ("45/2019/QH14", "law", "Quốc hội", "Bộ luật Lao động", D(2019, 11, 20), D(2021, 1, 1), None, False, [], []),
    ("72/2013/NĐ-CP", "decree", "Chính phủ", "Quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng",
     D(2013, 7, 15), D(2013, 9, 1), D(2024, 12, 25), False, [], []),
    ("14/2010/TT-BTTTT", "circular", "Bộ Thông tin và Truyền thông",
     "Quy định chi tiết một số điều của Quyết định số 63/2007/QĐ-TTg về quản lý trang thông tin điện tử",
     None, None, D(2014, 10, 3), True, [], []),
    ("09/2014/TT-BTTTT", "circular", "Bộ Thông tin và Truyền thông",
     "Quy định chi tiết về hoạt động quản lý, cung cấp, sử dụng thông tin trên trang thông tin điện tử và mạng xã hội",
     D(2014, 8, 19), D(2014, 10, 3), None, False, ["14/2010/TT-BTTTT"], []),
    ("27/2018/NĐ-CP", "decree", "Chính phủ", "Sửa đổi, bổ sung Nghị định số 72/2013/NĐ-CP",
     D(2018, 3, 1), D(2018, 4, 15), D(2024, 12, 25), True, [], ["72/2013/NĐ-CP"]),
    ("147/2024/NĐ-CP", "decree", "Chính phủ", "Quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng",
     D(2024, 11, 9), D(2024, 12, 25), None, False, ["72/2013/NĐ-CP", "27/2018/NĐ-CP"], []),
    ("61/2018/NĐ-CP", "decree", "Chính phủ",
     "Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính", D(2018, 4, 23), None, None,
     True, [], []),
    ("107/2021/NĐ-CP", "decree", "Chính phủ", "Sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP", None,
     None, None, True, [], ["61/2018/NĐ-CP"]),
    ("01/2018/TT-VPCP", "circular", "Văn phòng Chính phủ", "Hướng dẫn thi hành Nghị định số 61/2018/NĐ-CP", None, None,
     None, True, [], []),
    ("30/2020/NĐ-CP", "decree", "Chính phủ", "Về công tác văn thư", D(2020, 3, 5), D(2020, 3, 5), None, True, [], []),
    ("766/QĐ-TTg", "decision", "Thủ tướng Chính phủ",
     "Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp", None, None, None, True, [],
     []),
]  # fmt: skip


def seed(apps, schema_editor):
    LegalDocument = apps.get_model("legal", "LegalDocument")
    from ictmis.core.text import normalise

    by_number = {}
    for number, kind, issuer, title, issued, start, end, unconfirmed, _replaces, _amends in DOCUMENTS:
        document, _created = LegalDocument.objects.update_or_create(
            number=number,
            defaults={
                "doc_type": kind, "issuer": issuer, "title": title, "issued_on": issued, "effective_from": start,
                "effective_to": end, "unconfirmed": unconfirmed,
                "search_text": normalise(" ".join([number, title, issuer])),
            },
        )  # fmt: skip
        by_number[number] = document
    for number, *_rest, replaces, amends in DOCUMENTS:
        by_number[number].replaces.set([by_number[n] for n in replaces])
        by_number[number].amends.set([by_number[n] for n in amends])


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_legal_documents")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
