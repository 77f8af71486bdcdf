from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ictmis.core.formatting import format_date, parse_date
from ictmis.units import selectors


class Command(BaseCommand):
    help = "Show a unit with its ancestors, children and history (lineage and earlier holders of its code)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code")
        parser.add_argument("--on", type=parse_date, help="the structure valid that day (dd/mm/yyyy)")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = selectors.unit_by_code(options["code"], on=options["on"])
        if unit is None:
            raise CommandError(_("No administrative unit has this code."))
        chain = " › ".join(a.name for a in [*selectors.ancestors_of(unit), unit])
        until = format_date(unit.valid_to) if unit.valid_to else _("now")
        self.stdout.write(f"{unit.code} {chain} [{unit.get_type_display()}] {format_date(unit.valid_from)} – {until}")
        children = list(selectors.children_of(unit))
        self.stdout.write(f"{_('Subordinate units')}: {len(children)}")
        for child in children:
            self.stdout.write(f"  {child.code:>6}  {child.name}")
        lineage = selectors.lineage_of(unit)
        for link in lineage["successors"]:
            self.stdout.write(f"→ {link.get_kind_display()} {link.successor.name} ({format_date(link.effective)})")
        for link in lineage["predecessors"]:
            self.stdout.write(f"← {link.predecessor.name} ({format_date(link.effective)})")
