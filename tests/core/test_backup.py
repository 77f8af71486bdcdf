import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ictmis.core import backup

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 1, 19, 0, tzinfo=dt.UTC)


@pytest.fixture
def source() -> backup.Database:
    return backup.Database.from_settings(connection.settings_dict)


@pytest.fixture
def empty_target(source: backup.Database, tmp_path: Path) -> Iterator[backup.Database]:
    """A new SQLite file, or a new PostgreSQL database beside the test one."""
    if source.vendor == "sqlite":
        yield backup.Database("sqlite", str(tmp_path / "restored" / "ictmis.sqlite3"))
        return
    admin = dataclasses.replace(source, name="postgres")
    target = dataclasses.replace(source, name="ictmis_restore_tests")
    with admin.connect() as conn:
        conn.autocommit = True
        conn.execute(f'DROP DATABASE IF EXISTS "{target.name}"')
        conn.execute(f'CREATE DATABASE "{target.name}"')
    try:
        yield target
    finally:
        with admin.connect() as conn:
            conn.autocommit = True
            conn.execute(f'DROP DATABASE IF EXISTS "{target.name}" WITH (FORCE)')


@pytest.fixture
def uploads(settings, tmp_path: Path) -> Path:
    media = Path(settings.MEDIA_ROOT)
    (media / "licensing" / "12").mkdir(parents=True)
    (media / "licensing" / "12" / "don-de-nghi.pdf").write_bytes(b"%PDF-1.7 h\xe1\xbb\x93 s\xc6\xa1")
    (media / "portal").mkdir()
    (media / "portal" / "anh.webp").write_bytes(bytes(range(256)) * 40)
    return media


def test_a_backup_restores_into_an_empty_instance_with_every_table_identical(
    source: backup.Database, empty_target: backup.Database, uploads: Path, tmp_path: Path
) -> None:
    folder = backup.create_backup(database=source, media_root=uploads, out_dir=tmp_path / "backups", now=NOW)
    manifest = json.loads((folder / "manifest.json").read_text())
    restored_uploads = tmp_path / "restored" / "uploads"

    backup.restore_backup(folder=folder, database=empty_target, media_root=restored_uploads, force=False, now=NOW)

    with backup._cursor(empty_target) as cursor:
        restored = backup.table_stats(cursor, empty_target.vendor)
    assert restored == manifest["tables"]
    assert manifest["tables"]["units_administrativeunit"]["rows"] > 3000
    assert manifest["tables"]["accounts_user"]["rows"] == 7
    assert manifest["database_vendor"] == source.vendor
    core_migrations = sorted(p.stem for p in Path(backup.__file__).parent.joinpath("migrations").glob("0*.py"))
    assert manifest["migrations"]["core"] == core_migrations[-1]
    assert (restored_uploads / "licensing" / "12" / "don-de-nghi.pdf").read_bytes() == (
        uploads / "licensing" / "12" / "don-de-nghi.pdf"
    ).read_bytes()
    assert set(manifest["files"]) == {
        manifest["database_file"],
        "uploads/licensing/12/don-de-nghi.pdf",
        "uploads/portal/anh.webp",
    }


def test_a_damaged_backup_is_refused_before_anything_is_restored(
    source: backup.Database, empty_target: backup.Database, uploads: Path, tmp_path: Path
) -> None:
    folder = backup.create_backup(database=source, media_root=uploads, out_dir=tmp_path / "backups", now=NOW)
    (folder / "uploads" / "portal" / "anh.webp").write_bytes(b"changed")
    restored_uploads = tmp_path / "restored" / "uploads"

    with pytest.raises(backup.BackupError, match=r"uploads/portal/anh\.webp"):
        backup.restore_backup(folder=folder, database=empty_target, media_root=restored_uploads, force=False, now=NOW)

    assert not restored_uploads.exists()
    assert not backup.holds_data(empty_target, restored_uploads)


def test_restore_refuses_an_instance_that_already_holds_data(tmp_path: Path, uploads: Path) -> None:
    call_command("backup", "-o", str(tmp_path / "backups"), stdout=(tmp_path / "out.txt").open("w"))
    folder = Path((tmp_path / "out.txt").read_text().strip())

    with pytest.raises(CommandError, match="Nơi khôi phục đã có dữ liệu"):
        call_command("restore", str(folder))

    assert json.loads((folder / "manifest.json").read_text())["files"]


def _url(database: backup.Database) -> str:
    if database.vendor == "sqlite":
        return f"sqlite:///{database.name}"
    return f"postgresql://{database.user}:{database.password}@{database.host}:{database.port}/{database.name}"


def test_the_restore_command_fills_an_empty_instance(empty_target: backup.Database, uploads: Path, tmp_path) -> None:
    call_command("backup", "-o", str(tmp_path / "backups"), stdout=(tmp_path / "out.txt").open("w"))
    folder = (tmp_path / "out.txt").read_text().strip()
    environment = {
        "PATH": os.environ["PATH"],
        "ICTMIS_DATABASE_URL": _url(empty_target),
        "ICTMIS_DATA_DIR": str(tmp_path / "new-instance"),
        "ICTMIS_SECRET_KEY": "restore-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    }
    ictmis = str(Path(sys.executable).parent / "ictmis")

    done = subprocess.run([ictmis, "restore", folder], env=environment, capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    assert "bảng" in done.stdout and "đã khôi phục" in done.stdout.lower()
    assert (tmp_path / "new-instance" / "uploads" / "portal" / "anh.webp").is_file()
    assert backup.holds_data(empty_target, tmp_path / "nothing-here")
