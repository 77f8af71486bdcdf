import datetime as dt
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.core import job_workers, tasks
from ictmis.core.models import Event, ImportJob
from ictmis.telecom.models import BtsStation
from tests.core.test_imports import GOOD, write_csv

pytestmark = pytest.mark.django_db
Status = ImportJob.Status


def _specialist_client() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    return client


def _uploaded_job(client: Client, tmp_path) -> ImportJob:
    path = write_csv(tmp_path / "bts.csv", GOOD)
    client.post("/co-so-du-lieu/bts-stations/nhap/", {"file": SimpleUploadedFile("bts.csv", path.read_bytes())})
    job = ImportJob.objects.latest("pk")
    assert job.status == Status.VALID
    return job


def _dead_worker() -> str:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    identity = job_workers.worker_identity(process.pid)
    process.wait()
    return identity


def _held_by(job: ImportJob, worker: str, status: str, heartbeat_at: dt.datetime) -> None:
    ImportJob.objects.filter(pk=job.pk).update(status=status, worker=worker, heartbeat_at=heartbeat_at)


def test_a_commit_left_by_a_dead_worker_is_failed_and_can_be_run_again(tmp_path) -> None:
    client = _specialist_client()
    job = _uploaded_job(client, tmp_path)
    assert job_workers.start_commit(job_id=job.pk, now=timezone.now())
    _held_by(job, _dead_worker(), Status.COMMITTING, timezone.now())

    recovered = job_workers.recover_interrupted_imports(now=timezone.now())

    job.refresh_from_db()
    assert recovered.failed == [job.pk]
    assert job.status == Status.FAILED and job.worker == ""
    assert job.result["interrupted"] is True
    page = client.get(f"/co-so-du-lieu/bts-stations/nhap/{job.pk}/").content.decode()
    assert "chưa có dữ liệu nào được ghi. Hãy chạy lại." in page
    assert 'data-testid="rerun-import"' in page

    client.post(f"/co-so-du-lieu/bts-stations/nhap/{job.pk}/thuc-hien/")

    job.refresh_from_db()
    assert job.status == Status.DONE
    assert job.result == {"created": 2, "updated": 0, "unchanged": 0, "restored": 0}
    assert BtsStation.objects.filter(site_code__in=["QB9001", "QB9002"]).count() == 2


def test_a_job_held_by_a_live_worker_on_this_machine_is_never_touched(tmp_path) -> None:
    job = _uploaded_job(_specialist_client(), tmp_path)
    job_workers.start_commit(job_id=job.pk, now=timezone.now())
    long_ago = timezone.now() - dt.timedelta(days=1)

    with job_workers.claimed(job.pk, expected=Status.QUEUED, status=Status.COMMITTING, now=long_ago) as held:
        assert held is not None
        recovered = job_workers.recover_interrupted_imports(now=timezone.now())
        assert recovered.failed == [] and recovered.requeued == []
        assert ImportJob.objects.get(pk=job.pk).status == Status.COMMITTING


def test_a_worker_on_another_machine_is_gone_only_once_its_heartbeat_is_stale(tmp_path) -> None:
    job = _uploaded_job(_specialist_client(), tmp_path)
    now = timezone.now()
    _held_by(job, "node-b.example:4242:123456", Status.COMMITTING, now - dt.timedelta(seconds=30))

    assert job_workers.recover_interrupted_imports(now=now).failed == []
    assert job_workers.recover_interrupted_imports(now=now + job_workers.ORPHAN_AFTER).failed == [job.pk]


def test_a_queued_commit_that_no_worker_has_taken_yet_is_left_to_the_queue(tmp_path) -> None:
    job = _uploaded_job(_specialist_client(), tmp_path)
    job_workers.start_commit(job_id=job.pk, now=timezone.now())

    recovered = job_workers.recover_interrupted_imports(now=timezone.now() + dt.timedelta(days=1))

    assert recovered.failed == []
    assert ImportJob.objects.get(pk=job.pk).status == Status.QUEUED


def test_an_interrupted_validation_is_queued_again(tmp_path, django_capture_on_commit_callbacks) -> None:
    job = _uploaded_job(_specialist_client(), tmp_path)
    _held_by(job, _dead_worker(), Status.VALIDATING, timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        recovered = job_workers.recover_interrupted_imports(now=timezone.now())

    job.refresh_from_db()
    assert recovered.requeued == [job.pk]
    assert job.status == Status.VALID and job.worker == ""


def test_two_commit_requests_at_once_queue_the_import_once(tmp_path) -> None:
    job = _uploaded_job(_specialist_client(), tmp_path)

    first = job_workers.start_commit(job_id=job.pk, now=timezone.now())
    second = job_workers.start_commit(job_id=job.pk, now=timezone.now())

    assert (first, second) == (True, False)


def test_the_same_commit_enqueued_twice_is_applied_once(tmp_path) -> None:
    client = _specialist_client()
    job = _uploaded_job(client, tmp_path)
    client.post(f"/co-so-du-lieu/bts-stations/nhap/{job.pk}/thuc-hien/")

    again = tasks.commit_import.enqueue(job.pk)
    response = client.post(f"/co-so-du-lieu/bts-stations/nhap/{job.pk}/thuc-hien/", follow=True)

    assert again.return_value == "skipped"
    assert "đang được nhập hoặc đã nhập xong" in response.content.decode()
    assert Event.objects.filter(verb="core.import.committed", object_id=str(job.pk)).count() == 1
