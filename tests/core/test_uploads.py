"""Memory: request bodies are capped as they arrive, workbooks are checked before they are opened, and no
cell or error message is kept whole when it is huge."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import Client

from ictmis.accounts.models import User
from ictmis.core import imports, registry
from ictmis.core.access import SYSTEM
from ictmis.core.models import ImportJob
from ictmis.core.spreadsheets import NotASpreadsheet
from ictmis.core.uploads import CappedTemporaryFileUploadHandler, UploadTooLarge
from tests.core.test_imports import GOOD, HEADER, write_csv

pytestmark = pytest.mark.django_db


def staff() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))
    return client


def test_a_body_announced_larger_than_the_cap_is_refused_before_it_is_read(settings) -> None:
    response = staff().post(
        "/co-so-du-lieu/bts-stations/nhap/", data=b"x" * 10, content_type="text/plain", CONTENT_LENGTH="400000000"
    )

    assert response.status_code == 413
    assert "60 MB" in response.content.decode()


def test_an_upload_past_the_cap_is_a_413_and_nothing_is_stored(settings) -> None:
    settings.MAX_UPLOAD_BYTES = 100_000
    big = SimpleUploadedFile("tram.csv", b"a,b\n" * 60_000, content_type="text/csv")

    response = staff().post("/co-so-du-lieu/bts-stations/nhap/", {"file": big})

    assert response.status_code == 413
    assert not ImportJob.objects.exists()


def test_an_api_upload_past_the_cap_is_a_413_in_the_error_shape(settings) -> None:
    settings.MAX_UPLOAD_BYTES = 100_000
    client = Client()
    client.force_login(User.objects.get(username="bientap"))
    big = SimpleUploadedFile("anh.png", b"\x89PNG" + b"0" * 200_000, content_type="image/png")

    response = client.post("/api/v1/images", {"file": big, "alt": "Ảnh"})

    assert response.status_code == 413
    assert response.json()["errors"][0]["field"] == "file"


def test_the_handler_stops_a_body_of_unknown_length_once_it_passes_the_cap(settings) -> None:
    settings.MAX_UPLOAD_BYTES = 100_000
    handler = CappedTemporaryFileUploadHandler()
    handler.handle_raw_input(None, {}, 0, b"boundary")
    handler.new_file("file", "tram.csv", "text/csv", 0)
    handler.receive_data_chunk(b"x" * 60_000, 0)

    with pytest.raises(UploadTooLarge):
        handler.receive_data_chunk(b"x" * 60_000, 60_000)


def test_uploaded_files_go_to_disk_not_memory(settings) -> None:
    handler = CappedTemporaryFileUploadHandler()
    handler.handle_raw_input(None, {}, 10, b"boundary")
    handler.new_file("file", "tram.csv", "text/csv", 10)
    handler.receive_data_chunk(b"0123456789", 0)

    assert isinstance(handler.file_complete(10), TemporaryUploadedFile)


def zip_bomb(path, part_bytes: int):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"A" * part_bytes + b"</sst>")
    return path


def test_a_workbook_that_would_expand_far_beyond_its_size_is_refused_before_opening(tmp_path) -> None:
    bomb = zip_bomb(tmp_path / "bomb.xlsx", 5_000_000)
    assert bomb.stat().st_size < 50_000

    with pytest.raises(NotASpreadsheet, match="MB"):
        imports.validate(registry.get("bts-stations"), bomb, actor=SYSTEM)


def test_a_refused_workbook_is_one_short_error_on_the_job(tmp_path, now) -> None:
    spec = registry.get("bts-stations")
    bomb = zip_bomb(tmp_path / "bomb.xlsx", 5_000_000)
    job = imports.create_job(spec=spec, filename="bomb.xlsx", chunks=iter([bomb.read_bytes()]),
                             actor=User.objects.get(username="admin"), now=now)  # fmt: skip

    imports.run_validation(job, spec)

    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    assert len(job.errors) == 1 and len(job.errors[0]["message"]) < 500


def test_a_cell_longer_than_excel_allows_is_a_row_error_and_is_not_stored(tmp_path) -> None:
    row = list(GOOD[0])
    row[2] = "Trạm " + "x" * 40_000

    result = imports.validate(registry.get("bts-stations"), write_csv(tmp_path / "a.csv", [row]), actor=SYSTEM)

    assert [(e.row, e.column) for e in result.errors] == [(2, "Tên trạm")]
    assert "32.767" in result.errors[0].message
    assert result.rows == []


def test_a_csv_field_past_the_csv_reader_limit_is_an_unreadable_file_not_a_crash(tmp_path) -> None:
    row = list(GOOD[0])
    row[2] = "x" * 200_000

    with pytest.raises(NotASpreadsheet):
        imports.validate(registry.get("bts-stations"), write_csv(tmp_path / "a.csv", [row]), actor=SYSTEM)


def test_a_huge_unknown_header_is_stored_cut_short(tmp_path, now) -> None:
    spec = registry.get("bts-stations")
    upload = write_csv(tmp_path / "h.csv", [[*GOOD[0], "x"]], header=[*HEADER, "Cột " + "y" * 100_000])
    buffer = io.BytesIO(upload.read_bytes())
    job = imports.create_job(spec=spec, filename="h.csv", chunks=iter([buffer.getvalue()]),
                             actor=User.objects.get(username="admin"), now=now)  # fmt: skip

    imports.run_validation(job, spec)

    job.refresh_from_db()
    assert job.error_count == 1
    assert len(job.errors[0]["column"]) <= 120 and len(job.errors[0]["message"]) <= 500
