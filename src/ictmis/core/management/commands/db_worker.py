"""`ictmis db_worker`: django-tasks-db's worker, which first settles the imports a dead worker left.

While it runs it looks again every `SWEEP_SECONDS`, so a worker that dies on another machine and is
never restarted does not leave its import "committing" for ever either.
"""

import logging
import threading
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from ictmis.core import job_workers

SWEEP_SECONDS = 60.0
logger = logging.getLogger(__name__)


def _sweep(stopped: threading.Event) -> None:
    while not stopped.wait(SWEEP_SECONDS):
        try:
            job_workers.recover_interrupted_imports(now=timezone.now())
        except Exception:  # the next sweep tries again; the worker itself must go on
            logger.warning("Could not look for interrupted imports", exc_info=True)
        finally:
            connection.close()


class Command(DatabaseWorkerCommand):
    help = "Run the task worker (after failing or requeueing imports left running by a worker that is gone)."

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = job_workers.recover_interrupted_imports(now=timezone.now())
        if recovered.failed or recovered.requeued:
            message = _("Interrupted imports: %(failed)s marked failed, %(requeued)s queued again.")
            self.stderr.write(message % {"failed": len(recovered.failed), "requeued": len(recovered.requeued)})
        stopped = threading.Event()
        threading.Thread(target=_sweep, args=(stopped,), name="import-sweeper", daemon=True).start()
        try:
            super().handle(*args, **options)
        finally:
            stopped.set()
