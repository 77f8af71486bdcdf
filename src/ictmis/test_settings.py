"""Settings for the test suite: the production settings, over plain HTTP, with in-process tasks."""

import os

os.environ.setdefault("ICTMIS_SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("ICTMIS_HTTPS", "0")
os.environ.setdefault("ICTMIS_TASK_BACKEND", "immediate")
os.environ.setdefault("ICTMIS_REQUIRE_2FA", "0")
os.environ.setdefault("ICTMIS_DEMO", "1")

from ictmis.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # cleared before each test
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as in production: WAL and the busy timeout then apply, so tests of concurrent writers
    # (document numbering) wait for the lock instead of failing as an in-memory shared cache does.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
