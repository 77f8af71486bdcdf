"""Pictures (content checks, renditions, alt text), the public page cache and its invalidation."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PillowImage

from ictmis.accounts.models import User
from ictmis.core.errors import DomainError
from ictmis.portal import articles, images, page_cache
from ictmis.portal.demo import illustration
from ictmis.portal.models import Article, Image

pytestmark = pytest.mark.django_db


def jpeg_with_location(width: int = 2000, height: int = 1200) -> bytes:
    picture = PillowImage.new("RGB", (width, height), (30, 120, 200))
    exif = PillowImage.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (17.0, 28.0, 0.0)}  # GPS: latitude of Đồng Hới
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_an_upload_is_kept_once_in_three_sizes_without_camera_data(now) -> None:
    editor = User.objects.get(username="bientap")
    data = jpeg_with_location()
    assert PillowImage.open(io.BytesIO(data)).getexif().get(0x010F) == "PhoneMaker"

    image = images.upload_image(data=data, filename="anh.jpg", alt="Trạm BTS ở Đồng Hới", actor=editor, now=now)

    assert (image.width, image.height) == (2000, 1200)
    assert {size: tuple(v[1:]) for size, v in image.renditions.items()} == {
        "sm": (480, 288),
        "md": (960, 576),
        "lg": (1600, 960),
    }
    for path, _w, _h in image.renditions.values():
        with default_storage.open(path, "rb") as handle:
            rendition = PillowImage.open(handle)
            assert rendition.format == "WEBP"
            assert 0x010F not in rendition.getexif() and 0x8825 not in rendition.getexif()
    again = images.upload_image(data=data, filename="lan-hai.jpg", alt="khác", actor=editor, now=now)
    assert again.pk == image.pk and Image.objects.count() == 1


def test_a_small_picture_is_not_enlarged_and_its_larger_sizes_point_to_the_largest_made(now) -> None:
    image = images.upload_image(
        data=illustration((0, 0, 0), (255, 255, 255), width=600), filename="a.png", alt="nhỏ", actor=None, now=now
    )
    assert list(image.renditions) == ["sm", "md"]
    assert image.renditions["md"][1:] == [600, 337]
    assert image.large_url == image.medium_url
    response = Client().get(image.large_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert "immutable" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("data", "alt", "field"),
    [
        (b"%PDF-1.7 not a picture", "mô tả", "file"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "mô tả", "file"),
        (illustration((0, 0, 0), (9, 9, 9), width=320), "   ", "alt"),
    ],
)
def test_bad_uploads_are_refused_and_leave_nothing(now, data: bytes, alt: str, field: str) -> None:
    with pytest.raises(DomainError) as refused:
        images.upload_image(data=data, filename="x.png", alt=alt, actor=None, now=now)
    assert refused.value.field == field
    assert Image.objects.count() == 0
    assert not default_storage.exists("portal/images")


def test_a_picture_of_too_many_pixels_is_refused(now) -> None:
    out = io.BytesIO()
    PillowImage.new("1", (7000, 7000)).save(out, "PNG")
    with pytest.raises(DomainError, match="megapixel"):
        images.upload_image(data=out.getvalue(), filename="big.png", alt="to", actor=None, now=now)


def test_every_picture_in_a_body_needs_alternative_text(now) -> None:
    values = {"title": "Ảnh", "lead": "a", "body": '<p>x</p><img src="/a.webp"><img src="/b.webp" alt=" ">'}
    with pytest.raises(DomainError, match="2") as refused:
        articles.create_article(values=values, actor=None, now=now)
    assert refused.value.field == "body"
    values["body"] = '<figure><img src="/a.webp" alt="Cột ăng-ten"><figcaption>Ảnh</figcaption></figure>'
    assert "<figcaption>" in articles.create_article(values=values, actor=None, now=now).body


def test_an_editor_gives_an_article_a_cover_from_the_form(now) -> None:
    client = Client()
    client.force_login(User.objects.get(username="bientap"))
    fields = {"title": "Tin có ảnh bìa", "lead": "Mở đầu", "body": "<p>Thân bài</p>"}

    def picture() -> SimpleUploadedFile:
        return SimpleUploadedFile("bia.jpg", jpeg_with_location(800, 600), content_type="image/jpeg")

    without_alt = client.post("/bien-tap/them/", {**fields, "cover_file": picture()})
    assert without_alt.status_code == 200
    assert "Hãy mô tả ảnh trong phần văn bản thay thế." in without_alt.content.decode()
    assert not Article.objects.filter(title="Tin có ảnh bìa").exists() and Image.objects.count() == 0

    created = client.post("/bien-tap/them/", {**fields, "cover_file": picture(), "cover_alt": "Toàn cảnh hội nghị"})
    article = Article.objects.get(title="Tin có ảnh bìa")
    assert created.status_code == 302 and article.cover_image.alt == "Toàn cảnh hội nghị"

    leader = User.objects.get(username="lanhdao")
    article = articles.transition(article=article, action="submit", actor=leader, now=now)
    articles.transition(article=article, action="publish", actor=leader, now=now)
    page = Client().get(article.get_absolute_url()).content.decode()
    assert f'srcset="{article.cover_image.srcset()}"' in page
    assert 'alt="Toàn cảnh hội nghị"' in page and 'property="og:image"' in page

    edit = client.get(f"/bien-tap/{article.pk}/sua/").content.decode()
    assert 'data-testid="current-cover"' in edit


def test_the_picture_library_gives_a_snippet_to_paste(now) -> None:
    client = Client()
    client.force_login(User.objects.get(username="bientap"))
    upload = SimpleUploadedFile("a.png", illustration((1, 2, 3), (4, 5, 6), width=700), content_type="image/png")
    response = client.post("/bien-tap/anh/", {"file": upload, "alt": "Điểm BĐVHX", "caption": "Ảnh: Sở"}, follow=True)
    image = Image.objects.get()
    assert images.figure_html(image) in response.content.decode().replace("&lt;", "<").replace("&gt;", ">").replace(
        "&quot;", '"'
    )
    assert articles.sanitise(images.figure_html(image)) == images.figure_html(image)
    bad = client.post("/bien-tap/anh/", {"file": SimpleUploadedFile("a.png", b"GIF89a-broken"), "alt": "x"})
    assert bad.status_code == 200 and Image.objects.count() == 1


def published(now, title: str = "Tin được lưu đệm") -> Article:
    leader = User.objects.get(username="lanhdao")
    values = {"title": title, "lead": "Mở đầu", "body": "<p>Thân</p>"}
    article = articles.create_article(values=values, actor=leader, now=now)
    article = articles.transition(article=article, action="submit", actor=leader, now=now)
    return articles.transition(article=article, action="publish", actor=leader, now=now)


def test_a_reader_gets_the_article_and_home_pages_from_the_cache_without_a_query(
    now, django_assert_num_queries
) -> None:
    article = published(now)
    reader = Client()
    for path in (article.get_absolute_url(), "/cong-thong-tin/", "/cong-thong-tin/tin-tuc/"):
        first = reader.get(path)
        assert first["X-Page-Cache"] == "miss"
        assert "csrfmiddlewaretoken" not in first.content.decode() and not first.cookies
        with django_assert_num_queries(0):
            again = reader.get(path)
        assert again["X-Page-Cache"] == "hit" and again.content == first.content

    searched = reader.get("/cong-thong-tin/tin-tuc/", {"q": "luu dem"})
    assert "X-Page-Cache" not in searched and "Tin được lưu đệm" in searched.content.decode()
    staff = Client()
    staff.force_login(User.objects.get(username="bientap"))
    staff.get(article.get_absolute_url())
    assert "X-Page-Cache" not in staff.get(article.get_absolute_url())


def test_each_language_has_its_own_cached_page(now) -> None:
    article = published(now)
    reader = Client()
    assert 'lang="vi"' in reader.get(article.get_absolute_url()).content.decode()
    switched = reader.get(f"/cong-thong-tin/ngon-ngu/en/?next={article.get_absolute_url()}")
    assert switched.status_code == 302 and switched["Location"] == article.get_absolute_url()
    assert 'lang="en"' in reader.get(article.get_absolute_url()).content.decode()
    assert reader.get("/cong-thong-tin/ngon-ngu/en/?next=https://evil.example/")["Location"] == "/cong-thong-tin/"


def test_publishing_an_edit_and_rating_invalidate_what_readers_see(now, django_capture_on_commit_callbacks) -> None:
    leader = User.objects.get(username="lanhdao")
    article = published(now, "Tiêu đề cũ")
    reader = Client()
    assert "Tiêu đề cũ" in reader.get(article.get_absolute_url()).content.decode()
    assert "Tiêu đề cũ" in reader.get("/cong-thong-tin/").content.decode()

    values = {name: getattr(article, name) for name in articles.CONTENT_FIELDS} | {"title": "Tiêu đề mới"}
    with django_capture_on_commit_callbacks(execute=True):
        article = articles.edit_article(
            article=article, values=values, expected_version=article.version, actor=leader, now=now
        )
    assert "Tiêu đề cũ" in reader.get(article.get_absolute_url()).content.decode()  # not approved yet
    with django_capture_on_commit_callbacks(execute=True):
        articles.transition(article=article, action="publish", actor=leader, now=now)
    assert "Tiêu đề mới" in reader.get(article.get_absolute_url()).content.decode()
    assert "Tiêu đề mới" in reader.get("/cong-thong-tin/").content.decode()

    other = Client()
    assert "(0)" in other.get(article.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        rated = reader.post(f"{article.get_absolute_url()}danh-gia/", {"stars": "4"})
    assert rated.status_code == 302 and rated.cookies["ictmis_rated"].value == f"{article.pk}.4"
    page = other.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "(1)" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        articles.transition(article=article, action="unpublish", actor=leader, now=now)
    assert other.get(article.get_absolute_url()).status_code == 404


def test_a_cached_page_lives_no_longer_than_the_next_scheduled_publication(now) -> None:
    import datetime as dt

    assert page_cache._lifetime(now) == page_cache.TTL
    leader = User.objects.get(username="lanhdao")
    article = articles.create_article(values={"title": "Hẹn giờ", "lead": "a", "body": ""}, actor=leader, now=now)
    article = articles.transition(article=article, action="submit", actor=leader, now=now)
    articles.transition(
        article=article, action="publish", actor=leader, now=now, publish_at=now + dt.timedelta(seconds=90)
    )
    assert page_cache._lifetime(now) == 91
