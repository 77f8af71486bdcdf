"""Checks of Vietnamese identifiers."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TAX_CODE_BASIS = "Thông tư 105/2020/TT-BTC, Điều 5 (cấu trúc mã số thuế)"
_TAX_CODE = re.compile(r"^(\d{10})(?:-?(\d{3}))?$")
_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def normalise_tax_code(value: str) -> str:
    """ "0100109106001" and "0100109106-001" are the same branch code; store it with the dash."""
    match = _TAX_CODE.match(value.strip().replace(" ", ""))
    if not match:
        return value.strip()
    return match.group(1) + (f"-{match.group(2)}" if match.group(2) else "")


def tax_code_is_valid(value: str) -> bool:
    match = _TAX_CODE.match(value.strip().replace(" ", ""))
    if not match:
        return False
    digits = [int(ch) for ch in match.group(1)]
    check = 10 - sum(w * d for w, d in zip(_WEIGHTS, digits[:9], strict=True)) % 11
    return check == digits[9]


def validate_tax_code(value: str) -> None:
    if not _TAX_CODE.match(value.strip().replace(" ", "")):
        raise ValidationError(
            _("A tax code has 10 digits, or 13 digits for a branch (e.g. 0100109106 or 0100109106-001)."),
            code="tax_code_format",
        )
    if not tax_code_is_valid(value):
        raise ValidationError(_("This tax code is not valid: its check digit does not match."), code="tax_code_check")


_PHONE = re.compile(r"^\+?[0-9 .()-]{8,20}$")


def validate_phone(value: str) -> None:
    if not _PHONE.match(value):
        raise ValidationError(_("Enter a phone number of 8 to 20 digits."), code="phone")


# The 12-digit citizen identity number (căn cước công dân): 3 digits for the province of birth, 1 for century
# and sex, 2 for the year of birth, 6 at random.
_CITIZEN_CENTURY = {"0": 1900, "1": 1900, "2": 2000, "3": 2000, "4": 2100, "5": 2100, "6": 2200, "7": 2200,
                    "8": 1800, "9": 1800}  # fmt: skip


def validate_citizen_id(value: str, birth_year: int | None = None) -> None:
    """A well-formed citizen ID (12 digits, a province of birth 001–096) and, when `birth_year` is given, one
    whose century and year digits say that year. The one check of citizen IDs: persons, enrolments and the
    programmes' households all use it."""
    if len(value) != 12 or not value.isdigit():
        raise ValidationError(_("A citizen ID has 12 digits."), code="citizen_id_format")
    if not 1 <= int(value[:3]) <= 96:
        raise ValidationError(
            _("The first three digits of a citizen ID are the province of birth (001–096)."), code="citizen_id_province"
        )
    if birth_year is not None:
        validate_citizen_id_year(value, birth_year)


def validate_citizen_id_year(value: str, birth_year: int) -> None:
    """The year of birth a well-formed citizen ID carries must be `birth_year`."""
    year = citizen_id_birth_year(value)
    if year != birth_year:
        raise ValidationError(
            _("The citizen ID says born in %(year)s, not %(given)s.") % {"year": year, "given": birth_year},
            code="citizen_id_year",
        )


def citizen_id_birth_year(value: str) -> int:
    """The year of birth a well-formed citizen ID carries."""
    return _CITIZEN_CENTURY[value[3]] + int(value[4:6])
