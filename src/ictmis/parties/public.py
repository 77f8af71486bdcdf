"""What other apps may use of the parties app."""

from ictmis.parties.models import Gender, Organisation, OrganisationKind, Person
from ictmis.parties.sections import PersonSection, register_person_section
from ictmis.parties.selectors import organisations_for, persons_for
from ictmis.parties.services import find_or_create_person, matching_person, same_name
from ictmis.parties.validators import citizen_id_birth_year, validate_citizen_id

__all__ = [
    "Gender",
    "Organisation",
    "OrganisationKind",
    "Person",
    "PersonSection",
    "citizen_id_birth_year",
    "find_or_create_person",
    "matching_person",
    "organisations_for",
    "persons_for",
    "register_person_section",
    "same_name",
    "validate_citizen_id",
]
