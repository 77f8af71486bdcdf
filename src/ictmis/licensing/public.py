"""What sector apps may use of the licensing engine: register their licence families, and the services
their demo data and imports go through."""

from ictmis.licensing.families import Family
from ictmis.licensing.families import register as register_family
from ictmis.licensing.selectors import public_licences
from ictmis.licensing.services import act, open_case, run_daily, set_licence_status
from ictmis.licensing.uploads import check as check_upload

__all__ = [
    "Family",
    "act",
    "check_upload",
    "open_case",
    "public_licences",
    "register_family",
    "run_daily",
    "set_licence_status",
]
