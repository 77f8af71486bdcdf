import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from ictmis.accounts.models import User
from ictmis.core.errors import DomainError, StaleRecordError
from ictmis.portal import articles
from ictmis.portal.models import Article

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script><p>ok</p>",
    '<p onclick="alert(1)">ok</p>',
    '<img src="x" onerror="alert(1)" alt="a">',
    '<a href="javascript:alert(1)">ok</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">ok</a>',
    '<iframe src="https://evil.example"></iframe><p>ok</p>',
    '<svg onload="alert(1)"><p>ok</p></svg>',
    '<p style="background:url(javascript:alert(1))">ok</p>',
    '<object data="x"></object><embed src="x">',
    '<form action="https://evil.example"><input name="a"></form>',
    '<p><a href="  JaVaScRiPt:alert(1)">ok</a></p>',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_never_survives(html: str) -> None:
    clean = articles.sanitise(html).lower()
    for fragment in ("<script", "onclick", "onerror", "onload", "javascript:", "data:text", "<iframe", "<svg",
                     "style=", "<object", "<embed", "<form", "<input"):  # fmt: skip
        assert fragment not in clean


def test_allowed_markup_is_kept() -> None:
    html = '<h2>Tiêu đề</h2><ul><li>a</li></ul><a href="https://mic.gov.vn">nguồn</a><img src="/a.png" alt="ảnh">'
    assert articles.sanitise(html).startswith("<h2>Tiêu đề</h2><ul><li>a</li></ul>")
    assert 'alt="ảnh"' in articles.sanitise(html)


def draft(actor, now, title="Tin thử nghiệm về số hóa") -> Article:
    values = {
        "title": title,
        "lead": "Đoạn mở đầu.",
        "body": "<p>Nội dung <script>x</script></p>",
        "category_id": None,
        "tags": "",
        "source_name": "Mic.gov.vn",
        "source_url": "",
        "byline": "Mai",
        "byline_unit": "Văn phòng",
    }
    return articles.create_article(values=values, actor=actor, now=now)


def test_workflow_from_draft_to_published_with_permissions(now) -> None:
    editor, leader = User.objects.get(username="bientap"), User.objects.get(username="lanhdao")
    article = draft(editor, now)
    assert "<script" not in article.body
    assert articles.allowed_actions(article) == ["submit"]

    article = articles.transition(article=article, action="submit", actor=editor, now=now)
    assert article.status == Article.Status.REVIEW
    with pytest.raises(DomainError):
        articles.transition(article=article, action="publish", actor=editor, now=now)
    with pytest.raises(DomainError):
        articles.transition(article=article, action="return", actor=leader, now=now, comment=" ")

    article = articles.transition(article=article, action="return", actor=leader, now=now, comment="Thêm nguồn")
    assert (article.status, article.review_comment) == (Article.Status.RETURNED, "Thêm nguồn")
    article = articles.transition(article=article, action="submit", actor=editor, now=now)
    article = articles.transition(article=article, action="publish", actor=leader, now=now)
    assert article.status == Article.Status.PUBLISHED
    assert Article.objects.published(now=now).filter(pk=article.pk).exists()
    with pytest.raises(DomainError):
        articles.transition(article=article, action="submit", actor=editor, now=now)


def test_scheduled_publication_waits_for_its_time(now) -> None:
    leader = User.objects.get(username="lanhdao")
    article = articles.transition(article=draft(leader, now), action="submit", actor=leader, now=now)
    later = now + dt.timedelta(hours=3)
    articles.transition(article=article, action="publish", actor=leader, now=now, publish_at=later)
    assert not Article.objects.published(now=now).filter(pk=article.pk).exists()
    assert Article.objects.published(now=later).filter(pk=article.pk).exists()


def test_edits_to_a_published_article_go_live_only_when_approved(now) -> None:
    leader = User.objects.get(username="lanhdao")
    article = articles.transition(article=draft(leader, now), action="submit", actor=leader, now=now)
    article = articles.transition(article=article, action="publish", actor=leader, now=now)
    values = {name: getattr(article, name) for name in articles.CONTENT_FIELDS}
    values["title"] = "Tiêu đề đã sửa"

    article = articles.edit_article(
        article=article, values=values, expected_version=article.version, actor=leader, now=now
    )
    assert Article.objects.get(pk=article.pk).title == "Tin thử nghiệm về số hóa"
    assert "submit" not in articles.allowed_actions(article)

    with pytest.raises(StaleRecordError):
        articles.edit_article(article=article, values=values, expected_version=1, actor=leader, now=now)

    article = articles.transition(article=article, action="publish", actor=leader, now=now)
    assert article.title == "Tiêu đề đã sửa"
    assert article.pending is None
    assert article.history.count() >= 4


def test_ratings_replace_average_and_rate_limit(now) -> None:
    leader = User.objects.get(username="lanhdao")
    article = articles.transition(article=draft(leader, now), action="submit", actor=leader, now=now)
    article = articles.transition(article=article, action="publish", actor=leader, now=now)

    articles.rate_article(article=article, reader="a" * 32, stars=5, address="1.1.1.1", now=now)
    articles.rate_article(article=article, reader="b" * 32, stars=2, address="2.2.2.2", now=now)
    updated = articles.rate_article(article=article, reader="a" * 32, stars=4, address="1.1.1.1", now=now)
    assert (updated.rating_count, updated.rating_average) == (2, 3.0)

    with pytest.raises(DomainError):
        articles.rate_article(article=article, reader="c" * 32, stars=6, address="3.3.3.3", now=now)
    for number in range(articles.RATINGS_PER_HOUR):
        articles.rate_article(article=article, reader=f"{number:032d}", stars=3, address="9.9.9.9", now=now)
    with pytest.raises(DomainError):
        articles.rate_article(article=article, reader="z" * 32, stars=3, address="9.9.9.9", now=now)


def test_public_pages_search_feed_sitemap_and_rating_api(now) -> None:
    leader = User.objects.get(username="lanhdao")
    article = articles.transition(
        article=draft(leader, now, "Chuyển đổi số ở Đồng Hới"), action="submit", actor=leader, now=now
    )
    article = articles.transition(article=article, action="publish", actor=leader, now=now)
    hidden = draft(leader, now, "Bản nháp chưa đăng")
    client = Client()

    page = client.get(article.get_absolute_url()).content.decode()
    assert "(Mic.gov.vn) - Đoạn mở đầu." in page
    assert "Mai (Văn phòng)" in page
    assert client.get(f"/cong-thong-tin/tin-tuc/{hidden.slug}/").status_code == 404
    assert "Chuyển đổi số ở Đồng Hới" in client.get("/cong-thong-tin/tin-tuc/", {"q": "dong hoi"}).content.decode()

    feed = ET.fromstring(client.get("/cong-thong-tin/tin-tuc/rss.xml").content)
    assert "Chuyển đổi số ở Đồng Hới" in [item.findtext("title") for item in feed.iter("item")]
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    assert any(
        article.slug in (loc.text or "") for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    )

    rated = client.post(f"/api/v1/articles/{article.pk}/ratings", {"stars": 4}, content_type="application/json")
    assert rated.json() == {"count": 1, "average": 4.0}
    assert "ictmis_reader" in rated.cookies
    again = client.post(f"/api/v1/articles/{article.pk}/ratings", {"stars": 2}, content_type="application/json")
    assert again.json() == {"count": 1, "average": 2.0}
    listed = client.get("/api/v1/articles").json()
    assert [item["title"] for item in listed["items"]] == ["Chuyển đổi số ở Đồng Hới"]
    assert client.get(f"/api/v1/articles/{hidden.pk}").status_code == 404


def test_a_leader_schedules_publication_from_the_newsroom(now) -> None:
    leader = User.objects.get(username="lanhdao")
    article = articles.transition(article=draft(leader, now, "Tin hẹn giờ"), action="submit", actor=leader, now=now)
    client = Client()
    client.force_login(leader)

    client.post(f"/bien-tap/{article.pk}/publish/", {"publish_at": "31/12/2099 08:00"})

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at.year == 2099
    assert client.get(f"/cong-thong-tin/tin-tuc/{article.slug}/").status_code == 404
    bad = client.post(f"/bien-tap/{article.pk}/unpublish/", {"publish_at": "ngày mai"})
    assert bad.status_code == 302
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_editors_see_ratings_per_month(now) -> None:
    leader = User.objects.get(username="lanhdao")
    article = articles.transition(article=draft(leader, now, "Tin có đánh giá"), action="submit", actor=leader, now=now)
    article = articles.transition(article=article, action="publish", actor=leader, now=now)
    articles.rate_article(article=article, reader="a" * 32, stars=5, address="1.1.1.1", now=now)
    articles.rate_article(article=article, reader="b" * 32, stars=3, address="2.2.2.2", now=now + dt.timedelta(days=40))

    rows = articles.ratings_by_month(article)

    assert [(r["month"].strftime("%m/%Y"), r["count"], r["average"]) for r in rows] == [
        ("10/2025", 1, 3.0),
        ("09/2025", 1, 5.0),
    ]
    client = Client()
    client.force_login(User.objects.get(username="bientap"))
    assert "10/2025" in client.get(f"/bien-tap/{article.pk}/").content.decode()
