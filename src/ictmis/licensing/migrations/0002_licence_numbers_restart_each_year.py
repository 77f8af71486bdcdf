from django.db import migrations, models
from django.db.models.functions import ExtractYear


def fill_year(apps, schema_editor):
    Licence = apps.get_model("licensing", "Licence")
    Licence.objects.update(year=ExtractYear("valid_from"))


class Migration(migrations.Migration):
    dependencies = [("licensing", "0001_procedures_cases_licences")]

    operations = [
        migrations.AddField(
            model_name="licence",
            name="year",
            field=models.PositiveSmallIntegerField(
                default=2000, help_text="numbers restart every year", verbose_name="year of issue"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicallicence",
            name="year",
            field=models.PositiveSmallIntegerField(
                default=2000, help_text="numbers restart every year", verbose_name="year of issue"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_year, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="licence",
            name="number",
            field=models.CharField(db_index=True, max_length=40, verbose_name="licence number"),
        ),
        migrations.AlterField(
            model_name="historicallicence",
            name="number",
            field=models.CharField(db_index=True, max_length=40, verbose_name="licence number"),
        ),
        migrations.AddConstraint(
            model_name="licence",
            constraint=models.UniqueConstraint(fields=("number", "year"), name="licence_number_once_a_year"),
        ),
    ]
