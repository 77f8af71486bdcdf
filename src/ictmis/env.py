"""Settings helpers: every setting comes from the environment and a missing one fails loudly."""

from __future__ import annotations

import os
from pathlib import Path


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
