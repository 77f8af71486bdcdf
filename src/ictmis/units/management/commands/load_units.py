from typing import Any

from django.core.management.base import BaseCommand

from ictmis.units import loading


class Command(BaseCommand):
    help = "Load administrative units: the 2025 structure and the project's historic files (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for result in loading.load_all(progress=lambda msg: self.stdout.write(msg)):
            self.stdout.write(
                f"  created {result.created}, updated {result.updated}, unchanged {result.unchanged}, "
                f"lineage links created {result.lineage_created}"
            )
        self.stdout.write(self.style.SUCCESS("Administrative units loaded."))
