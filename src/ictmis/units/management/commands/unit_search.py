from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ictmis.core.formatting import format_date, parse_date
from ictmis.units import selectors


class Command(BaseCommand):
    help = "Search administrative units by name or code, diacritics optional (e.g. 'dak lak')."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument("--on", type=parse_date, help="the structure valid that day (dd/mm/yyyy)")
        parser.add_argument("--level", choices=["province", "district", "commune"])
        parser.add_argument("--limit", type=int, default=50)

    def handle(self, *args: Any, **options: Any) -> None:
        found = selectors.units(q=options["query"], on=options["on"], level=options["level"])
        total = found.count()
        for unit in found[: options["limit"]]:
            parent = f" · {unit.parent.name}" if unit.parent else ""
            until = f" · {_('until')} {format_date(unit.valid_to)}" if unit.valid_to else ""
            self.stdout.write(f"{unit.code:>6}  {unit.name}  ({unit.get_level_display()}{parent}{until})")
        self.stdout.write(ngettext("%(n)s unit found", "%(n)s units found", total) % {"n": total})
