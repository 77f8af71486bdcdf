"""`ictmis remind_reports REGIME PERIOD`: remind the communes of the home province whose report is late (a
notification and an e-mail, at most once a day each); meant for a daily timer."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ictmis.core.access import SYSTEM
from ictmis.indicators import dashboard, periods, services


class Command(BaseCommand):
    help = "Remind the communes whose report of REGIME for PERIOD is late."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("regime")
        parser.add_argument("period")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        try:
            period = periods.parse(options["period"])
        except periods.PeriodError as exc:
            raise CommandError(exc.message) from exc
        province = dashboard.home_province(period.end)
        try:
            count = services.remind_late(
                actor=SYSTEM, now=now, regime=options["regime"], period=str(period), province=province
            )
        except ValidationError as exc:
            raise CommandError(str(exc.message_dict)) from exc
        self.stdout.write(f"{count}")
