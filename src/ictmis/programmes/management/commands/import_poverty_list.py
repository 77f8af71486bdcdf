"""`ictmis import_poverty_list FILE --year 2019 [...]`: the former name of `ictmis import poverty-list FILE`."""

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Import a year's approved poor and near-poor list (Excel or CSV), all or nothing: `import poverty-list`."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", required=True)
        parser.add_argument("--decision", default="")
        parser.add_argument("--standard", default="")
        parser.add_argument("--user", help="record the import as made by this user (default: system)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command(
            "import",
            "poverty-list",
            str(options["file"]),
            *(["--dry-run"] if options["dry_run"] else []),
            *(["--user", options["user"]] if options["user"] else []),
            "--year",
            str(options["year"]),
            "--decision",
            options["decision"],
            "--standard",
            options["standard"],
            stdout=self.stdout,
            stderr=self.stderr,
        )
