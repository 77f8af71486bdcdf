import pytest
from django.core.exceptions import ValidationError

from ictmis.parties.validators import normalise_tax_code, tax_code_is_valid, validate_tax_code


@pytest.mark.parametrize("code", ["0100109106", "0100684378", "0100109106-001", "0100109106001", "4701234564"])
def test_real_and_demo_tax_codes_pass(code: str) -> None:
    validate_tax_code(code)


@pytest.mark.parametrize("code", ["0100109107", "0100684371", "4701234565"])
def test_wrong_check_digit_is_refused(code: str) -> None:
    assert not tax_code_is_valid(code)
    with pytest.raises(ValidationError) as caught:
        validate_tax_code(code)
    assert caught.value.code == "tax_code_check"


@pytest.mark.parametrize("code", ["12345", "01001091060", "010010910A", "0100109106-01"])
def test_wrong_length_or_characters_are_refused(code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_tax_code(code)
    assert caught.value.code == "tax_code_format"


def test_branch_codes_are_stored_with_a_dash() -> None:
    assert normalise_tax_code("0100109106001") == "0100109106-001"
    assert normalise_tax_code(" 0100109106 ") == "0100109106"
