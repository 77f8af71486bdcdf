"""Run the web server (gunicorn) and the task workers together; Ctrl-C or SIGTERM stops them all.

`python -m ictmis.serve --workers 4 --task-workers 1`, the one-machine form used by `make demo` and a
single-server province. gunicorn is the service: if it stops, everything stops. A task worker that dies
is logged and started again after a back-off (1 s, doubling up to a minute, back to 1 s once a worker has
run for a minute), while gunicorn keeps serving; each new worker first settles the imports its
predecessor left half done (see core/job_workers.py). Several machines run gunicorn and `ictmis db_worker`
as separate services instead (docs/operations.md).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field

from ictmis.env import load_env_file

logger = logging.getLogger("ictmis.serve")
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 60.0
STABLE_AFTER = 60.0


@dataclass
class Supervised:
    """A task worker process and when to start it again after it died."""

    command: list[str]
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    backoff: float = BACKOFF_FIRST
    restart_at: float | None = None
    restarts: int = field(default=0)

    def start(self, now: float) -> None:
        self.process = subprocess.Popen(self.command, env=self.env)
        self.started_at = now
        self.restart_at = None
        logger.info("task worker started (pid %s)", self.process.pid)

    def check(self, now: float) -> None:
        """Notice a death and plan the restart; restart when its time has come."""
        if self.process is not None and self.process.poll() is not None:
            code = self.process.returncode
            if now - self.started_at >= STABLE_AFTER:
                self.backoff = BACKOFF_FIRST
            self.restart_at = now + self.backoff
            logger.warning(
                "task worker (pid %s) exited with %s; restarting in %.0f s", self.process.pid, code, self.backoff
            )
            self.backoff = min(self.backoff * 2, BACKOFF_MAX)
            self.process = None
        if self.process is None and self.restart_at is not None and now >= self.restart_at:
            self.restarts += 1
            self.start(now)


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--task-workers", type=int, default=1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

    load_env_file()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "ictmis.settings")}
    bin_dir = os.path.dirname(sys.executable)
    bind = f"{args.host}:{args.port}"
    server = subprocess.Popen(
        [os.path.join(bin_dir, "gunicorn"), "ictmis.wsgi:application", "--bind", bind, "--workers", str(args.workers)],
        env=env,
    )
    logger.info("gunicorn started on %s (pid %s)", bind, server.pid)
    workers = [Supervised([os.path.join(bin_dir, "ictmis"), "db_worker"], env) for _ in range(args.task_workers)]
    for worker in workers:
        worker.start(time.monotonic())

    stopping = False

    def request_stop(*_args: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, request_stop)
    try:
        while not stopping and server.poll() is None:
            now = time.monotonic()
            for worker in workers:
                worker.check(now)
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    if server.poll() is not None and not stopping:
        logger.error("gunicorn exited with %s; stopping the task workers", server.returncode)
    _stop([server, *(w.process for w in workers if w.process is not None)])
    print("ictmis stopped.")
    return 0 if stopping or server.returncode in (0, None) else 1


if __name__ == "__main__":
    raise SystemExit(main())
