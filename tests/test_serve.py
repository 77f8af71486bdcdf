import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

STARTED = re.compile(r"task worker started \(pid (\d+)\)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url() -> str:
    """The migrated test database, which the server's own processes open by URL."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgresql://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _wait_for(check: Any, what: str, log: Path, seconds: float = 60) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"{what} did not happen: {log.read_text()[-3000:]}")


def _alive(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@pytest.mark.django_db
def test_serve_restarts_a_dead_task_worker_and_gunicorn_keeps_serving(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "ictmis.settings",
        "ICTMIS_DATA_DIR": str(tmp_path),
        "ICTMIS_DATABASE_URL": _database_url(),
        "ICTMIS_SECRET_KEY": "serve-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ICTMIS_HTTPS": "0",
    }
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        serve = subprocess.Popen(
            [sys.executable, "-m", "ictmis.serve", "--port", str(port), "--workers", "1"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    health = f"http://127.0.0.1:{port}/healthz"
    try:
        _wait_for(lambda: _alive(health), "gunicorn answering", log)
        first = int(_wait_for(lambda: STARTED.findall(log.read_text()), "the task worker starting", log)[0])

        os.kill(first, signal.SIGKILL)

        pids = _wait_for(lambda: [int(p) for p in STARTED.findall(log.read_text())][1:], "a restart", log, 30)
        assert pids[0] != first
        assert f"task worker (pid {first}) exited with -9; restarting" in log.read_text()
        assert _alive(health)
        assert serve.poll() is None
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
    assert serve.returncode == 0
    assert not _alive(health)
