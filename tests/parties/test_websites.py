"""An organisation's website is an http(s) address, in the form, the API and the model."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.parties import services
from ictmis.parties.models import Organisation

pytestmark = pytest.mark.django_db
MESSAGE = "Trang thông tin điện tử: chỉ chấp nhận địa chỉ web bắt đầu bằng http:// hoặc https://."


def test_the_api_refuses_a_javascript_website_with_a_422_naming_the_field() -> None:
    _token, raw = create_token(user=User.objects.get(username="chuyenvien"), name="t", now=timezone.now())
    client = Client(headers={"Authorization": f"Bearer {raw}"})

    response = client.post(
        "/api/v1/organisations",
        {"name": "Hội Tin học", "kind": "other", "website": "javascript:alert(1)"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "website", "message": MESSAGE}]
    assert not Organisation.objects.filter(name="Hội Tin học").exists()


def test_the_form_refuses_a_data_website() -> None:
    client = Client()
    client.force_login(User.objects.get(username="chuyenvien"))

    response = client.post("/to-chuc/them/", {"name": "Hội Tin học", "kind": "other", "website": "data:text/html,x"})

    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert not Organisation.objects.filter(name="Hội Tin học").exists()


def test_the_model_refuses_an_ftp_website_whoever_writes_it(specialist, now) -> None:
    with pytest.raises(ValidationError) as caught:
        services.create_organisation(
            actor=specialist, now=now, values={"name": "Hội Tin học", "kind": "other", "website": "ftp://hoi.vn"}
        )
    assert caught.value.message_dict["website"] == [MESSAGE]
