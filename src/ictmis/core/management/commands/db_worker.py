"""`ictmis db_worker`: django-tasks-db's worker, which first settles the imports a dead worker left."""

from typing import Any

from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from ictmis.core import job_workers


class Command(DatabaseWorkerCommand):
    help = "Run the task worker (after failing or requeueing imports left running by a worker that is gone)."

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = job_workers.recover_interrupted_imports(now=timezone.now())
        if recovered.failed or recovered.requeued:
            self.stderr.write(
                f"Interrupted imports: {len(recovered.failed)} marked failed, {len(recovered.requeued)} queued again."
            )
        super().handle(*args, **options)
