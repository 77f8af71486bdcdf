"""The 12-digit citizen identity number (căn cước công dân): province of birth, century and sex, year."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CENTURY = {"0": 1900, "1": 1900, "2": 2000, "3": 2000, "4": 2100, "5": 2100, "6": 2200, "7": 2200, "8": 1800, "9": 1800}


def validate_citizen_id(value: str, birth_year: int | None = None) -> None:
    if len(value) != 12 or not value.isdigit():
        raise ValidationError(_("A citizen ID has 12 digits."), code="citizen_id_format")
    if not 1 <= int(value[:3]) <= 96:
        raise ValidationError(
            _("The first three digits of a citizen ID are the province of birth (001–096)."), code="citizen_id_province"
        )
    if birth_year is not None:
        year = CENTURY[value[3]] + int(value[4:6])
        if year != birth_year:
            raise ValidationError(
                _("The citizen ID says born in %(year)s, not %(given)s.") % {"year": year, "given": birth_year},
                code="citizen_id_year",
            )
