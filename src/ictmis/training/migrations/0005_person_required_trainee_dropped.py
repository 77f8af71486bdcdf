"""Every enrolment now names a person: the person is required, one enrolment per course and person, and the
trainees (with their history) are gone. The constraint moves before the trainee column is dropped."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_seed_issuing_bodies"),
        ("parties", "0005_persons"),
        ("training", "0004_trainees_to_persons"),
        ("units", "0005_lineage_share_and_default_successor"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="enrolment",
            options={
                "ordering": ["course", "person__sort_key", "pk"],
                "verbose_name": "enrolment",
                "verbose_name_plural": "enrolments",
            },
        ),
        migrations.RemoveConstraint(
            model_name="enrolment",
            name="one_enrolment_per_course_trainee",
        ),
        migrations.AlterField(
            model_name="enrolment",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="parties.person",
                verbose_name="person",
            ),
        ),
        migrations.AddConstraint(
            model_name="enrolment",
            constraint=models.UniqueConstraint(fields=("course", "person"), name="one_enrolment_per_course_person"),
        ),
        migrations.RemoveField(
            model_name="enrolment",
            name="trainee",
        ),
        migrations.RemoveField(
            model_name="historicalenrolment",
            name="trainee",
        ),
        migrations.RemoveField(
            model_name="historicaltrainee",
            name="created_by",
        ),
        migrations.RemoveField(
            model_name="historicaltrainee",
            name="deleted_by",
        ),
        migrations.RemoveField(
            model_name="historicaltrainee",
            name="history_user",
        ),
        migrations.RemoveField(
            model_name="historicaltrainee",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="historicaltrainee",
            name="unit",
        ),
        migrations.RemoveField(
            model_name="historicaltrainee",
            name="updated_by",
        ),
        migrations.RemoveField(
            model_name="trainee",
            name="created_by",
        ),
        migrations.RemoveField(
            model_name="trainee",
            name="deleted_by",
        ),
        migrations.RemoveField(
            model_name="trainee",
            name="organisation",
        ),
        migrations.RemoveField(
            model_name="trainee",
            name="unit",
        ),
        migrations.RemoveField(
            model_name="trainee",
            name="updated_by",
        ),
        migrations.DeleteModel(
            name="HistoricalTrainee",
        ),
        migrations.DeleteModel(
            name="Trainee",
        ),
    ]
