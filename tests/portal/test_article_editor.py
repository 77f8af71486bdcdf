"""The article editor's output on the server, a cover's own alternative text, the picture picker and the
leader's review page that shows the article as readers will see it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from ictmis.accounts.models import User
from ictmis.accounts.services import create_token
from ictmis.portal import articles, images
from ictmis.portal.demo import illustration
from ictmis.portal.models import Article, Category, Image

pytestmark = pytest.mark.django_db

# What TipTap writes for a heading, bold and italic text, a link, a list starting at 3, a table with a merged
# header cell and a picture from the library, plus what a hostile paste may bring.
EDITOR_OUTPUT = (
    "<h2>Kết quả</h2>"
    '<p><strong>Đã phủ sóng</strong> <em>toàn tỉnh</em>, xem <a href="https://mic.gov.vn/tin">tin</a>.</p>'
    '<ol start="3"><li><p>Bước ba</p></li></ol>'
    '<table><tbody><tr><th colspan="2" rowspan="1"><p>Huyện</p></th></tr>'
    '<tr><td colspan="1" rowspan="1"><p>A</p></td><td><p>B</p></td></tr></tbody></table>'
    '<figure><img src="/cong-thong-tin/anh/ab/md.webp" alt="Trạm BTS trên đồi" width="960" height="540">'
    "<figcaption>Ảnh: Sở</figcaption></figure>"
    '<script>alert("x")</script><p><img src="x" alt="lỗi" onerror="alert(1)"></p>'
    '<p style="color:red" onclick="steal()"><a href="javascript:alert(1)">bấm</a></p>'
)


def user(username: str) -> User:
    return User.objects.get(username=username)


def values(**changes: object) -> dict:
    return {name: "" for name in articles.CONTENT_FIELDS} | {
        "title": "Phủ sóng 4G toàn tỉnh",
        "lead": "Toàn bộ thôn, bản đã có sóng 4G.",
        "body": "<p>Nội dung.</p>",
        "category_id": None,
        "cover_image_id": None,
        **changes,
    }


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def picture(seed: int = 10) -> bytes:
    return illustration((seed, 20, 30), (200, 100, 50), width=800)


def test_the_editors_markup_survives_sanitising_and_hostile_markup_does_not(now) -> None:
    body = articles.create_article(values=values(body=EDITOR_OUTPUT), actor=user("bientap"), now=now).body

    assert "<strong>Đã phủ sóng</strong>" in body and "<em>toàn tỉnh</em>" in body and "<h2>Kết quả</h2>" in body
    assert '<ol start="3">' in body and '<th colspan="2" rowspan="1">' in body
    assert '<img src="/cong-thong-tin/anh/ab/md.webp" alt="Trạm BTS trên đồi" width="960" height="540">' in body
    assert "<figcaption>Ảnh: Sở</figcaption></figure>" in body
    for hostile in ("<script", "alert(", "onerror", "onclick", "style=", "javascript:"):
        assert hostile not in body


def test_a_figure_from_the_editor_still_needs_its_alternative_text(now) -> None:
    with pytest.raises(articles.DomainError) as refused:
        articles.create_article(
            values=values(body='<figure><img src="/a.webp" alt=" "><figcaption>Ảnh</figcaption></figure>'),
            actor=user("bientap"), now=now,
        )  # fmt: skip
    assert refused.value.field == "body"


def test_a_covers_typed_alt_text_is_kept_when_the_library_already_has_the_picture(now) -> None:
    data = picture()
    library = images.upload_image(data=data, filename="a.png", alt="Ảnh cũ trong thư viện", actor=None, now=now)
    editor = logged_in("bientap")

    editor.post(
        "/bien-tap/them/",
        {"title": "Tin có ảnh bìa", "lead": "Mở đầu", "body": "<p>Thân</p>",
         "cover_file": SimpleUploadedFile("bia.png", data, content_type="image/png"),
         "cover_alt": "Lãnh đạo Sở cắt băng khai trương", "cover_caption": "Ảnh: Phòng Thông tin"},
    )  # fmt: skip

    article = Article.objects.get(title="Tin có ảnh bìa")
    assert article.cover_image_id == library.pk and Image.objects.count() == 1
    assert article.cover_alt_text == "Lãnh đạo Sở cắt băng khai trương"
    assert article.cover_caption_text == "Ảnh: Phòng Thông tin"
    assert Image.objects.get().alt == "Ảnh cũ trong thư viện"
    form = editor.get(f"/bien-tap/{article.pk}/sua/").content.decode()
    assert 'value="Lãnh đạo Sở cắt băng khai trương"' in form
    leader = user("lanhdao")
    article = articles.transition(article=article, action="submit", actor=leader, now=now)
    articles.transition(article=article, action="publish", actor=leader, now=now)
    page = Client().get(article.get_absolute_url()).content.decode()
    assert 'alt="Lãnh đạo Sở cắt băng khai trương"' in page and "Ảnh: Phòng Thông tin" in page
    assert "Ảnh cũ trong thư viện" not in page


def test_an_editor_rewords_the_covers_alt_text_without_uploading_it_again(now) -> None:
    image = images.upload_image(data=picture(), filename="a.png", alt="Ảnh thư viện", actor=None, now=now)
    article = articles.create_article(values=values(cover_image_id=image.pk), actor=user("bientap"), now=now)
    assert article.cover_alt_text == "Ảnh thư viện"

    logged_in("bientap").post(
        f"/bien-tap/{article.pk}/sua/",
        {"title": article.title, "lead": article.lead, "body": article.body, "version": article.version,
         "cover_alt": "Cán bộ xã kiểm tra loa truyền thanh"},
    )  # fmt: skip

    article.refresh_from_db()
    assert article.cover_image_id == image.pk and article.cover_alt_text == "Cán bộ xã kiểm tra loa truyền thanh"
    assert Image.objects.get().alt == "Ảnh thư viện"


def test_the_api_keeps_a_covers_alt_text_and_drops_it_with_another_picture() -> None:
    _token, raw = create_token(user=user("bientap"), name="t", now=timezone.now())
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    first = images.upload_image(data=picture(1), filename="a.png", alt="Ảnh một", actor=None, now=timezone.now())
    second = images.upload_image(data=picture(2), filename="b.png", alt="Ảnh hai", actor=None, now=timezone.now())
    created = api.post(
        "/api/v1/articles", {"title": "t", "lead": "a", "cover_image": first.pk, "cover_alt": "Lời tả riêng"},
        content_type="application/json",
    ).json()  # fmt: skip
    assert created["cover_alt"] == "Lời tả riêng"

    kept = api.patch(
        f"/api/v1/articles/{created['id']}", {"version": created["version"], "title": "t2"},
        content_type="application/json",
    ).json()  # fmt: skip
    assert kept["cover_alt"] == "Lời tả riêng"
    swapped = api.patch(
        f"/api/v1/articles/{created['id']}", {"version": kept["version"], "cover_image": second.pk},
        content_type="application/json",
    ).json()  # fmt: skip
    assert swapped["cover_alt"] == "Ảnh hai"


def test_the_picker_lists_the_library_with_what_to_insert(now) -> None:
    image = images.upload_image(data=picture(), filename="a.png", alt="Điểm BĐVHX xã", caption="Ảnh: Sở", actor=None,
                                now=now)  # fmt: skip

    response = logged_in("bientap").get("/bien-tap/anh/", {"chon": "1", "q": "BĐVHX"})

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html and 'data-testid="picker-list"' in html
    assert f'data-src="{image.medium_url}"' in html and 'data-alt="Điểm BĐVHX xã"' in html
    width, height = image.size_of("md")
    assert f'data-width="{width}" data-height="{height}"' in html and 'data-caption="Ảnh: Sở"' in html
    assert "data-pick" not in logged_in("bientap").get("/bien-tap/anh/", {"chon": "1", "q": "khác"}).content.decode()


def test_the_article_form_enhances_its_body_textarea() -> None:
    html = logged_in("bientap").get("/bien-tap/them/").content.decode()
    assert 'name="body"' in html and "data-article-editor" in html
    assert "portal/build/article-editor" in html and 'id="picture-picker"' in html


def test_the_leader_reviews_the_article_as_readers_will_see_it(now) -> None:
    image = images.upload_image(data=picture(), filename="a.png", alt="Ảnh thư viện", actor=None, now=now)
    category = Category.objects.create(name="Chuyển đổi số", slug="chuyen-doi-so")
    article = articles.create_article(
        values=values(
            body="<p>Có <strong>ba trạm</strong> mới.</p>", cover_image_id=image.pk, cover_alt="Trạm BTS mới",
            category_id=category.pk, byline="Nguyễn Văn An", byline_unit="Phòng Bưu chính",
            source_name="Mic.gov.vn",
        ),
        actor=user("bientap"), now=now,
    )  # fmt: skip
    article = articles.transition(article=article, action="submit", actor=user("bientap"), now=now)

    html = logged_in("lanhdao").get(f"/bien-tap/{article.pk}/").content.decode()

    preview = html.split('data-testid="article-preview"')[1].split("</section>")[0]
    assert 'data-testid="cover"' in preview and 'alt="Trạm BTS mới"' in preview and image.medium_url in preview
    assert "(Mic.gov.vn) - Toàn bộ thôn, bản đã có sóng 4G." in preview
    assert "<strong>ba trạm</strong>" in preview and "Chuyển đổi số" in preview
    assert "Nguyễn Văn An (Phòng Bưu chính)" in preview and "Chưa xuất bản" in preview
    metadata = html.split('data-testid="article-metadata"')[1].split("</dl>")[0]
    assert "Nguyễn Văn An" in metadata and "Chuyển đổi số" in metadata and "Võ Thị Mai" in metadata


def test_the_review_of_pending_edits_previews_the_edits(now) -> None:
    leader = user("lanhdao")
    article = articles.create_article(values=values(), actor=user("bientap"), now=now)
    article = articles.transition(article=article, action="submit", actor=leader, now=now)
    article = articles.transition(article=article, action="publish", actor=leader, now=now)
    articles.edit_article(
        article=article, values=values(title="Tiêu đề mới chờ duyệt", body="<p><em>Đoạn sửa</em></p>"),
        expected_version=article.version, actor=user("bientap"), now=now,
    )  # fmt: skip

    html = logged_in("lanhdao").get(f"/bien-tap/{article.pk}/").content.decode()

    preview = html.split('data-testid="article-preview"')[1].split("</section>")[0]
    assert "Tiêu đề mới chờ duyệt" in preview and "<em>Đoạn sửa</em>" in preview
    assert "Nội dung." not in preview
    assert Client().get(article.get_absolute_url()).content.decode().count("Tiêu đề mới chờ duyệt") == 0
