"""Backups of one instance (the database and the uploads) and their restore into an empty instance.

A backup is a folder `ictmis-backup-<UTC time>/` holding `database.sqlite3` (SQLite's online backup API)
or `database.pgdump` (`pg_dump -Fc` of the server's major version), `uploads/` (a copy of MEDIA_ROOT)
and `manifest.json`: when, which ictmis version, which database vendor, the latest migration of each
app, each table's row count and checksum, and the sha256 of every file. The checksums of PostgreSQL
tables are read in the very snapshot that pg_dump saves, so a busy database still gives a backup that
verifies. A restore checks every file against the manifest first, refuses a target that holds data
(unless forced), restores, and checks every table's row count and checksum again.

Works on plain DB-API connections (sqlite3, psycopg), not on Django's, so that a test or a drill can
restore into another database than the running one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ictmis.core.errors import DomainError

FORMAT = 1
MANIFEST = "manifest.json"
# Tables `migrate` fills by itself: a freshly migrated instance still counts as empty.
BOOKKEEPING_TABLES = {"django_migrations", "django_content_type", "auth_permission"}


class BackupError(DomainError):
    pass


@dataclass(frozen=True)
class Database:
    """Where a database is: a SQLite file, or PostgreSQL connection parameters."""

    vendor: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, settings_dict: dict[str, Any]) -> Database:
        engine = settings_dict["ENGINE"]
        if engine.endswith("sqlite3"):
            return cls("sqlite", str(settings_dict["NAME"]))
        if engine.endswith("postgresql"):
            return cls(
                "postgresql",
                str(settings_dict["NAME"]),
                str(settings_dict.get("USER") or ""),
                str(settings_dict.get("PASSWORD") or ""),
                str(settings_dict.get("HOST") or ""),
                str(settings_dict.get("PORT") or ""),
            )
        raise BackupError(_("Backups support SQLite and PostgreSQL only."))

    def pg_env(self) -> dict[str, str]:
        names = {"PGDATABASE": self.name, "PGUSER": self.user, "PGPASSWORD": self.password}
        names |= {"PGHOST": self.host, "PGPORT": self.port}
        return {**os.environ, **{key: value for key, value in names.items() if value}}

    def connect(self) -> Any:
        if self.vendor == "sqlite":
            return sqlite3.connect(self.name)
        import psycopg
        from psycopg.conninfo import make_conninfo

        params = {"dbname": self.name, "user": self.user, "password": self.password}
        params |= {"host": self.host, "port": self.port}
        return psycopg.connect(make_conninfo("", **{key: value for key, value in params.items() if value}))


# -- checksums ----------------------------------------------------------------------------------------


def _canonical(value: Any) -> Any:
    if isinstance(value, bytes | memoryview | bytearray):
        return bytes(value).hex()
    if isinstance(value, dt.datetime | dt.date | dt.time | Decimal | dt.timedelta):
        return str(value)
    return value


def _tables(cursor: Any, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    else:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    return sorted(row[0] for row in cursor.fetchall())


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_stats(cursor: Any, vendor: str) -> dict[str, dict[str, Any]]:
    """Every table's row count and an order-independent checksum of its rows (sum of row digests)."""
    stats: dict[str, dict[str, Any]] = {}
    for table in _tables(cursor, vendor):
        cursor.execute(f"SELECT * FROM {_quote(table)}")
        rows, total = 0, 0
        while batch := cursor.fetchmany(2000):
            for row in batch:
                encoded = json.dumps([_canonical(v) for v in row], sort_keys=True, default=str, ensure_ascii=False)
                total += int.from_bytes(hashlib.sha256(encoded.encode()).digest(), "big")
                rows += 1
        stats[table] = {"rows": rows, "checksum": f"{total % 2**256:064x}"}
    return stats


def _latest_migrations(cursor: Any) -> dict[str, str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return {app: name for app, name in cursor.fetchall()}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# -- PostgreSQL tools ---------------------------------------------------------------------------------


def _pg_tool(name: str, server_major: int) -> str:
    """pg_dump/pg_restore of the server's major version (`ICTMIS_PG_BIN` names their folder)."""
    folders = [os.environ.get("ICTMIS_PG_BIN", ""), f"/usr/lib/postgresql/{server_major}/bin"]
    for folder in filter(None, folders):
        candidate = Path(folder) / name
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found:
        version = subprocess.run([found, "--version"], capture_output=True, text=True, check=True).stdout
        major = int(version.split()[-1].split(".")[0])
        if major >= server_major:
            return found
    raise BackupError(_("%(tool)s of PostgreSQL %(major)s or later is needed.") % {"tool": name, "major": server_major})


def _server_major(cursor: Any) -> int:
    cursor.execute("SHOW server_version_num")
    return int(cursor.fetchone()[0]) // 10000


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(_("%(tool)s failed: %(error)s") % {"tool": tool, "error": done.stderr[-2000:]})


# -- backup -------------------------------------------------------------------------------------------


def _backup_sqlite(database: Database, target: Path) -> tuple[dict[str, Any], dict[str, str]]:
    with (
        closing(sqlite3.connect(f"file:{database.name}?mode=ro", uri=True)) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        cursor = copy.cursor()
        return table_stats(cursor, "sqlite"), _latest_migrations(cursor)


def _backup_postgresql(database: Database, target: Path) -> tuple[dict[str, Any], dict[str, str]]:
    with closing(database.connect()) as conn:
        cursor = conn.cursor()
        pg_dump = _pg_tool("pg_dump", _server_major(cursor))
        conn.rollback()
        import psycopg

        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run([pg_dump, "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", "-f", str(target)],
             database.pg_env())  # fmt: skip
        stats, migrations = table_stats(cursor, "postgresql"), _latest_migrations(cursor)
        conn.rollback()
        return stats, migrations


def create_backup(*, database: Database, media_root: Path, out_dir: Path, now: dt.datetime) -> Path:
    """Write a backup folder under `out_dir` and return it."""
    folder = out_dir / f"ictmis-backup-{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
    folder.mkdir(parents=True)
    database_file = folder / ("database.sqlite3" if database.vendor == "sqlite" else "database.pgdump")
    if database.vendor == "sqlite":
        tables, migrations = _backup_sqlite(database, database_file)
    else:
        tables, migrations = _backup_postgresql(database, database_file)
    if media_root.is_dir():
        shutil.copytree(media_root, folder / "uploads", symlinks=False)
    else:
        (folder / "uploads").mkdir()
    files = {
        str(path.relative_to(folder)): _sha256(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "ictmis_version": importlib.metadata.version("ictmis"),
        "database_vendor": database.vendor,
        "database_file": database_file.name,
        "migrations": migrations,
        "tables": tables,
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True))
    return folder


# -- restore ------------------------------------------------------------------------------------------


def read_verified_manifest(folder: Path) -> dict[str, Any]:
    """The manifest, once every file it lists has its checksum (and no file was added)."""
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(_("%(path)s is not an ictmis backup: %(error)s") % {"path": folder, "error": exc}) from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(_("This backup format is not supported."))
    present = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST}
    listed = manifest["files"]
    for name in sorted(present | set(listed)):
        if name not in listed or name not in present or _sha256(folder / name) != listed[name]:
            raise BackupError(_("The backup is damaged: %(file)s does not match its manifest.") % {"file": name})
    return manifest


@contextmanager
def _cursor(database: Database) -> Iterator[Any]:
    with closing(database.connect()) as conn:
        yield conn.cursor()
        conn.rollback()


def holds_data(database: Database, media_root: Path) -> bool:
    if media_root.is_dir() and any(path.is_file() for path in media_root.rglob("*")):
        return True
    if database.vendor == "sqlite" and not Path(database.name).exists():
        return False
    with _cursor(database) as cursor:
        for table in _tables(cursor, database.vendor):
            if table in BOOKKEEPING_TABLES:
                continue
            cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")
            if cursor.fetchone():
                return True
    return False


def _restore_sqlite(source: Path, database: Database) -> None:
    Path(database.name).parent.mkdir(parents=True, exist_ok=True)
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as backup_db,
        closing(sqlite3.connect(database.name)) as target,
    ):
        backup_db.backup(target)
        target.execute("PRAGMA journal_mode=WAL")


def _restore_postgresql(source: Path, database: Database, *, force: bool) -> None:
    with _cursor(database) as cursor:
        pg_restore = _pg_tool("pg_restore", _server_major(cursor))
        tables = _tables(cursor, "postgresql")
    if tables and force:
        # Only the tables pg_restore recreates would be cleaned: start from an empty schema instead.
        with closing(database.connect()) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
            conn.commit()
    command = [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    _run([*command, "-d", database.name, str(source)], database.pg_env())


def _restore_uploads(source: Path, media_root: Path, now: dt.datetime) -> None:
    if media_root.is_dir() and any(path.is_file() for path in media_root.rglob("*")):
        # Only with --force: the files are kept aside, never deleted.
        media_root.rename(media_root.with_name(f"{media_root.name}.before-restore-{now:%Y%m%dT%H%M%S}"))
    elif media_root.is_dir():
        shutil.rmtree(media_root)
    shutil.copytree(source, media_root)


def restore_backup(
    *, folder: Path, database: Database, media_root: Path, force: bool, now: dt.datetime
) -> dict[str, Any]:
    """Restore `folder` into `database` and `media_root`; return the manifest it was checked against."""
    manifest = read_verified_manifest(folder)
    if manifest["database_vendor"] != database.vendor:
        raise BackupError(
            _("This backup is of a %(backup)s database; the target is %(target)s.")
            % {"backup": manifest["database_vendor"], "target": database.vendor}
        )
    if not force and holds_data(database, media_root):
        raise BackupError(_("The target instance already holds data: restore into an empty one, or use --force."))
    source = folder / manifest["database_file"]
    if database.vendor == "sqlite":
        _restore_sqlite(source, database)
    else:
        _restore_postgresql(source, database, force=force)
    _restore_uploads(folder / "uploads", media_root, now)
    with _cursor(database) as cursor:
        restored = table_stats(cursor, database.vendor)
    expected = manifest["tables"]
    differing = sorted(t for t in set(restored) | set(expected) if restored.get(t) != expected.get(t))
    if differing:
        message = _("The restored tables differ from the backup: %(tables)s") % {"tables": ", ".join(differing)}
        raise BackupError(message)
    return manifest
