"""`ictmis directives_daily [--date dd/mm/yyyy]`: effective deadlines refreshed from the working-day
calendar, the day's reminders and the Monday digest sent, each once. Schedule it once a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ictmis.core.formatting import parse_date


class Command(BaseCommand):
    help = "Refresh task deadlines and send the day's reminders (the clock may be given with --date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to run for (dd/mm/yyyy); today if absent")

    def handle(self, *args: Any, **options: Any) -> None:
        from ictmis.directives.reminders import run_daily

        now = timezone.now()
        if options.get("date"):
            day = parse_date(options["date"])
            now = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 7, 0))
        result = run_daily(now=now)
        self.stdout.write(
            f"deadlines refreshed: {result['refreshed']}; reminders due: {result['reminders']}; "
            f"notifications written: {result['sent']}; digest notifications: {result['digests']}"
        )
