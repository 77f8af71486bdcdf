"""What sector apps may use of the licensing engine: register their licence families, and the services
their demo data and imports go through."""

import datetime as dt

from ictmis.licensing.families import Family
from ictmis.licensing.families import register as register_family
from ictmis.licensing.selectors import public_licences
from ictmis.licensing.services import act, open_case, run_daily, set_licence_status

__all__ = [
    "Family",
    "act",
    "open_case",
    "public_licences",
    "register_family",
    "run_daily",
    "set_licence_status",
    "suspend_licence",
]


def suspend_licence(
    *, licence_id: int, decision: str, reason: str, on: dt.date, actor: object, now: dt.datetime
) -> object:
    """Suspend a licence by a decision of another app (an administrative sanction), which is kept as the reason."""
    from ictmis.licensing.models import Licence

    licence = Licence.objects.get(pk=licence_id)
    return set_licence_status(
        licence=licence, status=Licence.Status.SUSPENDED, decision=decision, reason=reason, on=on, actor=actor, now=now
    )
