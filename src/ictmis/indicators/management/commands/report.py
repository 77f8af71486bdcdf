"""`ictmis report REGIME PERIOD [--unit CODE] -o FILE`: a unit's report as an XLSX report form (or DHIS2 JSON
when FILE ends in .json). The unit defaults to the home province; the live edition is written (approved first,
else the latest), created as a draft with its derived values if there is none yet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ictmis.core.access import SYSTEM
from ictmis.core.errors import DomainError
from ictmis.indicators import exports, services
from ictmis.indicators.models import Report, ReportStatus


def live_report(*, regime: str, period: str, unit: str) -> Report:
    reports = Report.objects.filter(regime__code=regime, period=period.upper(), unit__code=unit).exclude(
        status=ReportStatus.SUPERSEDED
    )
    report = reports.filter(status=ReportStatus.APPROVED).first() or reports.order_by("-edition").first()
    if report is not None:
        return report
    return services.create_report(actor=SYSTEM, now=timezone.now(), regime=regime, unit=unit, period=period)


class Command(BaseCommand):
    help = "Write a report in the layout of its report form (XLSX) or as DHIS2 dataValueSets JSON."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("regime")
        parser.add_argument("period", help="2026, 2026S1, 2026Q1 or 202603")
        parser.add_argument("--unit", default="", help="unit code (default: the home province)")
        parser.add_argument("-o", "--output", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        unit = options["unit"] or settings.HOME_PROVINCE_CODES[0]
        try:
            report = live_report(regime=options["regime"], period=options["period"], unit=unit)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        output: Path = options["output"]
        if output.suffix.lower() == ".json":
            output.write_text(json.dumps(exports.dhis2_document([report]), ensure_ascii=False, indent=1))
        else:
            output.write_bytes(exports.report_xlsx(report, on=timezone.localdate()))
        self.stdout.write(f"{report.regime.code} {report.period} {report.unit.name} ({report.status}) → {output}")
