"""`ictmis refresh_scorecards [--year YYYY]`: reassess every commune's criterion-8 scorecard of a year (default
the current one) from the registries and store it. Run it once a day after midnight: the current year is assessed
as of today, so each new day makes its stored rows stale (pages would otherwise reassess them on first read).
Also for operators after data written around the application."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ictmis.indicators import scorecards


class Command(BaseCommand):
    help = "Reassess and store every commune's criterion-8 scorecard of a year (default: the current year)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        year = options["year"] or today.year
        if not 2016 <= year <= today.year:
            raise CommandError(f"--year: from 2016 to {today.year}")
        count = scorecards.refresh(year=year, today=today)
        self.stdout.write(f"{year}: {count} communes")
