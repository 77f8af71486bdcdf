"""An article's source link is an http(s) address: a javascript:, data: or ftp: value is refused by the
newsroom form, the API and the service, with a Vietnamese message naming the field, and nothing is saved."""

import pytest
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.core.errors import DomainError
from ictmis.portal import articles
from ictmis.portal.models import Article

pytestmark = pytest.mark.django_db
MESSAGE = "Liên kết nguồn: chỉ chấp nhận địa chỉ web bắt đầu bằng http:// hoặc https://."
HOSTILE = ["javascript:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4=", "ftp://files.example.vn/a"]


def api(username: str) -> Client:
    _token, raw = create_token(user=User.objects.get(username=username), name="t", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.mark.parametrize("link", HOSTILE)
def test_the_newsroom_form_refuses_a_link_that_is_not_http(link: str) -> None:
    editor = Client()
    editor.force_login(User.objects.get(username="bientap"))

    response = editor.post(
        "/bien-tap/them/", {"title": "Tin có nguồn lạ", "lead": "Mở đầu", "body": "<p>a</p>", "source_url": link}
    )

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Article.objects.filter(title="Tin có nguồn lạ").exists()


@pytest.mark.parametrize("link", HOSTILE)
def test_the_api_refuses_a_link_that_is_not_http_with_a_422_naming_the_field(link: str) -> None:
    editor = api("bientap")

    created = editor.post(
        "/api/v1/articles", {"title": "Tin API", "lead": "Mở đầu", "source_url": link}, content_type="application/json"
    )

    assert created.status_code == 422
    assert {"field": "source_url", "message": MESSAGE} in created.json()["errors"]
    assert not Article.objects.filter(title="Tin API").exists()


def test_a_patch_cannot_slip_a_javascript_link_into_an_article() -> None:
    editor = api("bientap")
    article = editor.post(
        "/api/v1/articles", {"title": "Tin API", "lead": "Mở đầu", "source_url": "https://mic.gov.vn/a"},
        content_type="application/json",
    ).json()  # fmt: skip

    patched = editor.patch(
        f"/api/v1/articles/{article['id']}",
        {"version": article["version"], "source_url": "javascript:alert(1)"},
        content_type="application/json",
    )

    assert patched.status_code == 422 and patched.json()["errors"][0]["field"] == "source_url"
    assert Article.objects.get(pk=article["id"]).source_url == "https://mic.gov.vn/a"


def test_the_service_refuses_it_whoever_calls_it(now) -> None:
    values = {name: "" for name in articles.CONTENT_FIELDS} | {
        "title": "Tin",
        "lead": "a",
        "source_url": "JaVaScRiPt:alert(1)",
        "category_id": None,
        "cover_image_id": None,
    }

    with pytest.raises(DomainError) as caught:
        articles.create_article(values=values, actor=User.objects.get(username="bientap"), now=now)

    assert caught.value.field == "source_url" and caught.value.message == MESSAGE
