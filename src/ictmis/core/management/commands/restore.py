"""`ictmis restore PATH [--force]`: check a backup, restore it into this (empty) instance, check again."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from ictmis.core import backup


class Command(BaseCommand):
    help = "Restore a backup made by `ictmis backup` into an empty instance (--force replaces what is there)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the backup folder")
        parser.add_argument("--force", action="store_true", help="restore even if the target already holds data")

    def handle(self, *args: Any, **options: Any) -> None:
        database = backup.Database.from_settings(connection.settings_dict)
        try:
            manifest = backup.restore_backup(
                folder=Path(options["path"]),
                database=database,
                media_root=Path(settings.MEDIA_ROOT),
                force=options["force"],
                now=timezone.now(),
            )
        except backup.BackupError as exc:
            raise CommandError(exc.message) from exc
        tables = manifest["tables"]
        summary = _("%(tables)s tables, %(rows)s rows and %(files)s files restored and checked (backup of %(at)s).")
        counts = {"tables": len(tables), "rows": sum(t["rows"] for t in tables.values())}
        self.stdout.write(summary % {**counts, "files": len(manifest["files"]), "at": manifest["created_at"]})
