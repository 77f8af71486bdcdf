"""Project settings. Every value is read from the environment (see env.py and README)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ictmis.env import (
    email_settings,
    env_bool,
    env_int,
    env_int_at_least,
    env_list,
    env_networks,
    env_str,
    tile_sources,
)

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parents[1]

DEBUG = env_bool("ICTMIS_DEBUG")
DEMO_MODE = env_bool("ICTMIS_DEMO")
SECRET_KEY = env_str("ICTMIS_SECRET_KEY", "insecure-development-key-only-for-debug" if DEBUG else None)
ALLOWED_HOSTS = env_list("ICTMIS_ALLOWED_HOSTS", "127.0.0.1,localhost")
ORGANISATION_NAME = env_str("ICTMIS_ORGANISATION_NAME", "Sở Thông tin và Truyền thông tỉnh Quảng Bình")
# What the portal's footer states about the agency behind it (who answers for the content, how to reach it)
PORTAL_CONTACT = {
    "address": env_str("ICTMIS_PORTAL_ADDRESS", ""),
    "phone": env_str("ICTMIS_PORTAL_PHONE", ""),
    "email": env_str("ICTMIS_PORTAL_EMAIL", ""),
    "responsible": env_str("ICTMIS_PORTAL_RESPONSIBLE", ""),
}
# The heading and place line of outgoing documents (Decree 30/2020/NĐ-CP): issuing body, its parent, place.
ICTMIS_ISSUING_BODY = env_str("ICTMIS_ISSUING_BODY", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
ICTMIS_PARENT_BODY = env_str("ICTMIS_PARENT_BODY", "UBND TỈNH QUẢNG BÌNH")
ICTMIS_PLACE = env_str("ICTMIS_PLACE", "Quảng Bình")
DATA_DIR = Path(env_str("ICTMIS_DATA_DIR", str(Path.cwd() / "var"))).resolve()
HTTPS = env_bool("ICTMIS_HTTPS", default=not DEBUG)
REQUIRE_2FA = env_bool("ICTMIS_REQUIRE_2FA", default=not (DEBUG or DEMO_MODE))
NODE_MODULES_DIR = Path(env_str("ICTMIS_NODE_MODULES", str(PROJECT_DIR / "node_modules")))
# Maps draw the offline base layer built by tools/build_basemap.py, or a tile server's tiles when one is set:
# e.g. https://{s}.tiles.example.vn/{z}/{x}/{y}.png with the attribution its licence requires (HTML allowed).
MAP_TILE_URL = env_str("ICTMIS_MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("ICTMIS_MAP_TILE_ATTRIBUTION", "")
# The province(s) this installation serves, by code; forms offer their units first.
HOME_PROVINCE_CODES = env_list("ICTMIS_PROVINCE_CODES", "44")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "template_partials",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "ictmis.core",
    "ictmis.units",
    "ictmis.legal",
    "ictmis.parties",
    "ictmis.accounts",
    "ictmis.documents",
    "ictmis.notifications",
    "ictmis.licensing",
    "ictmis.enforcement",
    "ictmis.postal",
    "ictmis.broadcasting",
    "ictmis.telecom",
    "ictmis.internet",
    "ictmis.programmes",
    "ictmis.directives",
    "ictmis.training",
    "ictmis.indicators",
    "ictmis.infosec",
    "ictmis.portal",
    # Last, so that ictmis.core's `db_worker` (which first recovers interrupted imports) wins.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "ictmis.core.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "ictmis.core.uploads.RequestBodyLimitMiddleware",
    "ictmis.core.http.RefuseNulInQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ictmis.accounts.middleware.TwoFactorRequiredMiddleware",
    "ictmis.accounts.security_log.SecurityLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ictmis.urls"
WSGI_APPLICATION = "ictmis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "ictmis.core.context_processors.shell",
            ],
            "builtins": ["ictmis.core.templatetags.vn"],
        },
    }
]

_default_db = f"sqlite:///{DATA_DIR / 'ictmis.sqlite3'}"
_db = dj_database_url.parse(env_str("ICTMIS_DATABASE_URL", _default_db), conn_max_age=60)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["CONN_MAX_AGE"] = 0
    _db["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # not a check: its password_changed() hook revokes the user's API tokens whatever changed the password
    {"NAME": "ictmis.accounts.passwords.RevokeTokensOnPasswordChange"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# The reverse proxies in front of the application (addresses or CIDR networks). Only from these is
# X-Forwarded-For believed: the client is its right-most address that is not one of them (core.http).
TRUSTED_PROXIES = env_networks("ICTMIS_TRUSTED_PROXIES", "")
# Log-in throttle (accounts.throttle): after LOGIN_FREE_FAILURES failures for one user name, each further
# attempt waits 2, 4, 8 … seconds, at most LOGIN_MAX_DELAY; one address gets more failures before it waits.
LOGIN_FREE_FAILURES = env_int_at_least("ICTMIS_LOGIN_FAILURE_LIMIT", 5, 1)
LOGIN_ADDRESS_FREE_FAILURES = env_int_at_least("ICTMIS_LOGIN_ADDRESS_FAILURE_LIMIT", 30, 1)
LOGIN_MAX_DELAY = env_int_at_least("ICTMIS_LOGIN_MAX_DELAY_SECONDS", 900, 1)
# Password-reset e-mails: at most this many per hour for one address and for one account.
PASSWORD_RESET_MAILS_PER_ADDRESS = env_int_at_least("ICTMIS_PASSWORD_RESET_PER_ADDRESS", 5, 1)
PASSWORD_RESET_MAILS_PER_ACCOUNT = env_int_at_least("ICTMIS_PASSWORD_RESET_PER_ACCOUNT", 3, 1)
# API tokens expire after this many days unless created with another lifetime.
TOKEN_LIFETIME_DAYS = env_int_at_least("ICTMIS_TOKEN_LIFETIME_DAYS", 90, 1)
# Security events are kept this long (at least three months); `ictmis purge_security_log` removes older ones.
SECURITY_LOG_RETENTION_DAYS = env_int_at_least("ICTMIS_SECURITY_LOG_RETENTION_DAYS", 365, 90)

OTP_TOTP_ISSUER = "ictmis"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
FORMAT_MODULE_PATH = ["ictmis.formats"]
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
LANGUAGE_COOKIE_NAME = "ictmis_language"
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES_DIR / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES_DIR / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES_DIR / "htmx.org" / "dist"),
    ("vendor/leaflet", NODE_MODULES_DIR / "leaflet" / "dist"),
    ("vendor/chartjs", NODE_MODULES_DIR / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Shared by every worker process with no server to run: the public pages' cache (portal.page_cache).
# Several servers behind a balancer share a Redis instead: ICTMIS_CACHE_URL=redis://host:6379/1 (pip install redis).
_cache_url = env_str("ICTMIS_CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url.startswith(("redis://", "rediss://"))
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
        }
    )
}
# With Redis, sessions live in the shared cache (written through to the database, so a cache restart
# logs nobody out) and every node sees the same sessions and cache-kept counters.
if _cache_url.startswith(("redis://", "rediss://")):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "/tep/"  # never served directly: uploads go through authorised views
WHITENOISE_USE_FINDERS = DEBUG

TASKS = {
    "default": {
        "BACKEND": {
            "db": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env_str("ICTMIS_TASK_BACKEND", "db")]
    }
}

# E-mail: ICTMIS_EMAIL_URL (smtp://user:password@host:587?tls=1, smtps://…, console:, file:///path,
# locmem:) or the separate ICTMIS_EMAIL_* variables; the console backend when neither is set.
EMAIL_BACKEND = env_str("ICTMIS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("ICTMIS_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("ICTMIS_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("ICTMIS_EMAIL_USER", "-")
EMAIL_HOST_PASSWORD = env_str("ICTMIS_EMAIL_PASSWORD", "-")
EMAIL_USE_TLS = env_bool("ICTMIS_EMAIL_TLS")
EMAIL_USE_SSL = env_bool("ICTMIS_EMAIL_SSL")
EMAIL_TIMEOUT = env_int("ICTMIS_EMAIL_TIMEOUT", 30)
EMAIL_FILE_PATH = env_str("ICTMIS_EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
if env_str("ICTMIS_EMAIL_URL", ""):
    globals().update(email_settings(env_str("ICTMIS_EMAIL_URL")))
# The address of this site as users reach it, for the links in e-mails.
SITE_URL = env_str("ICTMIS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env_str("ICTMIS_EMAIL_FROM", "ictmis@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("ICTMIS_CSRF_TRUSTED_ORIGINS", "")
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # probes reach the node directly over plain HTTP
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("ICTMIS_BEHIND_PROXY") else None
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *tile_sources(MAP_TILE_URL)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Directives: remind the person in charge this many working days before a task's deadline.
DIRECTIVES_REMIND_DAYS = env_int("ICTMIS_DIRECTIVES_REMIND_DAYS", 3)

IMPORT_MAX_BYTES = env_int("ICTMIS_IMPORT_MAX_MB", 50) * 1_000_000
# The largest request body (an upload with its form): refused with a 413 as the bytes arrive, past it.
MAX_UPLOAD_BYTES = max(env_int("ICTMIS_MAX_UPLOAD_MB", 60) * 1_000_000, IMPORT_MAX_BYTES + 1_000_000)
# Uploaded files stream to temporary files with a running size check, never into memory.
FILE_UPLOAD_HANDLERS = ["ictmis.core.uploads.CappedTemporaryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default; unused while every file goes to disk
# Form fields and JSON bodies (not files): read whole, so kept small.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# One line per record on stderr: JSON for log collectors (`ICTMIS_LOG_FORMAT=json`) or text; both carry the
# request id (X-Request-ID, taken from the proxy or made per request).
LOG_FORMAT = env_str("ICTMIS_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ictmis.core.observability.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "ictmis.core.observability.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": {"json": "json", "text": "text"}[LOG_FORMAT],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("ICTMIS_LOG_LEVEL", "INFO")},
    "loggers": {"ictmis.request": {"level": env_str("ICTMIS_REQUEST_LOG_LEVEL", "INFO")}},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
