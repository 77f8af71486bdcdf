"""The data migration that moves training onto `parties` persons, run for real: trainees (with their history)
become persons and each enrolment points to the person made from its own trainee; backwards, the enrolments
point to trainees again; forwards once more adds no second person."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ictmis.parties.models import Person
from ictmis.training.models import Enrolment
from ictmis.units.models import AdministrativeUnit

BEFORE = [("training", "0003_enrolment_person")]
AFTER = [("training", "0005_person_required_trainee_dropped")]
WHEN = dt.datetime(2019, 5, 2, 8, 0, tzinfo=dt.UTC)


def _migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def _commune(code: str, province: AdministrativeUnit) -> AdministrativeUnit:
    unit = AdministrativeUnit.objects.create(
        code=code, name=f"Xã thử {code}", type="xa", level="commune", parent=province, valid_from=dt.date(2014, 1, 1)
    )
    unit.path = f"{province.path}{unit.pk}/"
    unit.save()
    return unit


@pytest.mark.django_db(transaction=True)
def test_each_enrolment_points_to_the_person_made_from_its_trainee_and_back() -> None:
    """Self-contained: a transactional test may run after another one emptied the database."""
    province = AdministrativeUnit.objects.create(
        code="97", name="Tỉnh thử", type="tinh", level="province", valid_from=dt.date(2014, 1, 1)
    )
    province.path = f"/{province.pk}/"
    province.save()
    one, two = _commune("97001", province), _commune("97002", province)
    try:
        old = _migrate(BEFORE)
        Trainee = old.get_model("training", "Trainee")
        HistoricalTrainee = old.get_model("training", "HistoricalTrainee")
        plan = old.get_model("training", "TrainingPlan").objects.create(year=2019, title="Kế hoạch 2019")
        course = old.get_model("training", "Course").objects.create(
            plan=plan, code="k-2019", title="Khóa 2019", topic="other", target_group="commune_officers",
            starts_on=dt.date(2019, 6, 10), ends_on=dt.date(2019, 6, 11),
        )  # fmt: skip
        an = Trainee.objects.create(full_name="Nguyễn Văn An", birth_year=1980, position="Công chức",
                                    phone="0912 345 678", unit_id=one.pk, version=2)  # fmt: skip
        binh = Trainee.objects.create(full_name="Đỗ Thị Bình", unit_id=two.pk)
        for trainee, kind in ((an, "+"), (an, "~"), (binh, "+")):
            HistoricalTrainee.objects.create(
                id=trainee.pk, full_name=trainee.full_name, birth_year=trainee.birth_year, unit_id=trainee.unit_id,
                created_at=WHEN, updated_at=WHEN, history_date=WHEN, history_type=kind,
            )  # fmt: skip
        Enrolment_ = old.get_model("training", "Enrolment")
        for trainee, token in ((an, "t-an"), (binh, "t-binh")):
            Enrolment_.objects.create(course=course, trainee=trainee, unit_id=trainee.unit_id, evaluation_token=token)

        _migrate(AFTER)
        enrolled = {e.evaluation_token: e.person for e in Enrolment.objects.select_related("person")}
        person = enrolled["t-an"]

        assert {token: p.full_name for token, p in enrolled.items()} == {"t-an": "Nguyễn Văn An",
                                                                         "t-binh": "Đỗ Thị Bình"}  # fmt: skip
        assert (person.birth_year, person.position, person.phone, person.unit_id, person.version) == (
            1980, "Công chức", "0912 345 678", one.pk, 2,
        )  # fmt: skip
        assert person.unit_path == one.path and enrolled["t-binh"].unit_path == two.path
        assert "nguyen van an" in person.search_text and "0912345678" in person.search_text
        assert person.sort_key and person.history.count() == 2 and enrolled["t-binh"].history.count() == 1

        old = _migrate(BEFORE)
        back = {e.evaluation_token: e.trainee.full_name
                for e in old.get_model("training", "Enrolment").objects.select_related("trainee")}  # fmt: skip
        assert back == {"t-an": "Nguyễn Văn An", "t-binh": "Đỗ Thị Bình"}

        _migrate(AFTER)
        assert Person.objects.count() == 2
        assert Enrolment.objects.get(evaluation_token="t-an").person_id == person.pk
    finally:
        _migrate(AFTER)
