"""`ictmis db_worker`: django-tasks-db's worker, which first settles the imports a dead worker left."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from ictmis.core import job_workers


class Command(DatabaseWorkerCommand):
    help = "Run the task worker (after failing or requeueing imports left running by a worker that is gone)."

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = job_workers.recover_interrupted_imports(now=timezone.now())
        if recovered.failed or recovered.requeued:
            message = _("Interrupted imports: %(failed)s marked failed, %(requeued)s queued again.")
            self.stderr.write(message % {"failed": len(recovered.failed), "requeued": len(recovered.requeued)})
        super().handle(*args, **options)
