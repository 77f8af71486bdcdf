"""A real server process (gunicorn and the task worker) on its own demo database, for the browser tests and
the API fuzzing."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Site:
    url: str
    env: dict[str, str]

    def manage(self, *command: str) -> str:
        """Run `ictmis <command>` against the site's database and return what it printed."""
        done = subprocess.run([str(BIN / "ictmis"), *command], env=self.env, check=True, capture_output=True, text=True)
        return done.stdout

    def call(self, function: str, **kwargs: Any) -> Any:
        """Call `package.module.function(**kwargs)` in `ictmis shell` on the site's database (a test makes its data
        through the services, as the server will read it) and return what it returned, through JSON."""
        code = (
            "import importlib, json; "
            f"module, _, name = {function!r}.rpartition('.'); "
            f"print(json.dumps(getattr(importlib.import_module(module), name)(**json.loads({json.dumps(kwargs)!r}))))"
        )
        env = {**self.env, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), self.env.get("PYTHONPATH")]))}
        done = subprocess.run(
            [str(BIN / "ictmis"), "shell", "-v", "0", "-c", code], env=env, check=True, capture_output=True, text=True
        )
        return json.loads(done.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url(tmp: Path, name: str) -> Iterator[str]:
    """SQLite in a temp folder, or a fresh PostgreSQL database beside the one the suite was given."""
    base = os.environ.get("ICTMIS_DATABASE_URL", "")
    if not base.startswith("postgres"):
        yield f"sqlite:///{tmp / 'site.sqlite3'}"
        return
    import psycopg

    prefix, _, _db = base.rpartition("/")
    admin_url = f"{prefix}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{prefix}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def running_site(tmp: Path, *, database: str) -> Iterator[Site]:
    """The demo site served by gunicorn from `tmp`; `database` names its PostgreSQL database when the suite
    runs on PostgreSQL (each site its own, so sites may run side by side)."""
    databases = _database_url(tmp, database)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ictmis.settings",
        "ICTMIS_DATABASE_URL": next(databases),
        "ICTMIS_DATA_DIR": str(tmp),
        "ICTMIS_DEMO": "1",
        "ICTMIS_HTTPS": "0",
        "ICTMIS_REQUIRE_2FA": "0",
        "ICTMIS_DEBUG": "0",
        "ICTMIS_SECRET_KEY": "browser-tests-secret-key-0123456789abcdefghijklmnop",
        "ICTMIS_TASK_BACKEND": "db",  # imports run in a real `ictmis db_worker`, as in `make demo`
        "ICTMIS_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",  # into <site>/mail
    }
    for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"], ["load_demo"]):
        subprocess.run([str(BIN / "ictmis"), *command], env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "ictmis.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [str(BIN / "ictmis"), "db_worker", "--interval", "0.2"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/tai-khoan/dang-nhap/", timeout=2)
            break
        except urllib.error.HTTPError as exc:
            server.terminate()
            raise RuntimeError(f"server answers {exc.code}: {(tmp / 'server.log').read_text()[-3000:]}") from exc
        except OSError as exc:
            if server.poll() is not None or time.monotonic() > deadline:
                server.terminate()
                raise RuntimeError(f"server did not start: {(tmp / 'server.log').read_text()[-3000:]}") from exc
            time.sleep(0.3)
    try:
        yield Site(url=url, env=env)
    finally:
        worker.terminate()
        server.terminate()
        worker.wait(timeout=20)
        server.wait(timeout=20)
        log.close()
        for _ in databases:
            pass
