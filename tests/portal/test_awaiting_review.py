"""The newsroom's "waiting for my review": what a publisher must decide on, offered to publishers only."""

import pytest
from django.utils import timezone

from ictmis.portal import articles
from tests.portal.test_article_workflow import page, published_with_edits_by, under_review, user, values

pytestmark = pytest.mark.django_db


def test_a_publisher_finds_the_submitted_articles_and_the_pending_edits() -> None:
    submitted = under_review()
    edited = published_with_edits_by(user("bientap"))
    draft = articles.create_article(values=values("Bản nháp riêng"), actor=user("bientap"), now=timezone.now())

    listed = page("lanhdao").get("/bien-tap/", {"cho_duyet": "1"}).content.decode()

    assert f"/bien-tap/{submitted.pk}/" in listed and f"/bien-tap/{edited.pk}/" in listed
    assert f"/bien-tap/{draft.pk}/" not in listed


def test_an_editor_who_does_not_publish_is_not_offered_the_filter() -> None:
    draft = articles.create_article(values=values("Bản nháp riêng"), actor=user("bientap"), now=timezone.now())

    listed = page("bientap").get("/bien-tap/", {"cho_duyet": "1"}).content.decode()

    assert 'data-testid="articles-waiting"' not in listed and f"/bien-tap/{draft.pk}/" in listed
