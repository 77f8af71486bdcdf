import importlib.util

import pytest
from django.core.exceptions import ValidationError

from ictmis.parties.validators import normalise_tax_code, tax_code_is_valid, validate_citizen_id, validate_tax_code


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


@pytest.mark.parametrize(
    ("value", "birth_year", "code", "message"),
    [
        ("04407000123", None, "citizen_id_format", "Số định danh cá nhân gồm 12 chữ số."),
        ("04407000123A", 1970, "citizen_id_format", "Số định danh cá nhân gồm 12 chữ số."),
        ("097070001234", None, "citizen_id_province", "(001–096)"),
        ("044270001234", 1970, "citizen_id_year", "năm sinh 2070, không phải 1970"),
    ],
)
def test_the_one_citizen_id_check_names_what_is_wrong(value, birth_year, code, message) -> None:
    with pytest.raises(ValidationError) as caught:
        validate_citizen_id(value, birth_year)

    assert caught.value.code == code
    assert message in " ".join(caught.value.messages)


def test_a_citizen_id_passes_with_its_own_year_of_birth_or_none() -> None:
    validate_citizen_id("044070001234", 1970)
    validate_citizen_id("044070001234")
    validate_citizen_id("001305001234", 2005)


def test_programmes_and_training_have_no_citizen_id_check_of_their_own() -> None:
    from ictmis.programmes import list_import, registry
    from ictmis.training import services

    assert importlib.util.find_spec("ictmis.programmes.validators") is None
    assert list_import.validate_citizen_id is services.validate_citizen_id is validate_citizen_id
    assert registry._rules({"citizen_id": "044270001234", "head_birth_year": 1970}) == {
        "citizen_id": "Số định danh cho biết năm sinh 2070, không phải 1970."
    }
