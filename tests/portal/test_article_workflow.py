"""Who may return, publish, unpublish an article or discard pending edits: the step table, enforced by the
services and shown the same way by the newsroom pages and the API."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.core.errors import NotAllowedError
from ictmis.portal import articles
from ictmis.portal.models import Article

pytestmark = pytest.mark.django_db


def user(username: str) -> User:
    return User.objects.get(username=username)


def second_editor() -> User:
    colleague = User.objects.create_user("bientap2", password="x")
    colleague.groups.add(Group.objects.get(name="editor"))
    return colleague


def api(username: str) -> Client:
    _token, raw = create_token(user=user(username), name="t", now=timezone.now())
    return Client(headers={"Authorization": f"Bearer {raw}"})


def page(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def values(title: str = "Tin về chuyển đổi số") -> dict:
    return {name: "" for name in articles.CONTENT_FIELDS} | {
        "title": title,
        "lead": "Mở đầu.",
        "body": "<p>Nội dung.</p>",
        "category_id": None,
        "cover_image_id": None,
    }


def under_review() -> Article:
    article = articles.create_article(values=values(), actor=user("bientap"), now=timezone.now())
    return articles.transition(article=article, action="submit", actor=user("bientap"), now=timezone.now())


def published_with_edits_by(author: User) -> Article:
    article = articles.transition(article=under_review(), action="publish", actor=user("lanhdao"), now=timezone.now())
    return articles.edit_article(
        article=article,
        values=values("Tiêu đề sửa chờ duyệt"),
        expected_version=article.version,
        actor=author,
        now=timezone.now(),
    )


def test_an_editor_cannot_return_an_article_under_review_anywhere() -> None:
    article = under_review()

    with pytest.raises(NotAllowedError):
        articles.transition(article=article, action="return", actor=user("bientap"), now=timezone.now(), comment="x")
    by_api = api("bientap").post(
        f"/api/v1/articles/{article.pk}/return", {"comment": "Sửa lại"}, content_type="application/json"
    )
    by_page = page("bientap").post(f"/bien-tap/{article.pk}/return/", {"comment": "Sửa lại"})

    assert (by_api.status_code, by_page.status_code) == (403, 403)
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW


def test_a_leader_returns_an_article_under_review() -> None:
    article = under_review()

    response = api("lanhdao").post(
        f"/api/v1/articles/{article.pk}/return", {"comment": "Thêm nguồn"}, content_type="application/json"
    )

    assert response.status_code == 200 and response.json()["status"] == "returned"
    assert response.json()["review_comment"] == "Thêm nguồn"


def test_an_editor_cannot_discard_or_return_a_colleagues_pending_edits() -> None:
    article = published_with_edits_by(user("bientap"))
    colleague = second_editor()

    with pytest.raises(NotAllowedError):
        articles.transition(article=article, action="discard", actor=colleague, now=timezone.now())
    by_api = api("bientap2").post(f"/api/v1/articles/{article.pk}/discard", content_type="application/json")
    by_page = page("bientap2").post(f"/bien-tap/{article.pk}/discard/")
    returned = page("bientap2").post(f"/bien-tap/{article.pk}/return/", {"comment": "Bỏ"})

    assert (by_api.status_code, by_page.status_code, returned.status_code) == (403, 403, 403)
    assert Article.objects.get(pk=article.pk).pending["title"] == "Tiêu đề sửa chờ duyệt"


def test_an_editor_cannot_overwrite_a_colleagues_pending_edits_either() -> None:
    article = published_with_edits_by(user("bientap"))
    second_editor()

    body = {"version": article.version, "title": "Đè lên"}

    response = api("bientap2").patch(f"/api/v1/articles/{article.pk}", body, content_type="application/json")

    assert response.status_code == 403
    stored = Article.objects.get(pk=article.pk)
    assert (stored.pending["title"], stored.pending_by) == ("Tiêu đề sửa chờ duyệt", user("bientap"))


def test_the_author_of_the_edits_discards_them_and_the_live_text_stays() -> None:
    article = published_with_edits_by(user("bientap"))

    response = api("bientap").post(f"/api/v1/articles/{article.pk}/discard", content_type="application/json")

    assert response.status_code == 200
    stored = Article.objects.get(pk=article.pk)
    assert (stored.status, stored.pending, stored.pending_by, stored.title) == (
        Article.Status.PUBLISHED,
        None,
        None,
        "Tin về chuyển đổi số",
    )


def test_a_leader_discards_an_editors_pending_edits_from_the_newsroom() -> None:
    article = published_with_edits_by(user("bientap"))

    response = page("lanhdao").post(f"/bien-tap/{article.pk}/discard/")

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).pending is None


def test_pages_and_api_offer_each_user_only_the_steps_the_table_allows_them() -> None:
    review = under_review()
    edited = published_with_edits_by(user("bientap"))
    second_editor()

    def offered(username: str, article: Article) -> list[str]:
        return api(username).get(f"/api/v1/articles/{article.pk}").json()["allowed_actions"]

    assert offered("bientap", review) == []
    assert offered("lanhdao", review) == ["publish", "return"]
    assert offered("bientap", edited) == ["discard"]
    assert offered("bientap2", edited) == []
    assert offered("lanhdao", edited) == ["publish", "return", "discard", "unpublish"]
    assert f"/bien-tap/{review.pk}/return/" not in page("bientap").get(f"/bien-tap/{review.pk}/").content.decode()
    assert f"/bien-tap/{edited.pk}/discard/" in page("bientap").get(f"/bien-tap/{edited.pk}/").content.decode()
    assert f"/bien-tap/{edited.pk}/discard/" not in page("bientap2").get(f"/bien-tap/{edited.pk}/").content.decode()
