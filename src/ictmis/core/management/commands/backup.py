"""`ictmis backup [-o DIR]`: the database, the uploads and a manifest with checksums, in one folder."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from ictmis.core import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a new folder with a manifest (docs/operations.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", help="folder to write the backup in (default: <data dir>/backups)")

    def handle(self, *args: Any, **options: Any) -> None:
        out_dir = Path(options["output"] or Path(settings.DATA_DIR) / "backups")
        try:
            folder = backup.create_backup(
                database=backup.Database.from_settings(connection.settings_dict),
                media_root=Path(settings.MEDIA_ROOT),
                out_dir=out_dir,
                now=timezone.now(),
            )
        except backup.BackupError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(str(folder))
