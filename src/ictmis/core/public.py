"""What other apps may use of the kernel (most of it is imported directly: it is the lowest floor)."""

from ictmis.core.services import working_calendar
from ictmis.core.workdays import LEGAL_BASIS as WORKDAY_LEGAL_BASIS
from ictmis.core.workdays import WorkingCalendar

__all__ = ["WORKDAY_LEGAL_BASIS", "WorkingCalendar", "working_calendar"]
