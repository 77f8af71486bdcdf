"""The news API: what each caller sees, writes through the same workflow, pictures, bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.portal import articles
from ictmis.portal.demo import illustration
from ictmis.portal.models import Article

pytestmark = pytest.mark.django_db


def api(username: str | None) -> Client:
    if username is None:
        return Client()
    _token, raw = create_token(user=User.objects.get(username=username), name="t", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_the_public_sees_published_articles_and_editors_see_every_state(now) -> None:
    leader = User.objects.get(username="lanhdao")
    live = articles.create_article(values={"title": "Đã đăng", "lead": "a", "body": ""}, actor=leader, now=now)
    live = articles.transition(article=live, action="submit", actor=leader, now=now)
    live = articles.transition(article=live, action="publish", actor=leader, now=now)
    draft = articles.create_article(values={"title": "Bản nháp", "lead": "a", "body": ""}, actor=leader, now=now)

    public = api(None).get("/api/v1/articles").json()
    assert [a["title"] for a in public["items"]] == ["Đã đăng"] and "status" not in public["items"][0]
    assert api(None).get(f"/api/v1/articles/{draft.pk}").status_code == 404
    assert api("canboxa").get(f"/api/v1/articles/{draft.pk}").status_code == 404

    editor = api("bientap")
    everything = editor.get("/api/v1/articles").json()
    assert {a["title"]: a["status"] for a in everything["items"]} == {"Đã đăng": "published", "Bản nháp": "draft"}
    assert everything["count"] == 2
    drafts = editor.get("/api/v1/articles", {"status": "draft"}).json()["items"]
    assert [a["title"] for a in drafts] == ["Bản nháp"] and drafts[0]["allowed_actions"] == ["submit"]
    assert editor.get(f"/api/v1/articles/{draft.pk}").json()["version"] == 1


def test_editors_write_submit_and_leaders_publish_through_the_api() -> None:
    editor, leader = api("bientap"), api("lanhdao")
    body = {
        "title": "Tin viết qua API",
        "lead": "Mở đầu",
        "body": '<p onclick="x()">Thân <script>alert(1)</script></p>',
        "category": None,
        "source_name": "Mic.gov.vn",
    }
    assert api(None).post("/api/v1/articles", body, content_type="application/json").status_code == 401
    assert api("canboxa").post("/api/v1/articles", body, content_type="application/json").status_code == 403

    created = editor.post("/api/v1/articles", body, content_type="application/json")
    assert created.status_code == 201
    article = created.json()
    assert article["status"] == "draft" and article["body"] == "<p>Thân </p>"

    stale = editor.patch(
        f"/api/v1/articles/{article['id']}", {"version": 99, "title": "X"}, content_type="application/json"
    )
    assert stale.status_code == 409 and stale.json()["errors"][0]["field"] == "version"
    patched = editor.patch(
        f"/api/v1/articles/{article['id']}", {"version": 1, "lead": "Mở đầu mới"}, content_type="application/json"
    ).json()
    assert patched["lead"] == "Mở đầu mới" and patched["title"] == "Tin viết qua API" and patched["version"] == 2

    out_of_order = editor.post(f"/api/v1/articles/{article['id']}/publish", content_type="application/json")
    assert out_of_order.status_code in (403, 409)
    submitted = editor.post(f"/api/v1/articles/{article['id']}/submit", content_type="application/json")
    assert submitted.json()["status"] == "review"
    refused = editor.post(f"/api/v1/articles/{article['id']}/publish", content_type="application/json")
    assert refused.status_code == 403
    no_comment = leader.post(f"/api/v1/articles/{article['id']}/return", {}, content_type="application/json")
    assert no_comment.status_code == 409 and no_comment.json()["errors"][0]["field"] == "comment"
    published = leader.post(f"/api/v1/articles/{article['id']}/publish", content_type="application/json").json()
    assert published["status"] == "published" and published["published_at"]
    assert api(None).get(f"/api/v1/articles/{article['id']}").json()["title"] == "Tin viết qua API"

    pending = editor.patch(
        f"/api/v1/articles/{article['id']}", {"version": published["version"], "title": "Sửa sau khi đăng"},
        content_type="application/json",
    ).json()  # fmt: skip
    assert pending["title"] == "Tin viết qua API" and pending["pending"]["title"] == "Sửa sau khi đăng"
    assert api(None).get(f"/api/v1/articles/{article['id']}").json()["title"] == "Tin viết qua API"
    again = editor.post(f"/api/v1/articles/{article['id']}/submit", content_type="application/json")
    assert again.status_code == 409 and "publish" in again.json()["detail"]


def test_bad_article_input_is_refused_field_by_field() -> None:
    editor = api("bientap")
    missing = editor.post("/api/v1/articles", {"lead": "a"}, content_type="application/json")
    assert missing.status_code == 422 and "title" in {e["field"] for e in missing.json()["errors"]}
    no_alt = editor.post(
        "/api/v1/articles", {"title": "t", "lead": "a", "body": '<img src="/x.webp">'}, content_type="application/json"
    )
    assert no_alt.status_code == 409 and no_alt.json()["errors"][0]["field"] == "body"
    unknown = editor.post(
        "/api/v1/articles", {"title": "t", "lead": "a", "category": "khong-co"}, content_type="application/json"
    )
    assert unknown.json()["errors"][0]["field"] == "category"
    assert Article.objects.count() == 0


def test_pictures_are_uploaded_through_the_api_and_become_covers() -> None:
    editor = api("bientap")
    png = illustration((10, 20, 30), (200, 100, 50), width=1000)
    refused = editor.post("/api/v1/images", {"file": SimpleUploadedFile("a.png", png), "alt": ""})
    assert refused.status_code == 422
    not_picture = editor.post("/api/v1/images", {"file": SimpleUploadedFile("a.png", b"MZ\x90\x00"), "alt": "x"})
    assert not_picture.status_code == 422 and not_picture.json()["errors"][0]["field"] == "file"
    uploaded = editor.post("/api/v1/images", {"file": SimpleUploadedFile("a.png", png), "alt": "Cột ăng-ten"})
    assert uploaded.status_code == 201
    image = uploaded.json()
    assert image["width"] == 1000 and 'alt="Cột ăng-ten"' in image["html"] and "960w" in image["srcset"]

    created = editor.post(
        "/api/v1/articles", {"title": "Có ảnh", "lead": "a", "cover_image": image["id"], "body": image["html"]},
        content_type="application/json",
    ).json()  # fmt: skip
    assert created["cover_image"]["id"] == image["id"]
    assert (
        api("canboxa").post("/api/v1/images", {"file": SimpleUploadedFile("a.png", png), "alt": "x"}).status_code == 403
    )
