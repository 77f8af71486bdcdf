import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from ictmis.accounts import throttle
from ictmis.accounts.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"


def _attempt(username: str, password: str, address: str, client: Client | None = None) -> int:
    client = client or Client(REMOTE_ADDR=address)
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address).status_code


def test_delay_doubles_after_the_free_failures_and_is_capped(settings) -> None:
    settings.LOGIN_MAX_DELAY = 60
    assert [throttle.delay_after(n, 5) for n in range(3, 12)] == [0, 0, 2, 4, 8, 16, 32, 60, 60]


@override_settings(LOGIN_FREE_FAILURES=3)
def test_failures_from_many_addresses_slow_that_user_name_but_not_another() -> None:
    for number in range(3):
        _attempt("thanhtra", "wrong", f"198.51.100.{number + 1}")

    assert _attempt("thanhtra", DEMO_PASSWORD, "198.51.100.99") == 429
    assert _attempt("lanhdao", DEMO_PASSWORD, "198.51.100.1") == 302


@override_settings(LOGIN_FREE_FAILURES=3)
def test_after_the_delay_the_right_password_works_and_waiting_attempts_count_nothing() -> None:
    buckets = throttle.login_buckets(username="thanhtra", address="198.51.100.1")
    for _ in range(3):
        throttle.record_failure(buckets, now=1000.0)
    assert throttle.seconds_to_wait(buckets, now=1000.0) == 2
    assert throttle.seconds_to_wait(buckets, now=1001.5) == 1

    assert throttle.seconds_to_wait(buckets, now=1002.0) == 0


@override_settings(LOGIN_FREE_FAILURES=3)
def test_attempts_refused_while_waiting_do_not_lengthen_the_delay() -> None:
    for _ in range(3):
        _attempt("thanhtra", "wrong", "198.51.100.1")
    for _ in range(10):
        assert _attempt("thanhtra", "wrong", "198.51.100.1") == 429

    buckets = throttle.login_buckets(username="thanhtra", address="198.51.100.1")
    assert throttle.record_failure(buckets, now=0.0) == 4  # the fourth counted failure, not the fourteenth


@override_settings(LOGIN_FREE_FAILURES=3)
def test_a_browser_that_logged_in_before_is_not_held_back_by_strangers_failures() -> None:
    owner = Client(REMOTE_ADDR="198.51.100.50")
    assert _attempt("thanhtra", DEMO_PASSWORD, "198.51.100.50", owner) == 302
    owner.post(reverse("accounts:logout"))
    for number in range(6):
        _attempt("thanhtra", "wrong", f"203.0.113.{number + 1}")
    assert _attempt("thanhtra", DEMO_PASSWORD, "203.0.113.200") == 429

    assert _attempt("thanhtra", DEMO_PASSWORD, "198.51.100.50", owner) == 302


@override_settings(LOGIN_FREE_FAILURES=100, LOGIN_ADDRESS_FREE_FAILURES=4)
def test_one_address_trying_many_user_names_is_slowed_on_its_own() -> None:
    for name in ["a1", "a2", "a3", "a4"]:
        _attempt(name, "wrong", "203.0.113.9")

    assert _attempt("lanhdao", DEMO_PASSWORD, "203.0.113.9") == 429
    assert _attempt("lanhdao", DEMO_PASSWORD, "203.0.113.10") == 302


@override_settings(TRUSTED_PROXIES=["10.0.0.2"], LOGIN_FREE_FAILURES=100, LOGIN_ADDRESS_FREE_FAILURES=2)
def test_behind_the_proxy_one_visitors_failures_do_not_slow_the_others() -> None:
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for name in ["a1", "a2", "a3"]:
        attacker.post(LOGIN, {"username": name, "password": "wrong"})
    assert attacker.post(LOGIN, {"username": "a4", "password": "wrong"}).status_code == 429

    colleague = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = colleague.post(LOGIN, {"username": "lanhdao", "password": DEMO_PASSWORD})

    assert response.status_code == 302


@override_settings(PASSWORD_RESET_MAILS_PER_ACCOUNT=2, PASSWORD_RESET_MAILS_PER_ADDRESS=100)
def test_reset_mails_to_one_account_are_limited_and_the_page_says_the_same() -> None:
    email = {"email": "bientap@demo.ictmis.example"}
    pages = [Client(REMOTE_ADDR=f"198.51.100.{n}").post(reverse("accounts:password_reset"), email) for n in range(1, 5)]

    assert len(mail.outbox) == 2
    assert {page.status_code for page in pages} == {302}
    assert {page["Location"] for page in pages} == {reverse("accounts:password_reset_done")}


@override_settings(PASSWORD_RESET_MAILS_PER_ACCOUNT=100, PASSWORD_RESET_MAILS_PER_ADDRESS=3)
def test_reset_mails_from_one_address_are_limited_whatever_the_account() -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    for email in ["bientap@demo.ictmis.example", "lanhdao@demo.ictmis.example", "nobody@example.vn"]:
        client.post(reverse("accounts:password_reset"), {"email": email})
    sent = len(mail.outbox)
    page = client.post(reverse("accounts:password_reset"), {"email": "thanhtra@demo.ictmis.example"})

    assert len(mail.outbox) == sent
    assert page["Location"] == reverse("accounts:password_reset_done")
    elsewhere = Client(REMOTE_ADDR="198.51.100.1")
    elsewhere.post(reverse("accounts:password_reset"), {"email": "thanhtra@demo.ictmis.example"})
    assert len(mail.outbox) == sent + 1
