"""Web addresses: http(s) with a host only, whatever the case or the spaces around the scheme."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy

from ictmis.core.forms import HttpUrlField
from ictmis.core.validators import HttpUrlValidator, is_http_url

HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "ftp://files.example.vn/a.pdf",
    "vbscript:msgbox(1)",
    "https://",
    "//mic.gov.vn/tin",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_anything_but_an_http_address_is_refused(value: str) -> None:
    assert not is_http_url(value)


@pytest.mark.parametrize(
    "value", ["", "https://mic.gov.vn/tin-tuc/1", "HTTP://quangtri.gov.vn", "http://10.0.0.1:8080/a"]
)
def test_http_and_https_addresses_pass(value: str) -> None:
    assert is_http_url(value)


def test_the_message_names_the_field_in_vietnamese() -> None:
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        HttpUrlValidator(gettext_lazy("source link"))("javascript:alert(1)")
    assert caught.value.messages == ["Liên kết nguồn: chỉ chấp nhận địa chỉ web bắt đầu bằng http:// hoặc https://."]


@pytest.mark.parametrize("value", ["javascript:alert(1)", "data:text/html,x", "ftp://files.example.vn"])
def test_the_form_field_gives_one_clear_message(value: str) -> None:
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        HttpUrlField(label="Liên kết nguồn", required=False).clean(value)
    assert caught.value.messages == ["Liên kết nguồn: chỉ chấp nhận địa chỉ web bắt đầu bằng http:// hoặc https://."]


def test_the_form_field_still_completes_a_bare_domain() -> None:
    assert HttpUrlField(label="x", required=False).clean("mic.gov.vn/tin") == "https://mic.gov.vn/tin"
