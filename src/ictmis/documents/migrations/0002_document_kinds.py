from django.db import migrations

KINDS = [
    ("licence", "Giấy phép", "GP-STTTT", True),
    ("receipt", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "TNHS", True),
    ("supplement", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "STTTT-TTĐT", True),
    ("refusal", "Phiếu từ chối giải quyết hồ sơ", "STTTT-TTĐT", True),
    ("apology", "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "STTTT-TTĐT", True),
    ("process_sheet", "Phiếu kiểm soát quá trình giải quyết hồ sơ", "", False),
]


def seed(apps, schema_editor):
    DocumentKind = apps.get_model("documents", "DocumentKind")
    for code, name, symbol, numbered in KINDS:
        DocumentKind.objects.update_or_create(
            code=code, defaults={"name": name, "symbol": symbol, "numbered": numbered}
        )


def unseed(apps, schema_editor):
    apps.get_model("documents", "DocumentKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_outgoing_documents")]
    operations = [migrations.RunPython(seed, unseed)]
