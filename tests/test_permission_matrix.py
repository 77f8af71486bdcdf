"""Every route × every role → the expected status. A new route must be added here to pass."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from ictmis.accounts.models import User
from ictmis.core.registry_demo import upsert
from ictmis.documents.public import documents_of
from ictmis.licensing import services
from ictmis.licensing.models import Licence
from ictmis.parties.models import Organisation
from ictmis.portal import articles, images
from ictmis.portal.demo import illustration
from ictmis.postal.models import PostOfficePoint
from ictmis.telecom.models import BtsStation
from ictmis.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "lanhdao", "chuyenvien", "thanhtra", "canboxa", "doanhnghiep", "bientap"]
ALL = {role: 200 for role in ROLES[1:]}
LOGIN = {"anonymous": 302}
API_AUTH = {"anonymous": 401}


def expect(default: int, anonymous: int, **overrides: int) -> dict[str, int]:
    table = {role: default for role in ROLES[1:]}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


ORG_VIEWERS = {"bientap": 403}
ORG_EDITORS = {"lanhdao": 403, "thanhtra": 403, "canboxa": 403, "doanhnghiep": 403, "bientap": 403}
USER_ADMINS = {r: 403 for r in ["lanhdao", "chuyenvien", "thanhtra", "canboxa", "doanhnghiep", "bientap"]}
BTS_VIEW = {"canboxa": 403, "bientap": 403}
BTS_KEEP = {"lanhdao": 403, "thanhtra": 403, "canboxa": 403, "bientap": 403}
BTS_DELETE = {**BTS_KEEP, "doanhnghiep": 403}
POST_VIEW = {"doanhnghiep": 403, "bientap": 403}
POST_KEEP = {"lanhdao": 403, "thanhtra": 403, "doanhnghiep": 403, "bientap": 403}
POST_DELETE = {**POST_KEEP, "canboxa": 403}
INBOX_NONE = {"thanhtra": 403, "canboxa": 403, "doanhnghiep": 403}
NO_NEWSROOM = INBOX_NONE
PUBLISHERS_ONLY = {**NO_NEWSROOM, "chuyenvien": 403, "bientap": 403}
CASE_VIEW = {"canboxa": 403, "bientap": 403}
PROGRAMME_VIEW = {"thanhtra": 403, "doanhnghiep": 403, "bientap": 403}
CASE_ADD = {"lanhdao": 403, "thanhtra": 403, "canboxa": 403, "bientap": 403}
CASE_WORK = {**CASE_ADD, "doanhnghiep": 403}
SANCTION_VIEW = {"chuyenvien": 403, "canboxa": 403, "bientap": 403}
ENFORCEMENT_STAFF = {**SANCTION_VIEW, "doanhnghiep": 403}
ENFORCEMENT_WORK = {**ENFORCEMENT_STAFF, "lanhdao": 403}

# (method, path, expected per role); {org} is the department, which only province-wide roles may see.
MATRIX: list[tuple[str, str, dict[str, int]]] = [
    ("get", "/", expect(200, 302)),
    ("get", "/tai-khoan/dang-nhap/", expect(302, 200)),
    ("get", "/tai-khoan/", expect(200, 302)),
    ("get", "/tai-khoan/doi-mat-khau/", expect(200, 302)),
    ("get", "/tai-khoan/quen-mat-khau/", expect(200, 200)),
    ("get", "/tai-khoan/quen-mat-khau/da-gui/", expect(200, 200)),
    ("get", "/tai-khoan/dat-lai-mat-khau/MQ/bad-token/", expect(200, 200)),
    ("get", "/tai-khoan/xac-thuc-hai-buoc/", expect(200, 302)),
    ("get", "/tai-khoan/xac-thuc-hai-buoc/nhap-ma/", expect(200, 302)),
    ("post", "/tai-khoan/token/999999/thu-hoi/", expect(404, 302)),
    ("get", "/quan-tri/nguoi-dung/", expect(200, 302, **USER_ADMINS)),
    ("get", "/quan-tri/nguoi-dung/them/", expect(200, 302, **USER_ADMINS)),
    ("get", "/quan-tri/nguoi-dung/{user}/", expect(200, 302, **USER_ADMINS)),
    ("get", "/quan-tri/nhat-ky-bao-mat/", expect(200, 302, **USER_ADMINS)),
    ("get", "/don-vi-hanh-chinh/", expect(200, 302)),
    ("get", "/don-vi-hanh-chinh/44/", expect(200, 302)),
    ("get", "/don-vi-hanh-chinh/44/don-vi-truc-thuoc/", expect(200, 302)),
    ("get", "/to-chuc/", expect(200, 302, **ORG_VIEWERS)),
    ("get", "/to-chuc/them/", expect(200, 302, **ORG_EDITORS)),
    ("get", "/to-chuc/{org}/", expect(200, 302, canboxa=404, doanhnghiep=404, bientap=403)),
    ("get", "/to-chuc/{org}/sua/", expect(200, 302, **ORG_EDITORS)),
    ("post", "/to-chuc/{org}/xoa/", expect(302, 302, **ORG_EDITORS)),
    ("post", "/to-chuc/{org}/khoi-phuc/", expect(404, 302, **ORG_EDITORS)),
    ("get", "/lich-lam-viec/", expect(200, 302)),
    ("get", "/lich-lam-viec/?year=2019", expect(200, 302)),
    ("post", "/lich-lam-viec/", expect(403, 302, admin=200)),
    ("post", "/lich-lam-viec/999999/xoa/", expect(403, 302, admin=404)),
    ("get", "/co-so-du-lieu/", expect(200, 302, bientap=403)),
    ("get", "/co-so-du-lieu/bts-stations/", expect(200, 302, **BTS_VIEW)),
    ("get", "/co-so-du-lieu/bts-stations/?export=csv", expect(200, 302, **BTS_VIEW)),
    ("get", "/co-so-du-lieu/bts-stations/ban-do/", expect(200, 302, **BTS_VIEW)),
    ("get", "/co-so-du-lieu/bts-stations/mau-nhap.xlsx", expect(200, 302, **BTS_VIEW)),
    ("get", "/co-so-du-lieu/bts-stations/them/", expect(200, 302, **BTS_KEEP)),
    ("get", "/co-so-du-lieu/bts-stations/nhap/", expect(200, 302, **BTS_KEEP)),
    ("get", "/co-so-du-lieu/bts-stations/nhap/999999/", expect(404, 302, **BTS_KEEP)),
    ("post", "/co-so-du-lieu/bts-stations/nhap/999999/thuc-hien/", expect(404, 302, **BTS_KEEP)),
    ("get", "/co-so-du-lieu/bts-stations/nhap/999999/loi.csv", expect(404, 302, **BTS_KEEP)),
    ("get", "/co-so-du-lieu/bts-stations/nhap/999999/tep/", expect(404, 302, **BTS_KEEP)),
    ("get", "/co-so-du-lieu/bts-stations/{bts}/", expect(200, 302, **BTS_VIEW)),
    ("get", "/co-so-du-lieu/bts-stations/{bts}/sua/", expect(200, 302, **BTS_KEEP)),
    ("post", "/co-so-du-lieu/bts-stations/{bts}/xoa/", expect(302, 302, **BTS_DELETE)),
    ("post", "/co-so-du-lieu/bts-stations/{bts}/khoi-phuc/", expect(404, 302, **BTS_DELETE)),
    ("get", "/co-so-du-lieu/post-offices/", expect(200, 302, **POST_VIEW)),
    ("get", "/co-so-du-lieu/post-offices/them/", expect(200, 302, **POST_KEEP)),
    ("get", "/co-so-du-lieu/post-offices/{post}/", expect(200, 302, **POST_VIEW)),
    ("get", "/co-so-du-lieu/post-offices/{post}/sua/", expect(200, 302, **POST_KEEP)),
    ("post", "/co-so-du-lieu/post-offices/{post}/hoat-dong/", expect(302, 302, **POST_KEEP)),
    ("get", "/co-so-du-lieu/radio-stations/", expect(200, 302, **POST_VIEW)),
    ("get", "/co-so-du-lieu/internet-points/", expect(200, 302, **POST_VIEW)),
    ("get", "/co-so-du-lieu/khong-co/", expect(404, 302)),
    ("get", "/api/v1/bts-stations", expect(200, 401, **BTS_VIEW)),
    ("get", "/api/v1/bts-stations/{bts}", expect(200, 401, **BTS_VIEW)),
    ("get", "/api/v1/bts-stations/map?zoom=8", expect(200, 401, **BTS_VIEW)),
    ("get", "/api/v1/bts-stations/summary?level=district", expect(200, 401, **BTS_VIEW)),
    ("post", "/api/v1/bts-stations", expect(422, 401, **BTS_KEEP)),
    ("patch", "/api/v1/bts-stations/{bts}", expect(422, 401, **BTS_KEEP)),
    ("get", "/api/v1/post-offices", expect(200, 401, **POST_VIEW)),
    ("get", "/api/v1/post-offices/{post}", expect(200, 401, **POST_VIEW)),
    ("get", "/cong-thong-tin/", expect(200, 200)),
    ("get", "/healthz", expect(200, 200)),
    ("get", "/readyz", expect(200, 200)),
    ("get", "/cong-thong-tin/so-lieu/bts-stations/", expect(200, 200)),
    ("get", "/cong-thong-tin/so-lieu/bts-stations/ban-do/", expect(200, 200)),
    ("get", "/cong-thong-tin/so-lieu/bts-stations/ban-do.json?zoom=8", expect(200, 200)),
    ("get", "/cong-thong-tin/so-lieu/khong-co/", expect(404, 404)),
    ("get", "/cong-thong-tin/du-lieu-mo/", expect(200, 200)),
    ("get", "/cong-thong-tin/du-lieu-mo/catalog.json", expect(200, 200)),
    ("get", "/cong-thong-tin/du-lieu-mo/post-offices.csv", expect(200, 200)),
    ("get", "/cong-thong-tin/du-lieu-mo/post-offices.pdf", expect(404, 404)),
    ("get", "/cong-thong-tin/lien-he/", expect(200, 200)),
    ("get", "/cong-thong-tin/tin-tuc/", expect(200, 200)),
    ("get", "/cong-thong-tin/tin-tuc/rss.xml", expect(200, 200)),
    ("get", "/cong-thong-tin/tin-tuc/{article}/", expect(200, 200)),
    ("post", "/cong-thong-tin/tin-tuc/{article}/danh-gia/", expect(302, 302)),
    ("get", "/cong-thong-tin/anh/{image}/md.webp", expect(200, 200)),
    ("get", "/cong-thong-tin/anh/{missing_image}/md.webp", expect(404, 404)),
    ("get", "/cong-thong-tin/ngon-ngu/en/?next=/cong-thong-tin/", expect(302, 302)),
    ("get", "/cong-thong-tin/ngon-ngu/xx/", expect(404, 404)),
    ("get", "/sitemap.xml", expect(200, 200)),
    ("get", "/thu-tuc/", expect(200, 302, **CASE_VIEW)),
    ("get", "/thu-tuc/ho-so/", expect(200, 302, **CASE_VIEW)),
    ("get", "/thu-tuc/ho-so/them/", expect(200, 302, **CASE_ADD)),
    ("get", "/thu-tuc/ho-so/them/?thu-tuc=website.new", expect(200, 302, **CASE_ADD)),
    ("get", "/thu-tuc/ho-so/{case_id}/", expect(200, 302, **CASE_VIEW)),
    ("get", "/thu-tuc/ho-so/{other_case_id}/", expect(200, 302, **CASE_VIEW, doanhnghiep=404)),
    ("get", "/thu-tuc/ho-so/{case_id}/phieu-kiem-soat/", expect(200, 302, **CASE_VIEW)),
    ("get", "/thu-tuc/ho-so/{case_id}/tep/{case_file}/", expect(200, 302, **CASE_VIEW)),
    ("get", "/thu-tuc/ho-so/{case_id}/van-ban/{case_document}/", expect(200, 302, **CASE_VIEW)),
    ("post", "/thu-tuc/ho-so/{case_id}/phi/", expect(302, 302, **CASE_WORK)),
    ("post", "/thu-tuc/ho-so/{case_id}/thanh-toan/", expect(302, 302, **CASE_WORK)),
    ("post", "/thu-tuc/ho-so/{case_id}/xin-loi/", expect(302, 302, **CASE_WORK)),
    ("post", "/thu-tuc/ho-so/{case_id}/khong-co/", expect(404, 302, **CASE_VIEW)),
    ("get", "/thu-tuc/bang-dieu-khien/", expect(200, 302, **CASE_VIEW)),
    (
        "post",
        "/thu-tuc/ho-so/{other_case_id}/tep/",
        expect(302, 302, **CASE_VIEW, lanhdao=403, thanhtra=403, doanhnghiep=404),
    ),
    ("get", "/thu-tuc/giay-phep/", expect(200, 302, **CASE_VIEW)),
    ("get", "/thu-tuc/giay-phep/{licence_id}/", expect(200, 302, **CASE_VIEW)),
    ("get", "/cong-thong-tin/giay-phep/?q=nhat+le", expect(200, 200)),
    ("get", "/cong-thong-tin/van-ban-phap-luat/?q=147", expect(200, 200)),
    ("get", "/api/v1/procedures", expect(200, 200)),
    ("get", "/api/v1/licences", expect(200, 200)),
    ("get", "/api/v1/cases", expect(200, 401, **CASE_VIEW)),
    ("get", "/api/v1/cases/{other_case_id}", expect(200, 401, **CASE_VIEW, doanhnghiep=404)),
    ("post", "/api/v1/cases", expect(422, 401, **CASE_ADD)),
    ("post", "/api/v1/cases/{case_id}/grant", expect(409, 401, **CASE_VIEW)),
    ("get", "/chuong-trinh/", expect(200, 302, **PROGRAMME_VIEW)),
    ("get", "/chuong-trinh/danh-sach-ho-ngheo/", expect(302, 302, **PROGRAMME_VIEW, lanhdao=403)),
    ("get", "/co-so-du-lieu/poverty-list/nhap/", expect(200, 302, **PROGRAMME_VIEW, lanhdao=403)),
    ("get", "/co-so-du-lieu/poverty-list/nhap/999999/", expect(404, 302, **PROGRAMME_VIEW, lanhdao=403)),
    ("get", "/chuong-trinh/bao-chi/dan-toc-phat-trien/?tu=01/2019&den=12/2019", expect(200, 302, **PROGRAMME_VIEW)),
    ("get", "/chuong-trinh/bao-chi/dan-toc-phat-trien/?export=xlsx", expect(200, 302, **PROGRAMME_VIEW)),
    ("get", "/chuong-trinh/tv-digitisation/?cap=commune", expect(200, 302, **PROGRAMME_VIEW)),
    ("get", "/chuong-trinh/tv-digitisation/?export=xlsx", expect(200, 302, **PROGRAMME_VIEW)),
    ("post", "/chuong-trinh/tv-digitisation/", expect(200, 302, **PROGRAMME_VIEW, lanhdao=403)),
    ("get", "/chuong-trinh/khong-co/", expect(404, 302, **PROGRAMME_VIEW)),
    ("get", "/chuong-trinh/tv-digitisation/chua-ho-tro/", expect(200, 302, **PROGRAMME_VIEW)),
    ("get", "/api/v1/programmes", expect(200, 401, **PROGRAMME_VIEW)),
    ("get", "/api/v1/programmes/tv-digitisation/progress?level=province", expect(200, 401, **PROGRAMME_VIEW)),
    ("get", "/api/v1/programmes/tv-digitisation/deliveries", expect(200, 401, **PROGRAMME_VIEW)),
    ("post", "/api/v1/programmes/tv-digitisation/deliveries", expect(422, 401, **PROGRAMME_VIEW, lanhdao=403)),
    ("get", "/co-so-du-lieu/households/", expect(200, 302, **PROGRAMME_VIEW)),
    ("get", "/co-so-du-lieu/deliveries/nhap/", expect(200, 302, **PROGRAMME_VIEW, lanhdao=403)),
    ("get", "/co-so-du-lieu/deliveries/mau-nhap.xlsx", expect(200, 302, **PROGRAMME_VIEW, lanhdao=403)),
    ("get", "/co-so-du-lieu/deliveries/nhap/999999/", expect(404, 302, **PROGRAMME_VIEW, lanhdao=403)),
    ("post", "/co-so-du-lieu/deliveries/nhap/999999/thuc-hien/", expect(404, 302, **PROGRAMME_VIEW, lanhdao=403)),
    ("get", "/co-so-du-lieu/deliveries/", expect(404, 302)),
    ("post", "/chuong-trinh/ho/999999/gop/", expect(404, 302, **PROGRAMME_VIEW, lanhdao=403, canboxa=403)),
    ("get", "/bien-tap/", expect(200, 302, **NO_NEWSROOM)),
    ("get", "/bien-tap/them/", expect(200, 302, **NO_NEWSROOM)),
    ("get", "/bien-tap/anh/", expect(200, 302, **NO_NEWSROOM)),
    ("get", "/bien-tap/{article_id}/", expect(200, 302, **NO_NEWSROOM)),
    ("get", "/bien-tap/{article_id}/sua/", expect(200, 302, **NO_NEWSROOM)),
    ("post", "/bien-tap/{article_id}/publish/", expect(302, 302, **PUBLISHERS_ONLY)),
    ("post", "/bien-tap/{article_id}/khong-co/", expect(404, 302, **NO_NEWSROOM)),
    ("get", "/api/v1/articles", expect(200, 200)),
    ("get", "/api/v1/articles/{article_id}", expect(200, 200)),
    ("get", "/hop-thu-gop-y/", expect(200, 302, **INBOX_NONE)),
    ("get", "/hop-thu-gop-y/999999/", expect(404, 302, **INBOX_NONE)),
    ("get", "/thanh-tra/", expect(200, 302, **SANCTION_VIEW)),
    ("get", "/thanh-tra/quyet-dinh/999999/", expect(404, 302, **SANCTION_VIEW)),
    ("get", "/thanh-tra/bien-ban/", expect(200, 302, **ENFORCEMENT_STAFF)),
    ("get", "/thanh-tra/bien-ban/moi/", expect(200, 302, **ENFORCEMENT_WORK)),
    ("get", "/thanh-tra/bien-ban/999999/quyet-dinh/", expect(404, 302, **ENFORCEMENT_WORK)),
    ("get", "/thanh-tra/bao-cao/", expect(200, 302, **ENFORCEMENT_STAFF)),
    ("get", "/thanh-tra/kiem-tra/", expect(200, 302, **ENFORCEMENT_STAFF)),
    ("get", "/api/v1/sanction-provisions", expect(200, 401, **ENFORCEMENT_STAFF)),
    ("get", "/api/v1/sanction-authorities", expect(200, 401, **ENFORCEMENT_STAFF)),
    ("post", "/api/v1/violation-records", expect(422, 401, **ENFORCEMENT_WORK)),
    ("post", "/api/v1/sanction-decisions", expect(422, 401, **ENFORCEMENT_WORK)),
    ("get", "/api/v1/sanction-decisions/999999", expect(404, 401, **SANCTION_VIEW)),
    ("post", "/api/v1/sanction-decisions/999999/payments", expect(422, 401, **ENFORCEMENT_STAFF)),
    ("get", "/api/v1/inspections", expect(200, 401, **ENFORCEMENT_STAFF)),
    ("get", "/i18n/setlang/", expect(302, 302)),
    ("get", "/api/v1/me", expect(200, 401)),
    ("get", "/thong-bao/", expect(200, 302)),
    ("get", "/thong-bao/?unread=1", expect(200, 302)),
    ("get", "/thong-bao/moi-nhat/", expect(200, 302)),
    ("get", "/thong-bao/tuy-chon/", expect(200, 302)),
    ("post", "/thong-bao/da-doc-tat-ca/", expect(302, 302)),
    ("get", "/thong-bao/999999/", expect(404, 302)),
    ("post", "/thong-bao/999999/da-doc/", expect(404, 302)),
    ("get", "/api/v1/notifications", expect(200, 401)),
    ("post", "/api/v1/notifications/read-all", expect(200, 401)),
    ("post", "/api/v1/notifications/999999/read", expect(404, 401)),
    ("get", "/api/v1/units", expect(200, 401)),
    ("get", "/api/v1/units/44", expect(200, 401)),
    ("get", "/api/v1/organisations", expect(200, 401, bientap=403)),
    ("get", "/api/v1/organisations/{org}", expect(200, 401, canboxa=404, doanhnghiep=404, bientap=403)),
    ("post", "/api/v1/organisations", expect(422, 401, **ORG_EDITORS)),
    ("patch", "/api/v1/organisations/{org}", expect(422, 401, **ORG_EDITORS)),
    ("get", "/api/v1/openapi.json", expect(200, 200)),
    ("get", "/api/v1/docs", expect(200, 200)),
    ("get", "/django-admin/", expect(302, 302, admin=200)),
    ("post", "/tai-khoan/dang-xuat/", expect(302, 302)),  # last: it ends the session
]

EXEMPT_PREFIXES = ("/django-admin/", "/static/")


def _client(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    return client


@pytest.fixture
def records(now) -> dict[str, object]:
    upsert(
        "bts-stations",
        [
            {
                "operator": Organisation.objects.get(tax_code="4701234564"),
                "site_code": "M1",
                "unit": _commune(),
                "latitude": 17.47,
                "longitude": 106.6,
                "station_type": "rooftop",
                "technologies": ["4G"],
            }
        ],
        now=now,
    )
    upsert("post-offices", [{"code": "M-BĐVHX", "name": "Điểm thử", "unit": _commune()}], now=now)
    leader = User.objects.get(username="lanhdao")
    values = {name: "" for name in articles.CONTENT_FIELDS} | {
        "title": "Bài kiểm tra quyền",
        "lead": "a",
        "body": "<p>b</p>",
    }
    values["category_id"] = None
    article = articles.create_article(values=values, actor=leader, now=now)
    article = articles.transition(article=article, action="submit", actor=leader, now=now)
    article = articles.transition(article=article, action="publish", actor=leader, now=now)
    picture = images.upload_image(
        data=illustration((0, 0, 0), (200, 200, 200), width=320), filename="a.png", alt="ảnh", actor=leader, now=now
    )
    operator = Organisation.objects.get(tax_code="4701234564")
    specialist = User.objects.get(username="chuyenvien")  # counter entry is the specialists' work
    case = services.open_case(
        procedure_code="website.new",
        applicant=operator,
        particulars=WEBSITE,
        actor=specialist,
        now=now,
        files=[services.Upload("Đơn", b"%PDF-1.4 test", "don.pdf")],
    )
    other = services.open_case(
        procedure_code="website.new",
        applicant=department_org(),
        now=now,
        actor=specialist,
        particulars={**WEBSITE, "domains": ["khac.vn"]},
    )
    licence = Licence.objects.create(
        number="1/GP-STTTT",
        year=2026,
        family="website",
        holder=operator,
        subject="a.vn",
        valid_from=now.date(),
        valid_until=now.date(),
        particulars={},
    )
    return {
        "case_id": case.pk,
        "other_case_id": other.pk,
        "case_file": case.files.get().pk,
        "case_document": documents_of(f"licensing.case:{case.pk}").first().pk,
        "licence_id": licence.pk,
        "image": picture.digest,
        "missing_image": "0" * 64,
        "bts": BtsStation.objects.get(site_code="M1").pk,
        "post": PostOfficePoint.objects.get(code="M-BĐVHX").pk,
        "article": article.slug,
        "article_id": article.pk,
    }


def department_org() -> Organisation:
    return Organisation.objects.get(short_name="Sở TT&TT")


WEBSITE = {"domains": ["matrix.vn"], "server_location": "Đồng Hới", "responsible_person": "An"}


def _commune() -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code="18880", level="commune", valid_to__isnull=False)


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_expected(role: str, records: dict[str, object]) -> None:
    department = Organisation.objects.get(short_name="Sở TT&TT")
    other_user = User.objects.get(username="bientap")
    client = _client(role)
    failures = []
    for method, template, expected in MATRIX:
        path = template.format(org=department.pk, user=other_user.pk, **records)
        kwargs = (
            {"content_type": "application/json", "data": "{}"}
            if method in {"post", "patch"} and "/api/" in path
            else {}
        )
        response = getattr(client, method)(path, **kwargs)
        if response.status_code != expected[role]:
            failures.append(f"{method.upper()} {path}: {response.status_code} != {expected[role]}")
        if method == "post" and path.endswith("/xoa/") and response.status_code == 302:
            Organisation.objects.filter(pk=department.pk).update(deleted_at=None)
            BtsStation.objects.filter(pk=records["bts"]).update(deleted_at=None)
    assert failures == []


def _routes(resolver: URLResolver, prefix: str = "") -> list[str]:
    found = []
    for pattern in resolver.url_patterns:
        text = prefix + re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", str(pattern.pattern).strip("^$"))
        if isinstance(pattern, URLResolver):
            found.extend(_routes(pattern, text))
        elif isinstance(pattern, URLPattern):
            found.append("/" + text)
    return found


def test_the_matrix_covers_every_html_route() -> None:
    covered = {template.split("{")[0].rstrip("/") for _m, template, _e in MATRIX}
    missing = []
    for route in _routes(get_resolver()):
        if route.startswith(EXEMPT_PREFIXES) or route.startswith("/api/v1/"):
            continue
        stem = route.split("<")[0].rstrip("/")
        if not any(c == stem or c.startswith(stem + "/") or (stem and c.startswith(stem)) for c in covered):
            missing.append(route)
    assert missing == []
