from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from ictmis.core import registry, registry_export, registry_selectors, security
from ictmis.core.access import SYSTEM


class Command(BaseCommand):
    help = "Export a registry (every live record) to XLSX, CSV or GeoJSON, or write its import template."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("registry", choices=registry.keys())
        parser.add_argument("--format", choices=["xlsx", "csv", "geojson"], default="xlsx")
        parser.add_argument("--template", action="store_true", help="write the empty import template (XLSX)")
        parser.add_argument("-o", "--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        spec = registry.get(options["registry"])
        output: Path = options["output"]
        if options["template"]:
            output.write_bytes(registry_export.template_bytes(spec))
            self.stdout.write(_("Template written to %(path)s") % {"path": output})
            return
        records = registry_selectors.records_for(spec, SYSTEM).order_by("pk").iterator(chunk_size=2000)
        columns = list(spec.columns)
        security.report_personal_data(spec, "exported", actor=None, format=options["format"], via="cli")
        if options["format"] == "xlsx":
            output.write_bytes(registry_export.export_xlsx(spec, records, columns))
        else:
            chunks = (
                registry_export.export_csv_lines(spec, records, columns)
                if options["format"] == "csv"
                else registry_export.export_geojson_chunks(spec, records, columns)
            )
            with output.open("w", encoding="utf-8", newline="") as handle:
                for chunk in chunks:
                    handle.write(chunk)
        self.stdout.write(_("Exported to %(path)s") % {"path": output})
