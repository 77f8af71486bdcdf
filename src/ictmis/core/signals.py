"""Signals the kernel sends; higher apps listen (the kernel never imports them)."""

from django.dispatch import Signal

# An import job has ended: `job` (ImportJob), `ok` (committed, or failed/refused), `now`.
import_job_ended = Signal()
