import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import Workbook

from ictmis.accounts import security_log
from ictmis.accounts.demo import DEMO_PASSWORD
from ictmis.accounts.models import SecurityEvent, User
from ictmis.accounts.services import create_token, revoke_token
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind
NEW_PASSWORD = "Mat-khau-moi-2026!"


def _kinds(username: str) -> list[str]:
    return list(SecurityEvent.objects.filter(username=username).order_by("id").values_list("kind", flat=True))


def test_logins_failures_throttling_and_logout_are_logged_with_the_address() -> None:
    client = Client(REMOTE_ADDR="198.51.100.4")
    with override_settings(LOGIN_FREE_FAILURES=1):
        client.post(reverse("accounts:login"), {"username": "thanhtra", "password": "wrong"})
        client.post(reverse("accounts:login"), {"username": "thanhtra", "password": "wrong"})
    client.cookies.clear()
    leader = Client(REMOTE_ADDR="198.51.100.5")
    leader.post(reverse("accounts:login"), {"username": "lanhdao", "password": DEMO_PASSWORD})
    other = Client(REMOTE_ADDR="198.51.100.6")
    other.post(reverse("accounts:login"), {"username": "bientap", "password": DEMO_PASSWORD})
    other.post(reverse("accounts:logout"))

    assert _kinds("thanhtra") == [Kind.LOGIN_FAILED, Kind.LOGIN_THROTTLED]
    failed = SecurityEvent.objects.get(username="thanhtra", kind=Kind.LOGIN_FAILED)
    assert (failed.address, failed.actor, failed.path) == ("198.51.100.4", None, "/tai-khoan/dang-nhap/")
    succeeded = SecurityEvent.objects.get(username="lanhdao", kind=Kind.LOGIN_SUCCEEDED)
    assert (succeeded.address, succeeded.actor.username) == ("198.51.100.5", "lanhdao")
    assert _kinds("bientap")[-2:] == [Kind.LOGIN_SUCCEEDED, Kind.LOGOUT]


def test_a_failed_login_for_a_user_name_that_does_not_exist_is_logged_too() -> None:
    Client().post(reverse("accounts:login"), {"username": "khong-co-ai", "password": "x"})

    assert _kinds("khong-co-ai") == [Kind.LOGIN_FAILED]


def test_password_change_and_reset_are_logged(specialist) -> None:
    from django.core import mail

    logged_in("chuyenvien").post(
        reverse("accounts:password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "chuyenvien@demo.ictmis.example"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/tai-khoan/dat-lai-mat-khau/" in line)
    form = client.get(link[link.index("/tai-khoan/") :].strip(), follow=True)
    again = DEMO_PASSWORD + "-x"
    client.post(form.redirect_chain[-1][0], {"new_password1": again, "new_password2": again})

    kinds = _kinds("chuyenvien")
    assert Kind.PASSWORD_CHANGED in kinds
    assert Kind.PASSWORD_RESET_REQUESTED in kinds
    assert kinds[-1] == Kind.PASSWORD_RESET


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_two_factor_device_added_and_removed_are_logged() -> None:
    client = logged_in("lanhdao")
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user__username="lanhdao", confirmed=False)
    client.post(reverse("accounts:two_factor"), {"code": f"{totp(device.bin_key):06d}"})
    TOTPDevice.objects.get(pk=device.pk).delete()

    assert _kinds("lanhdao")[-2:] == [Kind.TWO_FACTOR_ADDED, Kind.TWO_FACTOR_REMOVED]


def test_token_creation_revocation_and_use_after_expiry_are_logged(specialist, administrator) -> None:
    _old, raw = create_token(user=specialist, name="cũ", now=timezone.now() - dt.timedelta(days=2), days=1)
    token, _raw = create_token(user=specialist, name="mới", now=timezone.now())
    revoke_token(token=token, actor=administrator, now=timezone.now())
    Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})

    assert _kinds("chuyenvien") == [Kind.TOKEN_CREATED, Kind.TOKEN_CREATED, Kind.TOKEN_REVOKED, Kind.TOKEN_EXPIRED]
    revoked = SecurityEvent.objects.get(kind=Kind.TOKEN_REVOKED, username="chuyenvien")
    assert revoked.actor == administrator
    assert revoked.details["token"] == token.prefix


def test_permission_denials_from_pages_and_the_api_are_logged() -> None:
    client = Client(REMOTE_ADDR="198.51.100.8")
    client.force_login(User.objects.get(username="bientap"))
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert client.get("/api/v1/households").status_code == 403

    denied = SecurityEvent.objects.filter(kind=Kind.PERMISSION_DENIED, username="bientap").order_by("id")
    assert [(e.path, e.address, e.actor.username) for e in denied] == [
        ("/quan-tri/nguoi-dung/", "198.51.100.8", "bientap"),
        ("/api/v1/households", "198.51.100.8", "bientap"),
    ]


def _households_file() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã hộ", "Họ tên chủ hộ", "Năm sinh", "Số định danh cá nhân", "Mã đơn vị hành chính cấp xã"])
    sheet.append(["HS-1", "Trần Thị Một", 1980, "044180001234", "18880"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_exports_and_imports_of_households_are_logged_but_not_of_public_registries(tmp_path) -> None:
    client = Client(REMOTE_ADDR="198.51.100.9")
    client.force_login(User.objects.get(username="chuyenvien"))
    assert client.get("/co-so-du-lieu/households/", {"export": "csv"}).status_code == 200
    assert client.get("/co-so-du-lieu/bts-stations/", {"export": "csv"}).status_code == 200
    source = tmp_path / "ho.xlsx"
    source.write_bytes(_households_file())
    call_command("import", "households", str(source), stdout=io.StringIO())
    call_command("export", "households", "-o", str(tmp_path / "ra.xlsx"), stdout=io.StringIO())

    exports = SecurityEvent.objects.filter(kind=Kind.PERSONAL_DATA_EXPORTED).order_by("id")
    assert [(e.actor and e.actor.username, e.address, e.details["registry"]) for e in exports] == [
        ("chuyenvien", "198.51.100.9", "households"),
        (None, "", "households"),
    ]
    imported = SecurityEvent.objects.get(kind=Kind.PERSONAL_DATA_IMPORTED)
    assert imported.details == {"registry": "households", "rows": 1}


def test_only_the_administrator_sees_the_security_log_page_with_filters() -> None:
    Client().post(reverse("accounts:login"), {"username": "thanhtra", "password": "wrong"})
    Client().post(reverse("accounts:login"), {"username": "lanhdao", "password": DEMO_PASSWORD})
    url = reverse("accounts:security_log")

    for username in ["lanhdao", "chuyenvien", "thanhtra", "canboxa", "doanhnghiep", "bientap"]:
        assert logged_in(username).get(url).status_code == 403
    assert Client().get(url).status_code == 302
    page = logged_in("admin").get(url, {"kind": "login_failed", "username": "thanhtra"}).content.decode()

    assert "Nhật ký bảo mật" in page
    assert "Đăng nhập thất bại" in page
    assert 'data-kind="login_succeeded"' not in page
    assert 'data-kind="login_failed"' in page
    assert "lần thử sau phải chờ (giây): 0" in page


def test_the_security_log_page_paginates_and_filters_by_date(administrator) -> None:
    now = timezone.now()
    for number in range(60):
        security_log.record(Kind.LOGIN_FAILED, now=now - dt.timedelta(days=10), username=f"u{number}")
    security_log.record(Kind.LOGIN_FAILED, now=now, username="hom-nay-thu")
    client = logged_in("admin")
    url = reverse("accounts:security_log")

    older = client.get(url, {"until": (now - dt.timedelta(days=5)).strftime("%d/%m/%Y")}).content.decode()
    recent = client.get(url, {"since": timezone.localdate().strftime("%d/%m/%Y"), "kind": "login_failed"})

    assert "hom-nay-thu" not in older
    assert "Trang 1/3" in older
    assert "hom-nay-thu" in recent.content.decode()
    assert ">u59<" not in recent.content.decode()


def test_purge_removes_only_events_older_than_the_retention(settings) -> None:
    now = timezone.now()
    settings.SECURITY_LOG_RETENTION_DAYS = 90
    security_log.record(Kind.LOGIN_FAILED, now=now - dt.timedelta(days=91), username="cu")
    security_log.record(Kind.LOGIN_FAILED, now=now - dt.timedelta(days=89), username="moi")

    call_command("purge_security_log", stdout=io.StringIO())

    assert not SecurityEvent.objects.filter(username="cu").exists()
    assert SecurityEvent.objects.filter(username="moi").exists()


def test_a_retention_below_three_months_stops_the_start_up(monkeypatch) -> None:
    from ictmis.env import InvalidSettingError, env_int_at_least

    monkeypatch.setenv("ICTMIS_SECURITY_LOG_RETENTION_DAYS", "30")
    with pytest.raises(InvalidSettingError):
        env_int_at_least("ICTMIS_SECURITY_LOG_RETENTION_DAYS", 365, 90)
    monkeypatch.setenv("ICTMIS_SECURITY_LOG_RETENTION_DAYS", "90")
    assert env_int_at_least("ICTMIS_SECURITY_LOG_RETENTION_DAYS", 365, 90) == 90
