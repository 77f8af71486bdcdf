"""The data migration that moves training onto `parties` persons, run for real: trainees (with their history)
become persons and each enrolment points to the person made from its own trainee; backwards, the enrolments
point to trainees again; forwards once more adds no second person, even for one given a citizen ID since or
deleted. Lists of ids are read a chunk at a time: a chunk of one shows every chunk is read."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ictmis.parties.models import Person
from ictmis.training.models import Enrolment
from ictmis.units.models import AdministrativeUnit

BEFORE = [("training", "0003_enrolment_person")]
AFTER = [("training", "0005_person_required_trainee_dropped")]
WHEN = dt.datetime(2019, 5, 2, 8, 0, tzinfo=dt.UTC)
MIGRATION = importlib.import_module("ictmis.training.migrations.0004_trainees_to_persons")


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
def test_each_enrolment_points_to_the_person_made_from_its_trainee_and_back(monkeypatch) -> None:
    """Self-contained: a transactional test may run after another one emptied the database."""
    monkeypatch.setattr(MIGRATION, "CHUNK", 1)
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
        ha = Trainee.objects.create(full_name="Lê Thị Hà", birth_year=1985, unit_id=one.pk)
        dung = Trainee.objects.create(full_name="Phan Văn Dũng", unit_id=two.pk, deleted_at=WHEN)
        for trainee, kind in ((an, "+"), (an, "~"), (binh, "+"), (ha, "+"), (dung, "+"), (dung, "-")):
            HistoricalTrainee.objects.create(
                id=trainee.pk, full_name=trainee.full_name, birth_year=trainee.birth_year, unit_id=trainee.unit_id,
                created_at=WHEN, updated_at=WHEN, history_date=WHEN, history_type=kind,
            )  # fmt: skip
        Enrolment_ = old.get_model("training", "Enrolment")
        HistoricalEnrolment_ = old.get_model("training", "HistoricalEnrolment")
        for trainee, token in ((an, "t-an"), (binh, "t-binh"), (ha, "t-ha"), (dung, "t-dung")):
            e = Enrolment_.objects.create(
                course=course, trainee=trainee, unit_id=trainee.unit_id, evaluation_token=token
            )
            HistoricalEnrolment_.objects.create(
                id=e.pk, course_id=course.pk, trainee_id=trainee.pk, unit_id=trainee.unit_id, evaluation_token=token,
                created_at=WHEN, updated_at=WHEN, history_date=WHEN, history_type="+",
            )  # fmt: skip

        _migrate(AFTER)
        enrolled = {e.evaluation_token: e.person for e in Enrolment.objects.select_related("person")}
        person = enrolled["t-an"]

        assert {token: p.full_name for token, p in enrolled.items()} == {
            "t-an": "Nguyễn Văn An", "t-binh": "Đỗ Thị Bình", "t-ha": "Lê Thị Hà", "t-dung": "Phan Văn Dũng",
        }  # fmt: skip
        assert (person.birth_year, person.position, person.phone, person.unit_id, person.version) == (
            1980, "Công chức", "0912 345 678", one.pk, 2,
        )  # fmt: skip
        assert person.unit_path == one.path and enrolled["t-binh"].unit_path == two.path
        assert "nguyen van an" in person.search_text and "0912345678" in person.search_text
        assert person.sort_key and person.history.count() == 2 and enrolled["t-binh"].history.count() == 1
        assert enrolled["t-dung"].deleted_at == WHEN and enrolled["t-dung"].history.count() == 2
        history = Enrolment.history.values_list("evaluation_token", "person_id")
        assert sorted(history) == sorted((token, p.pk) for token, p in enrolled.items())
        Person.objects.filter(pk=enrolled["t-ha"].pk).update(citizen_id="044185001234")
        persons = dict(Person.objects.values_list("full_name", "pk"))

        old = _migrate(BEFORE)
        back = {e.evaluation_token: e.trainee.full_name
                for e in old.get_model("training", "Enrolment").objects.select_related("trainee")}  # fmt: skip
        assert back == {"t-an": "Nguyễn Văn An", "t-binh": "Đỗ Thị Bình", "t-ha": "Lê Thị Hà",
                        "t-dung": "Phan Văn Dũng"}  # fmt: skip
        trainees = dict(old.get_model("training", "Enrolment").objects.values_list("evaluation_token", "trainee_id"))
        HistoricalEnrolment_ = old.get_model("training", "HistoricalEnrolment")
        assert dict(HistoricalEnrolment_.objects.values_list("evaluation_token", "trainee_id")) == trainees
        assert old.get_model("training", "HistoricalTrainee").objects.count() == 6

        _migrate(AFTER)
        assert dict(Person.objects.values_list("full_name", "pk")) == persons
        assert Enrolment.objects.get(evaluation_token="t-an").person_id == person.pk
        assert {e.evaluation_token: e.person.full_name for e in Enrolment.objects.select_related("person")} == {
            token: p.full_name for token, p in enrolled.items()
        }
    finally:
        _migrate(AFTER)
