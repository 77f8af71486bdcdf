"""What other apps may use of the parties app."""

from ictmis.parties.models import Organisation, OrganisationKind
from ictmis.parties.selectors import organisations_for

__all__ = ["Organisation", "OrganisationKind", "organisations_for"]
