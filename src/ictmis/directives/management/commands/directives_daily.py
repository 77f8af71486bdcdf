"""`ictmis directives_daily [--date dd/mm/yyyy]`: effective deadlines refreshed from the working-day
calendar, and the day's reminders and weekly digest selected. Schedule it once a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ictmis.core.formatting import parse_date


class Command(BaseCommand):
    help = "Refresh task deadlines and select the day's reminders (the clock may be given with --date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day to run for (dd/mm/yyyy); today if absent")

    def handle(self, *args: Any, **options: Any) -> None:
        from ictmis.directives.reminders import plan_day
        from ictmis.directives.services import refresh_deadlines

        now = timezone.now()
        if options.get("date"):
            day = parse_date(options["date"])
            now = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 7, 0))
        changed = refresh_deadlines(now=now)
        plan = plan_day(now=now)
        for reminder in plan.reminders:
            self.stdout.write(
                f"{reminder.kind}\ttask {reminder.task_id}\t{reminder.due_on:%d/%m/%Y}\t{reminder.dedup_key}"
            )
        if plan.digest_key:
            self.stdout.write(f"digest\t{plan.digest_key}")
        self.stdout.write(f"deadlines refreshed: {changed}; reminders: {len(plan.reminders)}")
