import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ictmis.accounts.demo import DEMO_PASSWORD
from ictmis.accounts.models import ApiToken
from ictmis.accounts.services import authenticate_token, create_token, revoke_token
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db


def test_login_with_the_demo_password_reaches_the_home_page() -> None:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "lanhdao", "password": DEMO_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert "Tỉnh Quảng Bình" in response.content.decode() or "Quảng Trị" in response.content.decode()


def test_wrong_password_is_refused_with_a_message() -> None:
    response = Client().post(reverse("accounts:login"), {"username": "lanhdao", "password": "wrong"})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


@override_settings(LOGIN_FREE_FAILURES=3)
def test_repeated_failures_make_the_next_attempt_wait_even_with_the_right_password() -> None:
    client = Client()
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "thanhtra", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "thanhtra", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert response["Retry-After"] == "2"
    assert "Đợi 2 giây" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_password_reset_sends_a_link_by_email() -> None:
    Client().post(reverse("accounts:password_reset"), {"email": "bientap@demo.ictmis.example"})
    assert len(mail.outbox) == 1
    assert "/tai-khoan/dat-lai-mat-khau/" in mail.outbox[0].body


def test_tokens_are_stored_hashed_and_can_be_revoked(specialist, now) -> None:
    token, raw = create_token(user=specialist, name="báo cáo", now=now)

    assert raw.startswith("ictmis_")
    assert raw not in token.key_hash
    assert authenticate_token(raw, now=now) == specialist
    assert ApiToken.objects.get(pk=token.pk).last_used_at == now

    revoke_token(token=token, actor=specialist, now=now)
    assert authenticate_token(raw, now=now) is None


def test_create_token_command_prints_a_working_token(capsys) -> None:
    call_command("create_token", "chuyenvien", "--name", "ci")
    raw = capsys.readouterr().out.strip()
    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json()["username"] == "chuyenvien"


@override_settings(REQUIRE_2FA=True)
def test_staff_must_set_up_two_factor_when_required() -> None:
    client = logged_in("chuyenvien")
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor")

    page = client.get(reverse("accounts:two_factor"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user__username="chuyenvien", confirmed=False)
    code = f"{totp(device.bin_key):06d}"
    client.post(reverse("accounts:two_factor"), {"code": code})

    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("core:home")).status_code == 200


@override_settings(REQUIRE_2FA=True)
def test_enterprise_users_are_not_forced_into_two_factor() -> None:
    assert logged_in("doanhnghiep").get(reverse("core:home")).status_code == 200


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)
def test_a_user_with_a_device_must_enter_a_code_after_login() -> None:
    device = TOTPDevice.objects.create(
        user_id=logged_in("lanhdao").session["_auth_user_id"], name="app", confirmed=True
    )
    client = logged_in("lanhdao")
    response = client.get(reverse("parties:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert client.get("/api/v1/me").status_code == 401

    wrong = f"{(totp(device.bin_key) + 1) % 1_000_000:06d}"
    client.post(reverse("accounts:two_factor_verify"), {"code": wrong})
    assert client.get(reverse("parties:list")).status_code == 302

    client.post(
        reverse("accounts:two_factor_verify"),
        {"code": f"{totp(device.bin_key):06d}", "next": reverse("parties:list")},
    )
    assert client.get(reverse("parties:list")).status_code == 200
    assert client.get("/api/v1/me").status_code == 200
