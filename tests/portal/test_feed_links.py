import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["portal:home", "portal:news"])
def test_portal_pages_advertise_the_news_feed_in_head(page: str) -> None:
    html = Client().get(reverse(page)).content.decode()

    head = html.split("</head>", 1)[0]
    feed = reverse("portal:news_feed")
    assert f'<link rel="alternate" type="application/rss+xml" title="Tin tức" href="{feed}">' in head
