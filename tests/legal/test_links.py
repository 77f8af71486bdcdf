import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ictmis.legal.models import LegalDocument

pytestmark = pytest.mark.django_db


def test_a_legal_document_links_to_its_text_over_http_only() -> None:
    document = LegalDocument(number="1/2026/TT-X", doc_type="circular", issuer="Bộ", title="Thông tư", url="ftp://a.vn")

    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        document.full_clean()

    assert caught.value.message_dict["url"] == [
        "Đường dẫn văn bản: chỉ chấp nhận địa chỉ web bắt đầu bằng http:// hoặc https://."
    ]
