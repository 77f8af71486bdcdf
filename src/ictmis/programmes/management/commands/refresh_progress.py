from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ictmis.programmes import tallies


class Command(BaseCommand):
    help = "Recount every commune's programme tallies from the records (after data written around the application)."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = tallies.rebuild()
        self.stdout.write(_("Progress recounted: %(rows)s rows of communes by programme and year.") % {"rows": rows})
