"""A dozen demo articles written for the demo, some taken from another agency, some in review,
and ratings on a few. Idempotent: articles are matched by slug."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ictmis.portal import articles, page_cache
from ictmis.portal.models import Article, Category

CATEGORIES = [("hoat-dong", "Hoạt động của Sở"), ("vien-thong", "Bưu chính - Viễn thông"),
              ("chuyen-doi-so", "Chuyển đổi số"), ("thong-bao", "Thông báo")]  # fmt: skip

# (slug, category, title, lead, body paragraphs, source, byline, unit, days ago, status, stars given)
ARTICLES = [
    (
        "thu-truong-lam-viec-voi-so",
        "hoat-dong",
        "Thứ trưởng làm việc với Sở về các chương trình trọng tâm",
        "Đoàn công tác của Bộ đã nghe Sở báo cáo kết quả thực hiện các chương trình hạ tầng bưu chính, viễn thông và "
        "số hóa truyền hình trên địa bàn tỉnh.",
        [
            "Tại buổi làm việc, Sở trình bày tiến độ củng cố các điểm Bưu điện - Văn hóa xã, mở rộng "
            "vùng phủ sóng di động "
            "và hỗ trợ đầu thu truyền hình số cho hộ nghèo.",
            "Sở kiến nghị Bộ tiếp tục bố trí kinh phí cho các xã vùng "
            "khó khăn; các kiến nghị được theo dõi đến khi có kết quả.",
        ],
        "Mic.gov.vn",
        "Minh Anh",
        "Văn phòng Sở",
        40,
        "published",
        [5, 4, 5],
    ),
    (
        "tat-song-truyen-hinh-tuong-tu",
        "vien-thong",
        "Hoàn thành tắt sóng truyền hình tương tự trên địa bàn tỉnh",
        "Từ 30/06/2019, các đài trên địa bàn tỉnh ngừng phát sóng truyền hình tương tự mặt đất, chuyển hoàn toàn sang "
        "truyền hình số.",
        [
            "Các hộ nghèo, cận nghèo trong danh sách được phê duyệt đã nhận đầu thu, anten và cáp theo "
            "quy định của Đề án.",
            "Người dân cần hỗ trợ kỹ thuật có thể liên hệ Ủy ban nhân dân xã hoặc đường dây nóng của Sở.",
        ],
        "",
        "Thu Hà",
        "Phòng Thông tin - Báo chí",
        30,
        "published",
        [4, 4],
    ),
    (
        "thong-bao-cap-phep-trang-tong-hop",
        "thong-bao",
        "Hướng dẫn hồ sơ cấp phép trang thông tin điện tử tổng hợp",
        "Sở hướng dẫn tổ chức, doanh nghiệp chuẩn bị hồ sơ đề nghị cấp giấy phép thiết lập trang thông tin điện tử "
        "tổng hợp.",
        [
            "Hồ sơ gồm đơn đề nghị, bản sao giấy tờ thành lập và đề án hoạt động; thời hạn giải quyết "
            "tính theo ngày làm "
            "việc kể từ khi nhận đủ hồ sơ hợp lệ.",
            "Hồ sơ có thể nộp trực tuyến hoặc tại bộ phận một cửa.",
        ],
        "",
        "Quang Huy",
        "Phòng Bưu chính - Viễn thông",
        25,
        "published",
        [],
    ),
    (
        "tap-huan-an-toan-thong-tin",
        "chuyen-doi-so",
        "Tập huấn bảo đảm an toàn thông tin cho cán bộ cấp xã",
        "Hơn một trăm cán bộ, công chức cấp xã tham gia lớp tập huấn về nhận diện thư điện tử giả mạo và bảo vệ tài "
        "khoản công vụ.",
        ["Học viên thực hành đặt mật khẩu mạnh, bật xác thực hai bước và báo cáo sự cố đúng quy trình."],
        "",
        "Thanh Tâm",
        "Trung tâm Công nghệ thông tin",
        20,
        "published",
        [5],
    ),
    (
        "diem-buu-dien-van-hoa-xa",
        "vien-thong",
        "Nâng cao hiệu quả hoạt động điểm Bưu điện - Văn hóa xã",
        "Nhiều điểm Bưu điện - Văn hóa xã được bổ sung sách báo và máy tính kết nối Internet phục vụ người dân.",
        ["Các điểm còn cung cấp dịch vụ chi trả lương hưu và thu hộ, giúp người dân tiết kiệm thời gian đi lại."],
        "",
        "Hải Yến",
        "Phòng Bưu chính - Viễn thông",
        15,
        "published",
        [],
    ),
    (
        "dai-truyen-thanh-ung-dung-cntt",
        "chuyen-doi-so",
        "Chuyển đổi đài truyền thanh xã sang ứng dụng công nghệ thông tin",
        "Các xã từng bước thay đài truyền thanh có dây đã xuống cấp bằng cụm loa ứng dụng công "
        "nghệ thông tin - viễn thông.",
        ["Cụm loa mới kết nối hệ thống thông tin nguồn của tỉnh, cho phép phát tin khẩn cấp ngay khi có thiên tai."],
        "Mic.gov.vn",
        "Bảo Ngọc",
        "Phòng Thông tin cơ sở",
        10,
        "published",
        [3, 5, 4, 4],
    ),
    (
        "phu-song-5g",
        "vien-thong",
        "Doanh nghiệp viễn thông mở rộng vùng phủ sóng 5G",
        "Các doanh nghiệp đã lắp đặt thêm trạm thu phát sóng 5G tại trung tâm các phường.",
        ["Sở đề nghị doanh nghiệp dùng chung hạ tầng và tuân thủ quy hoạch hạ tầng kỹ thuật viễn thông thụ động."],
        "",
        "Văn Long",
        "Phòng Bưu chính - Viễn thông",
        6,
        "published",
        [],
    ),
    (
        "du-lieu-mo-ha-tang",
        "chuyen-doi-so",
        "Công bố dữ liệu mở về hạ tầng bưu chính, viễn thông",
        "Người dân có thể tra cứu và tải về danh sách điểm Bưu điện - Văn hóa xã, đài truyền thanh và trạm BTS.",
        ["Dữ liệu được cập nhật thường xuyên và cung cấp dưới nhiều định dạng phổ biến."],
        "",
        "Minh Anh",
        "Văn phòng Sở",
        3,
        "published",
        [],
    ),
    (
        "hoi-nghi-chuyen-doi-so-cap-xa",
        "hoat-dong",
        "Hội nghị triển khai chuyển đổi số cấp xã",
        "Sở tổ chức hội nghị hướng dẫn các xã xây dựng kế hoạch chuyển đổi số năm tới.",
        ["Các xã được hướng dẫn sử dụng nền tảng số dùng chung và cập nhật dữ liệu lên hệ thống của tỉnh."],
        "",
        "Thu Hà",
        "Phòng Thông tin - Báo chí",
        2,
        "review",
        [],
    ),
    (
        "ket-qua-thanh-tra-chuyen-nganh",
        "thong-bao",
        "Kết quả thanh tra chuyên ngành thông tin và truyền thông",
        "Đoàn thanh tra đã kiểm tra việc chấp hành quy định về trang thông tin điện tử và điểm truy nhập Internet.",
        ["Các vi phạm đã được xử lý theo đúng thẩm quyền."],
        "",
        "Lê Quang Minh",
        "Thanh tra Sở",
        1,
        "review",
        [],
    ),
    (
        "lop-boi-duong-bien-tap-vien",
        "hoat-dong",
        "Lớp bồi dưỡng nghiệp vụ cho biên tập viên cổng thông tin",
        "Biên tập viên các sở, ngành được bồi dưỡng kỹ năng viết tin và trích dẫn nguồn chính thống.",
        ["Nội dung tập trung vào việc ghi rõ nguồn, tác giả và thời gian đăng."],
        "",
        "Võ Thị Mai",
        "Phòng Thông tin - Báo chí",
        0,
        "draft",
        [],
    ),
    (
        "mang-luoi-diem-truy-nhap-internet",
        "chuyen-doi-so",
        "Rà soát mạng lưới điểm truy nhập Internet công cộng",
        "Sở rà soát hiện trạng máy tính và đường truyền tại các thư viện và điểm Bưu điện - Văn hóa xã.",
        ["Kết quả rà soát là căn cứ đề xuất đầu tư bổ sung thiết bị."],
        "Mic.gov.vn",
        "Hải Yến",
        "Phòng Bưu chính - Viễn thông",
        0,
        "draft",
        [],
    ),
]


# Cover pictures drawn by the demo itself: (top colour, bottom colour, alternative text, caption).
COVERS = {
    "thu-truong-lam-viec-voi-so": (
        (18, 60, 120),
        (64, 140, 200),
        "Minh họa: cột ăng-ten phát sóng trên nền trời xanh",
        "Ảnh minh họa",
    ),
    "tat-song-truyen-hinh-tuong-tu": (
        (90, 30, 110),
        (220, 120, 80),
        "Minh họa: sóng truyền hình số lan tỏa từ trạm phát",
        "Ảnh minh họa",
    ),
    "tap-huan-an-toan-thong-tin": (
        (20, 90, 70),
        (120, 200, 150),
        "Minh họa: cột ăng-ten và các vòng sóng trên nền xanh lá",
        "",
    ),
    "diem-buu-dien-van-hoa-xa": (
        (150, 70, 20),
        (240, 190, 90),
        "Minh họa: trạm phát sóng nhìn từ xa lúc hoàng hôn",
        "",
    ),
}


def illustration(top: tuple[int, int, int], bottom: tuple[int, int, int], width: int = 1600) -> bytes:
    """A simple drawing (sky gradient, a mast, radio waves) so the demo has real pictures to resize."""
    import io

    from PIL import Image as PillowImage
    from PIL import ImageDraw

    height = width * 9 // 16
    picture = PillowImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    mast_x, mast_top, base = width // 2, height // 4, height * 9 // 10
    draw.polygon([(mast_x, mast_top), (mast_x - width // 20, base), (mast_x + width // 20, base)], outline="white",
                 width=max(2, width // 300))  # fmt: skip
    for ring in range(1, 5):
        r = ring * width // 14
        draw.arc(
            [mast_x - r, mast_top - r, mast_x + r, mast_top + r], 200, 340, fill="white", width=max(2, width // 400)
        )
    draw.rectangle([0, base, width, height], fill=tuple(c // 2 for c in bottom))
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


def load(now: dt.datetime, progress: Callable[[str], None]) -> None:
    from ictmis.core.access import SYSTEM

    categories = {slug: Category.objects.get_or_create(slug=slug, defaults={"name": name, "order": i})[0]
                  for i, (slug, name) in enumerate(CATEGORIES)}  # fmt: skip
    created = 0
    for slug, category, title, lead, paragraphs, source, byline, unit, days, status, stars in ARTICLES:
        if Article.objects.filter(slug=slug).exists():
            continue
        body = "".join(f"<p>{text}</p>" for text in paragraphs)
        values = {"title": title, "lead": lead, "body": body, "category_id": categories[category].pk, "tags": "",
                  "source_name": source, "source_url": "https://mic.gov.vn/" if source else "", "byline": byline,
                  "byline_unit": unit}  # fmt: skip
        cover = None
        if slug in COVERS:
            top, bottom, alt, caption = COVERS[slug]
            cover = articles.Upload(data=illustration(top, bottom), filename=f"{slug}.png", alt=alt, caption=caption)
        article = articles.create_article(values=values, actor=None, now=now, cover=cover)
        Article.objects.filter(pk=article.pk).update(slug=slug, featured=slug == ARTICLES[0][0])
        article.refresh_from_db()
        if status in ("review", "published"):
            article = articles.transition(article=article, action="submit", actor=SYSTEM, now=now)
        if status == "published":
            when = now - dt.timedelta(days=days)
            article = articles.transition(article=article, action="publish", actor=SYSTEM, now=now, publish_at=when)
            for number, given in enumerate(stars):
                articles.rate_article(
                    article=article, reader=f"demo{number:028d}", stars=given, address=f"demo-{number}", now=now
                )
        created += 1
    page_cache.invalidate_all()
    progress(f"  articles: {created} created")
