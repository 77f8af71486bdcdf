"""ICTMIS_EMAIL_URL: one line for the SMTP server (or console, file, locmem); a wrong scheme fails loudly."""

from __future__ import annotations

import pytest

from ictmis.env import MissingSettingError, email_settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_smtp_with_starttls_and_an_encoded_user() -> None:
    assert email_settings("smtp://ictmis%40tinh.gov.vn:p%3Ass@mail.tinh.gov.vn:587?tls=1") == {
        "EMAIL_BACKEND": SMTP,
        "EMAIL_HOST": "mail.tinh.gov.vn",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "ictmis@tinh.gov.vn",
        "EMAIL_HOST_PASSWORD": "p:ss",
        "EMAIL_USE_SSL": False,
        "EMAIL_USE_TLS": True,
    }


def test_smtps_defaults_to_port_465_with_implicit_tls() -> None:
    values = email_settings("smtps://u:p@mail.example")
    assert (values["EMAIL_PORT"], values["EMAIL_USE_SSL"], values["EMAIL_USE_TLS"]) == (465, True, False)


def test_other_backends() -> None:
    assert email_settings("console:")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert email_settings("file:///srv/ictmis/mail") == {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": "/srv/ictmis/mail",
    }


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(MissingSettingError, match="ICTMIS_EMAIL_URL"):
        email_settings("smpt://mail.example")
