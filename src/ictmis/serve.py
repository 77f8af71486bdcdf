"""Run the web server (gunicorn) and the task worker together; Ctrl-C stops both.

`python -m ictmis.serve --workers 4 --task-workers 1`. In production run them as separate services
instead (see docs/operations.md); this is the one-machine form used by `make demo`.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--task-workers", type=int, default=1)
    args = parser.parse_args(argv)

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "ictmis.settings"),
    }
    bin_dir = os.path.dirname(sys.executable)
    commands = [
        [
            os.path.join(bin_dir, "gunicorn"),
            "ictmis.wsgi:application",
            "--bind",
            f"{args.host}:{args.port}",
            "--workers",
            str(args.workers),
            "--access-logfile",
            "-",
        ]
    ]
    commands += [[os.path.join(bin_dir, "ictmis"), "db_worker"] for _ in range(args.task_workers)]
    processes = [subprocess.Popen(command, env=env) for command in commands]

    def stop(*_args: object) -> None:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    stop()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    print("ictmis stopped.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
