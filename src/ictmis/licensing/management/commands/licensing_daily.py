"""`ictmis licensing_daily`: run once a day (cron or a systemd timer) after midnight.

Marks licences past their last day as expired, sends the expiry reminders due (60 and 30 days before,
once each, as notifications with their e-mail), and drafts an apology letter with a new appointment for
every case that became late.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from ictmis.licensing import services


class Command(BaseCommand):
    help = "Expire licences, send expiry reminders, draft apology letters for late cases."

    def handle(self, *args: Any, **options: Any) -> None:
        done = services.run_daily(now=timezone.now())
        self.stdout.write(
            f"expired: {done['expired']}; reminders: {done['reminders']}; apology letters: {done['apologies']}"
        )
