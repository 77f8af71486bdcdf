from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from ictmis.accounts.demo import load_demo


class Command(BaseCommand):
    help = "Load administrative units and the demo organisations and accounts (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("load_units", stdout=self.stdout)
        created = load_demo(now=timezone.now(), progress=lambda m: self.stdout.write(m))
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({created} accounts created)."))
