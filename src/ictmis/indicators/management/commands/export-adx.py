"""`ictmis export-adx REGIME PERIOD [-o FILE]`: the communes' live reports of a regime and period as one ADX
(IHE aggregate data exchange) XML document for a ministry's data warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ictmis.indicators import exports, periods
from ictmis.indicators.models import Report, ReportStatus


class Command(BaseCommand):
    help = "Write the live reports of a regime and period as ADX XML."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("regime")
        parser.add_argument("period")
        parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = str(periods.parse(options["period"]))
        except periods.PeriodError as exc:
            raise CommandError(exc.message) from exc
        reports = (
            Report.objects.filter(
                regime__code=options["regime"],
                period=period,
                status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED],
            )
            .select_related("regime", "unit")
            .order_by("unit__code")
        )
        document = exports.adx_document(reports, exported=timezone.now())
        if options["output"]:
            options["output"].write_bytes(document)
            self.stdout.write(f"{reports.count()} → {options['output']}")
        else:
            self.stdout.write(document.decode())
