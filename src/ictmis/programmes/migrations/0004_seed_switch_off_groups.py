"""Switch-off groups as DOMAIN.md gives them (planned dates not all confirmed: data, editable)."""

import datetime as dt

from django.db import migrations

D = dt.date
GROUPS = [
    ("Nhóm I", "Đà Nẵng", D(2015, 11, 1), D(2015, 11, 1)),
    ("Nhóm II", "Hà Nội, Thành phố Hồ Chí Minh, Hải Phòng, Cần Thơ", D(2016, 8, 15), D(2016, 8, 15)),
    ("Nhóm III", "12 tỉnh miền Trung, trong đó có Quảng Bình", D(2019, 6, 30), D(2019, 6, 30)),
    ("Nhóm IV", "15 tỉnh còn lại", D(2020, 12, 28), D(2020, 12, 28)),
]


def seed(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    SwitchOffGroup = apps.get_model("programmes", "SwitchOffGroup")
    tv = Programme.objects.get(code="tv-digitisation")
    for name, provinces, planned, actual in GROUPS:
        SwitchOffGroup.objects.update_or_create(
            programme=tv, name=name, defaults={"provinces": provinces, "planned_on": planned, "actual_on": actual}
        )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0003_switch_off_groups_and_reception_zones")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
