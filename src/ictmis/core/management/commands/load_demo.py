from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from ictmis.core import demo


class Command(BaseCommand):
    help = "Load the demo: administrative units, organisations, accounts and registry records (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            demo.load_all(now=timezone.now(), progress=lambda m: self.stdout.write(m))
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
