from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from ictmis.core.access import SYSTEM
from ictmis.infosec.exports import inventory_xlsx
from ictmis.infosec.selectors import systems_for


class Command(BaseCommand):
    help = "Export the inventory of information systems to XLSX (the columns of the import template)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("vi"):
            options["output"].write_bytes(inventory_xlsx(systems_for(SYSTEM).order_by("code")))
        self.stdout.write(_("Exported to %(path)s") % {"path": options["output"]})
