"""An import job is written once: a double click queues one commit, and a commit task delivered twice
(two workers) writes the rows once."""

import csv
import datetime as dt
import threading
from pathlib import Path

import pytest
from django.db import connection

from ictmis.accounts.models import User
from ictmis.broadcasting.models import RadioStation
from ictmis.core import imports, job_workers, registry, tasks
from ictmis.core.models import Event, ImportJob
from ictmis.units.models import AdministrativeUnit

NOW = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def _commune() -> AdministrativeUnit:
    province = AdministrativeUnit.objects.create(
        code="97", name="Tỉnh thử", type="tinh", level="province", valid_from=dt.date(2025, 7, 1)
    )
    province.path = f"/{province.pk}/"
    province.save()
    place = AdministrativeUnit.objects.create(
        code="97001", name="Xã thử", type="xa", level="commune", parent=province, valid_from=dt.date(2025, 7, 1)
    )
    place.path = f"/{province.pk}/{place.pk}/"
    place.save()
    return place


def _checked_job(tmp_path: Path, actor: User) -> ImportJob:
    path = tmp_path / "dai.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Tên đài", "Mã đơn vị hành chính cấp xã", "Công nghệ"])
        writer.writerows([[f"Đài {n}", "97001", "wired"] for n in range(5)])
    spec = registry.get("radio-stations")
    job = imports.create_job(spec=spec, filename="dai.csv", chunks=iter([path.read_bytes()]), actor=actor, now=NOW)
    imports.run_validation(job, spec)
    assert job.status == ImportJob.Status.VALID, job.errors
    return job


@pytest.mark.django_db(transaction=True)
def test_a_commit_task_delivered_to_two_workers_writes_the_rows_once(tmp_path) -> None:
    """Self-contained: a transactional test may run after another one emptied the database."""
    place = _commune()
    actor = User.objects.create_superuser(username="importer-twice", password=None)
    job = _checked_job(tmp_path, actor)
    assert job_workers.start_commit(job_id=job.pk, now=NOW)
    errors: list[BaseException] = []
    outcomes: list[str] = []

    def work() -> None:
        try:
            outcomes.append(tasks.commit_import.call(job.pk))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    assert sorted(outcomes) == ["done", "skipped"]
    assert RadioStation.objects.filter(unit=place).count() == 5
    assert Event.objects.filter(verb="core.import.committed", object_id=str(job.pk)).count() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.result["created"] == 5


@pytest.mark.django_db
def test_a_double_click_queues_one_commit(tmp_path, specialist) -> None:
    job = _checked_job_for_demo_commune(tmp_path, specialist)

    first = job_workers.start_commit(job_id=job.pk, now=NOW)
    second = job_workers.start_commit(job_id=job.pk, now=NOW)
    job.refresh_from_db()

    assert (first, second) == (True, False)
    assert job.status == ImportJob.Status.QUEUED


def _checked_job_for_demo_commune(tmp_path: Path, actor: User) -> ImportJob:
    path = tmp_path / "dai.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Tên đài", "Mã đơn vị hành chính cấp xã", "Công nghệ"])
        writer.writerow(["Đài thử hai lần", "18880", "wired"])
    spec = registry.get("radio-stations")
    job = imports.create_job(spec=spec, filename="dai.csv", chunks=iter([path.read_bytes()]), actor=actor, now=NOW)
    imports.run_validation(job, spec)
    return job


@pytest.mark.django_db
def test_two_live_radio_stations_cannot_share_a_name_in_a_commune(specialist) -> None:
    from django.db import IntegrityError, transaction

    unit = AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=False)
    RadioStation(name="Đài trùng", unit=unit, technology="wired").save()

    with pytest.raises(IntegrityError), transaction.atomic():
        RadioStation(name="Đài trùng", unit=unit, technology="wired").save()


@pytest.mark.django_db
def test_a_deleted_station_is_not_restored_over_a_live_one_with_its_name(specialist) -> None:
    from ictmis.core.errors import DomainError
    from ictmis.core.records import soft_delete
    from ictmis.core.registry_services import restore_record

    unit = AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=False)
    old = RadioStation(name="Đài khôi phục", unit=unit, technology="wired")
    old.save()
    soft_delete(old, actor=specialist, now=NOW, verb="broadcasting.radiostation.deleted")
    RadioStation(name="Đài khôi phục", unit=unit, technology="fm").save()

    with pytest.raises(DomainError):
        restore_record(spec=registry.get("radio-stations"), record=old, actor=specialist, now=NOW)

    old.refresh_from_db()
    assert old.deleted_at is not None
