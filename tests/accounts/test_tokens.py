import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from ictmis.accounts.demo import DEMO_PASSWORD
from ictmis.accounts.models import ApiToken
from ictmis.accounts.services import TokenExpiredError, authenticate_token, create_token
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Mat-khau-moi-2026!"


def _me(raw: str) -> object:
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})


@override_settings(TOKEN_LIFETIME_DAYS=30)
def test_a_token_expires_after_the_configured_lifetime_or_its_own(specialist, now) -> None:
    default, _raw = create_token(user=specialist, name="mặc định", now=now)
    short, _raw = create_token(user=specialist, name="ngắn", now=now, days=7)

    assert default.expires_at == now + dt.timedelta(days=30)
    assert short.expires_at == now + dt.timedelta(days=7)


def test_an_expired_token_is_a_401_with_a_vietnamese_message(specialist) -> None:
    _token, raw = create_token(user=specialist, name="cũ", now=timezone.now() - dt.timedelta(days=3), days=2)

    response = _me(raw)

    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập API đã hết hạn. Hãy tạo mã mới tại trang tài khoản của bạn."


def test_a_token_works_until_its_expiry(specialist, now) -> None:
    _token, raw = create_token(user=specialist, name="x", now=now, days=1)

    assert authenticate_token(raw, now=now + dt.timedelta(hours=23)) == specialist
    with pytest.raises(TokenExpiredError):
        authenticate_token(raw, now=now + dt.timedelta(days=1))


def test_last_use_is_recorded_at_most_once_a_minute(specialist, now) -> None:
    token, raw = create_token(user=specialist, name="x", now=now)

    authenticate_token(raw, now=now + dt.timedelta(seconds=5))
    authenticate_token(raw, now=now + dt.timedelta(seconds=30))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == now + dt.timedelta(seconds=5)

    authenticate_token(raw, now=now + dt.timedelta(seconds=65))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == now + dt.timedelta(seconds=65)


def test_the_account_page_shows_expiry_and_last_use(specialist) -> None:
    token, raw = create_token(user=specialist, name="báo cáo", now=timezone.now())
    assert _me(raw).status_code == 200

    page = logged_in("chuyenvien").get(reverse("accounts:profile")).content.decode()

    row = page.split(f'data-testid="token-{token.prefix}"')[1].split("</tr>")[0]
    used = timezone.localtime(ApiToken.objects.get(pk=token.pk).last_used_at).strftime("%d/%m/%Y")
    assert row.count(used) >= 2
    assert '<td data-testid="last-used">—</td>' not in row


def test_tokens_are_revoked_when_the_password_is_changed(specialist) -> None:
    _token, raw = create_token(user=specialist, name="x", now=timezone.now())
    client = logged_in("chuyenvien")

    client.post(
        reverse("accounts:password_change"),
        {"old_password": DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert _me(raw).status_code == 401
    assert not ApiToken.objects.filter(user=specialist, revoked_at__isnull=True).exists()


def test_tokens_are_revoked_when_the_password_is_reset_by_mail(specialist) -> None:
    _token, raw = create_token(user=specialist, name="x", now=timezone.now())
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": "chuyenvien@demo.ictmis.example"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/tai-khoan/dat-lai-mat-khau/" in line)
    form_page = client.get(link[link.index("/tai-khoan/") :].strip(), follow=True)

    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert _me(raw).status_code == 401
    assert not ApiToken.objects.filter(user=specialist, revoked_at__isnull=True).exists()


def test_tokens_are_revoked_whatever_changes_the_password(specialist) -> None:
    _token, raw = create_token(user=specialist, name="x", now=timezone.now())

    specialist.set_password(NEW_PASSWORD)
    specialist.save()

    assert _me(raw).status_code == 401


def test_cli_creates_a_token_with_its_own_lifetime_and_lists_it(capsys) -> None:
    call_command("create_token", "chuyenvien", "--name", "ci", "--days", "5")
    raw = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(prefix=raw[:13])
    assert (token.expires_at - token.created_at).days == 5
    assert _me(raw).status_code == 200

    call_command("list_tokens", "chuyenvien")
    listing = capsys.readouterr().out

    line = next(row for row in listing.splitlines() if row.startswith(f"chuyenvien\t{token.prefix}"))
    assert "\tactive\t" in line
    assert timezone.localtime(token.expires_at).strftime("%d/%m/%Y %H:%M") in line
    assert not line.endswith("\t-")


def test_cli_refuses_a_lifetime_out_of_range() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_token", "chuyenvien", "--days", "0")


def test_the_account_page_creates_a_token_with_the_chosen_lifetime(specialist) -> None:
    client = logged_in("chuyenvien")

    page = client.post(reverse("accounts:profile"), {"name": "máy chủ báo cáo", "days": "10"})
    refused = client.post(reverse("accounts:profile"), {"name": "quá dài", "days": "5000"})

    token = ApiToken.objects.get(user=specialist, name="máy chủ báo cáo")
    assert token.expires_at - token.created_at == dt.timedelta(days=10)
    assert 'data-testid="new-token"' in page.content.decode()
    assert not ApiToken.objects.filter(name="quá dài").exists()
    assert "days_errors" in refused.content.decode()
