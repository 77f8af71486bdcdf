"""`ictmis import_poverty_list FILE --year 2019 [--decision ...] [--dry-run]`: a year's approved list."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ictmis.core.access import SYSTEM
from ictmis.core.errors import DomainError
from ictmis.programmes import lists


class Command(BaseCommand):
    help = "Import a year's approved poor and near-poor list (Excel or CSV); all or nothing."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--decision", default="")
        parser.add_argument("--standard", default="")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        result = lists.check_list(path, year=options["year"])
        for line, column, message in result.errors:
            self.stderr.write(f"line {line}, {column}: {message}")
        for line, code, twin in result.duplicates:
            self.stdout.write(f"line {line}: {code} may be the same household as {twin}")
        if result.errors:
            raise CommandError(f"{len(result.errors)} errors: nothing was written")
        if options["dry_run"]:
            self.stdout.write(f"checked {len(result.rows)} rows: {result.new} new, {result.existing} known households")
            return
        try:
            lists.import_list(
                path=path,
                year=options["year"],
                decision=options["decision"],
                standard=options["standard"],
                actor=SYSTEM,
                now=timezone.now(),
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"imported {len(result.rows)} rows for {options['year']}: {result.new} new households")
