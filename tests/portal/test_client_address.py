"""Behind the reverse proxy, the portal's per-address limits apply to each visitor, not to the proxy."""

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.portal import articles, services
from ictmis.portal.models import Feedback
from tests.portal.test_news import draft
from tests.portal.test_portal import contact_form

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"


def _via_proxy(visitor: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor)


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_one_visitor_over_the_contact_limit_does_not_silence_the_others() -> None:
    for number in range(services.FEEDBACK_PER_HOUR):
        _via_proxy("198.51.100.1").post("/cong-thong-tin/lien-he/", contact_form(subject=f"S{number}"))
    _via_proxy("198.51.100.1").post("/cong-thong-tin/lien-he/", contact_form(subject="again"))
    assert not Feedback.objects.filter(subject="again").exists()

    _via_proxy("198.51.100.2").post("/cong-thong-tin/lien-he/", contact_form(subject="another visitor"))

    assert Feedback.objects.filter(subject="another visitor").exists()


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_rating_limit_is_per_visitor_behind_the_proxy() -> None:
    leader = User.objects.get(username="lanhdao")
    now = timezone.now()
    article = articles.transition(article=draft(leader, now), action="submit", actor=leader, now=now)
    article = articles.transition(article=article, action="publish", actor=leader, now=now)
    busy = _via_proxy("198.51.100.1")
    for _ in range(articles.RATINGS_PER_HOUR):
        busy.cookies.clear()
        busy.post(f"/api/v1/articles/{article.pk}/ratings", {"stars": 4}, content_type="application/json")
    busy.cookies.clear()
    over = busy.post(f"/api/v1/articles/{article.pk}/ratings", {"stars": 4}, content_type="application/json")
    assert over.status_code == 429

    other = _via_proxy("198.51.100.2").post(
        f"/api/v1/articles/{article.pk}/ratings", {"stars": 5}, content_type="application/json"
    )

    assert other.status_code == 200
