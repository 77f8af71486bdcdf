from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ictmis.accounts import security_log


class Command(BaseCommand):
    help = "Delete security events older than ICTMIS_SECURITY_LOG_RETENTION_DAYS (at least 90). Run it daily."

    def handle(self, *args: Any, **options: Any) -> None:
        days = settings.SECURITY_LOG_RETENTION_DAYS
        deleted = security_log.purge(now=timezone.now(), retention_days=days)
        self.stdout.write(f"{deleted} security event(s) older than {days} days deleted.")
