"""Settings helpers: every setting comes from the environment and a missing one fails loudly."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


class MissingSettingError(RuntimeError):
    pass


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise MissingSettingError(
                f"The environment variable {name} is required but not set "
                f"(biến môi trường {name} là bắt buộc nhưng chưa được đặt)."
            )
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(env_str(name, str(default)))


class InvalidSettingError(RuntimeError):
    pass


def env_int_at_least(name: str, default: int, minimum: int) -> int:
    """An integer setting that may not go below `minimum`: a lower value stops the start-up."""
    value = env_int(name, default)
    if value < minimum:
        raise InvalidSettingError(
            f"{name}={value} is below the minimum of {minimum} ({name}={value} nhỏ hơn mức tối thiểu {minimum})."
        )
    return value


def env_networks(name: str, default: str = "") -> list[str]:
    """A list of addresses or CIDR networks; a malformed entry stops the start-up."""
    import ipaddress

    entries = env_list(name, default)
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as exc:
            raise InvalidSettingError(
                f"{name}: {entry!r} is not an address or network ({entry!r} không phải địa chỉ hay dải mạng)."
            ) from exc
    return entries


def tile_sources(url: str) -> list[str]:
    """The Content-Security-Policy source that lets maps load a tile server's images, from its Leaflet URL
    template: https://{s}.tiles.example.vn/{z}/{x}/{y}.png allows https://*.tiles.example.vn."""
    if not url:
        return []
    parts = urlsplit(url)
    host = parts.netloc.replace("{s}", "*")
    wildcard_ok = "*" not in host or (host.startswith("*.") and "*" not in host[1:])
    if parts.scheme not in {"http", "https"} or not host or "{" in host or not wildcard_ok:
        raise InvalidSettingError(
            f"ICTMIS_MAP_TILE_URL={url!r} is not a tile URL such as https://{{s}}.host/{{z}}/{{x}}/{{y}}.png "
            f"(ICTMIS_MAP_TILE_URL={url!r} không phải địa chỉ máy chủ ô bản đồ hợp lệ)."
        )
    return [f"{parts.scheme}://{host}"]


_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}


def email_settings(url: str) -> dict[str, Any]:
    """Django's EMAIL_* settings from one URL: smtp://user:password@host:587?tls=1, smtps://…,
    console:, file:///folder, locmem:. An unknown scheme fails loudly."""
    parts = urlsplit(url)
    backend = _EMAIL_BACKENDS.get(parts.scheme)
    if backend is None:
        known = ", ".join(_EMAIL_BACKENDS)
        raise MissingSettingError(f"ICTMIS_EMAIL_URL: unknown scheme {parts.scheme!r} (known: {known})")
    values: dict[str, Any] = {"EMAIL_BACKEND": backend}
    if parts.scheme == "file":
        values["EMAIL_FILE_PATH"] = unquote(parts.path)
    if parts.scheme in ("smtp", "smtps"):
        query = parse_qs(parts.query)
        values.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if parts.scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_SSL=parts.scheme == "smtps",
            EMAIL_USE_TLS=query.get("tls", ["0"])[0].lower() in {"1", "true", "yes", "on"},
        )
    return values


def env_file_path() -> Path:
    """The settings file the CLI reads: `ICTMIS_ENV_FILE`, else `ictmis.env` in the data directory."""
    chosen = os.environ.get("ICTMIS_ENV_FILE")
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("ICTMIS_DATA_DIR") or Path.cwd() / "var") / "ictmis.env"


def parse_env_file(text: str) -> dict[str, str]:
    """`NAME=value` lines; blank lines and `#` comments skipped, `export ` and surrounding quotes allowed."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.removeprefix("export ").split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[name.strip()] = value
    return values


def load_env_file(path: Path | None = None) -> Path | None:
    """Put the file's settings into the environment; a variable already set in the environment wins."""
    path = path or env_file_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if os.environ.get("ICTMIS_ENV_FILE"):
            raise MissingSettingError(f"ICTMIS_ENV_FILE names {path}, which does not exist.") from None
        return None
    for name, value in parse_env_file(text).items():
        os.environ.setdefault(name, value)
    return path
