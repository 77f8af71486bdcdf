"""`ictmis load_unit_positions FILE [--source ...]`: points of units for maps; all rows or none."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ictmis.units import positions


class Command(BaseCommand):
    help = "Load the map points of units from Excel/CSV (unit code, latitude, longitude); all rows or none."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", default="", help="where the points come from (kept with each point)")

    def handle(self, *args: Any, **options: Any) -> None:
        rows, errors = positions.read(options["file"])
        if errors:
            for line, message in errors:
                self.stdout.write(_("row %(row)s: %(message)s") % {"row": line, "message": message})
            raise CommandError(_("%(n)s error(s); nothing was written.") % {"n": len(errors)})
        count = positions.save(rows, source=options["source"] or options["file"].name)
        self.stdout.write(_("%(n)s position(s) saved.") % {"n": count})
