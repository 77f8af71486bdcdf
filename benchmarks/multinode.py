"""The production shape on one machine: PostgreSQL + Redis + two gunicorn nodes + two task workers.

    .venv/bin/python benchmarks/multinode.py --database-url postgresql://postgres@127.0.0.1:55432/ictmis_mn \
        [--redis-url redis://127.0.0.1:56379/0] [--duration 20]

The database must exist (it is migrated and given the demo data). Without --redis-url a redis-server is
started on a loopback port and stopped at the end. Every address is a loopback one. While a background
mix of reads (portal pages, staff list pages, API lists) runs against both nodes, it checks:

- concurrent PATCHes of the same registry records with the same `version`, spread over both nodes:
  exactly one 200 per record, the others 409;
- an import committed through both nodes at once: applied once (one commit event, each row once);
- ratings spread over both nodes from one address stop at the hourly limit, as on one node;
- failed logins for one user spread over both nodes lock the next attempt, even with the right password;
- a session opened on one node is valid on the other.

It prints p50/p95 and error counts, and exits 1 on any 5xx, connection error or broken invariant.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

BIN = Path(sys.executable).parent
PASSWORD = "ictmis-demo"
IMPORT_ROWS = 200
EDITED_RECORDS = 12
EDITORS_PER_RECORD = 4


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Results:
    """Latency and status of every request, by kind; thread-safe."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.failures: list[str] = []

    def record(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            self.statuses[kind][status] += 1

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)
        print(f"FAILED: {message}", flush=True)

    def server_errors(self) -> int:
        return sum(n for by in self.statuses.values() for status, n in by.items() if status >= 500 or status == 0)


class Client:
    """One browser or API caller: its own cookies, talking to any node."""

    def __init__(self, results: Results, token: str = "") -> None:
        self.results = results
        self.token = token
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect())

    def request(
        self, kind: str, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None, method: str = ""
    ) -> tuple[int, bytes, dict[str, str]]:
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(url, data=data, headers=headers, method=method or None)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, body, got = response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as exc:
            status, body, got = exc.code, exc.read(), dict(exc.headers)
        except OSError as exc:
            self.results.fail(f"{kind}: {url}: {exc}")
            status, body, got = 0, b"", {}
        self.results.record(kind, status, time.perf_counter() - started)
        if status >= 500:
            self.results.fail(f"{kind}: {url} answered {status}")
        return status, body, got

    def csrf(self, node: str, path: str) -> str:
        _status, body, _headers = self.request("page", node + path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        return match.group(1).decode() if match else ""

    def post_form(self, kind: str, node: str, path: str, fields: dict[str, str], token: str) -> tuple[int, str]:
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": node + path}
        status, _body, got = self.request(kind, node + path, data=body, headers=headers)
        return status, got.get("Location", "")

    def login(self, node: str, username: str, password: str = PASSWORD) -> tuple[int, str]:
        token = self.csrf(node, "/tai-khoan/dang-nhap/")
        return self.post_form(
            "login", node, "/tai-khoan/dang-nhap/", {"username": username, "password": password}, token
        )

    def json(self, kind: str, url: str, payload: Any = None, method: str = "") -> tuple[int, Any]:
        data = None if payload is None else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"} if data is not None else {}
        status, body, _headers = self.request(kind, url, data=data, headers=headers, method=method)
        try:
            return status, json.loads(body or b"null")
        except ValueError:
            return status, None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


# -- the cluster -------------------------------------------------------------------------------------


@contextmanager
def cluster(args: argparse.Namespace, work: Path) -> Iterator[tuple[list[str], dict[str, str]]]:
    processes: list[subprocess.Popen[bytes]] = []
    redis_url = args.redis_url
    if not redis_url:
        port = free_port()
        server = shutil.which("redis-server") or "/usr/bin/redis-server"
        command = [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
        processes.append(subprocess.Popen(command, stdout=subprocess.DEVNULL))
        redis_url = f"redis://127.0.0.1:{port}/0"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ictmis.settings",
        "ICTMIS_DATABASE_URL": args.database_url,
        "ICTMIS_CACHE_URL": redis_url,
        "ICTMIS_DATA_DIR": str(work),  # the nodes share it, as they would share a mounted volume
        "ICTMIS_SECRET_KEY": secrets.token_urlsafe(50),
        "ICTMIS_DEMO": "1",
        "ICTMIS_HTTPS": "0",
        "ICTMIS_REQUIRE_2FA": "0",
        "ICTMIS_DEBUG": "0",
        "ICTMIS_TASK_BACKEND": "db",
        "ICTMIS_LOG_FORMAT": "json",
        "ICTMIS_REQUEST_LOG_LEVEL": "WARNING",
        "ICTMIS_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("ICTMIS_ENV_FILE", None)
    log = (work / "cluster.log").open("w")
    try:
        setup = [["migrate", "--no-input", "-v0"], ["load_demo"]] if not args.skip_setup else []
        for command in [*setup, ["collectstatic", "--no-input", "-v0"]]:
            print(f"ictmis {command[0]} …", flush=True)
            subprocess.run([str(BIN / "ictmis"), *command], env=env, check=True, stdout=log, stderr=log)
        nodes = []
        for _ in range(2):
            port = free_port()
            command = [str(BIN / "gunicorn"), "ictmis.wsgi:application", "--bind", f"127.0.0.1:{port}"]
            command += ["--workers", str(args.gunicorn_workers), "--timeout", "120"]
            processes.append(subprocess.Popen(command, env=env, stdout=log, stderr=log))
            nodes.append(f"http://127.0.0.1:{port}")
        for _ in range(2):
            command = [str(BIN / "ictmis"), "db_worker", "--interval", "0.2"]
            processes.append(subprocess.Popen(command, env=env, stdout=log, stderr=log))
        for node in nodes:
            wait_ready(node, processes, work)
        yield nodes, env
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


def wait_ready(node: str, processes: list[subprocess.Popen[bytes]], work: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{node}/readyz", timeout=3) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if any(p.poll() is not None for p in processes):
            break
        time.sleep(0.3)
    raise SystemExit(f"{node} is not ready:\n{(work / 'cluster.log').read_text()[-4000:]}")


# -- the load ----------------------------------------------------------------------------------------


def reads(nodes: list[str], results: Results, staff: Client, api: Client, stop: threading.Event, seed: int) -> None:
    public = Client(results)
    pages = [
        (public, "portal", "/cong-thong-tin/"),
        (public, "portal", "/cong-thong-tin/tin-tuc/"),
        (staff, "staff list", "/co-so-du-lieu/bts-stations/"),
        (staff, "staff list", "/co-so-du-lieu/post-offices/?q=dong+hoi"),
        (api, "api list", "/api/v1/bts-stations?limit=50"),
        (api, "api list", "/api/v1/radio-stations?limit=50&offset=20"),
        (public, "api list", "/api/v1/articles"),
    ]
    turn = seed
    while not stop.is_set():
        client, kind, path = pages[turn % len(pages)]
        client.request(kind, nodes[turn % 2] + path)
        turn += 1


def conflicting_edits(nodes: list[str], api: Client, results: Results) -> tuple[int, int]:
    _status, listing = api.json("api list", f"{nodes[0]}/api/v1/bts-stations?limit={EDITED_RECORDS}&offset=5")
    winners = conflicts = 0
    with concurrent.futures.ThreadPoolExecutor(EDITORS_PER_RECORD) as pool:
        for record in listing["items"]:
            url = f"/api/v1/bts-stations/{record['id']}"
            payloads = [{"version": record["version"], "name": f"Sửa đồng thời {n}"} for n in range(EDITORS_PER_RECORD)]
            editors = [Client(results, api.token) for _ in payloads]
            futures = [
                pool.submit(editor.json, "edit", nodes[n % 2] + url, payload, "PATCH")
                for n, (editor, payload) in enumerate(zip(editors, payloads, strict=True))
            ]
            statuses = sorted(future.result()[0] for future in futures)
            if statuses != [200] + [409] * (EDITORS_PER_RECORD - 1):
                results.fail(f"record {record['id']}: concurrent edits answered {statuses}, not one 200 and 409s")
            winners += statuses.count(200)
            conflicts += statuses.count(409)
    return winners, conflicts


def import_file(work: Path) -> Path:
    path = work / "tram-bts.csv"
    header = ["Doanh nghiệp", "Mã trạm", "Tên trạm", "Mã đơn vị hành chính cấp xã", "Vĩ độ", "Kinh độ",
              "Loại trạm", "Chiều cao cột (m)", "Công nghệ", "Số giấy phép xây dựng", "Ngày đưa vào hoạt động",
              "Trạng thái"]  # fmt: skip
    lines = [",".join(header)]
    for n in range(IMPORT_ROWS):
        lines.append(f"4701234564,MN{n:04d},Trạm đa nút {n},18880,17.{4600 + n},106.{6000 + n},rooftop,15,4G,,"
                     "01/03/2020,active")  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: text/csv\r\n\r\n".encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def import_through_both_nodes(
    nodes: list[str], staff: Client, work: Path, database_url: str, results: Results
) -> dict[str, Any]:
    upload = "/co-so-du-lieu/bts-stations/nhap/"
    body, content_type = multipart({"csrfmiddlewaretoken": staff.csrf(nodes[0], upload)}, "tram-bts.csv",
                                   import_file(work).read_bytes())  # fmt: skip
    sent = {"Content-Type": content_type, "Referer": nodes[0] + upload}
    status, _body, headers = staff.request("import", nodes[0] + upload, data=body, headers=sent)
    match = re.search(r"/nhap/(\d+)/", headers.get("Location", ""))
    if status != 302 or not match:
        results.fail(f"the import upload answered {status}")
        return {}
    job = int(match.group(1))
    job_page = f"{upload}{job}/"
    wait_for_job(database_url, job, {"valid"}, results)
    token = staff.csrf(nodes[1], job_page)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = [
            pool.submit(staff.post_form, "import", nodes[n % 2], f"{job_page}thuc-hien/", {}, token) for n in range(4)
        ]
        statuses = [future.result()[0] for future in futures]
    if statuses != [302] * 4:
        results.fail(f"commit requests answered {statuses}")
    state = wait_for_job(database_url, job, {"done", "failed", "invalid"}, results)
    with psycopg.connect(database_url) as conn:
        events = conn.execute(
            "SELECT count(*) FROM core_event WHERE verb = 'core.import.committed' AND object_id = %s", [str(job)]
        ).fetchone()[0]
        rows, versions = conn.execute(
            "SELECT count(*), coalesce(max(version), 0) FROM telecom_btsstation WHERE site_code LIKE 'MN%%'"
        ).fetchone()
    state |= {"events": events, "rows": rows, "max_version": versions}
    if state["status"] != "done" or state["result"].get("created") != IMPORT_ROWS:
        results.fail(f"the import ended {state['status']} with {state['result']}")
    if events != 1 or rows != IMPORT_ROWS or versions != 1:
        results.fail(
            f"the import was not applied exactly once: {events} commit events, {rows} rows, version {versions}"
        )
    return state


def wait_for_job(database_url: str, job: int, states: set[str], results: Results) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    with psycopg.connect(database_url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            status, result = conn.execute("SELECT status, result FROM core_importjob WHERE id = %s", [job]).fetchone()
            if status in states:
                return {"status": status, "result": result}
            time.sleep(0.2)
    results.fail(f"import {job} did not reach {sorted(states)}")
    return {"status": "timeout", "result": {}}


def ratings_across_nodes(nodes: list[str], results: Results, limit: int) -> list[int]:
    _status, articles = Client(results).json("api list", f"{nodes[0]}/api/v1/articles")
    article = articles["items"][0]["id"]
    statuses = [
        Client(results).json("rating", f"{nodes[n % 2]}/api/v1/articles/{article}/ratings", {"stars": 1 + n % 5})[0]
        for n in range(limit + 6)
    ]
    if statuses != [200] * limit + [429] * 6:
        results.fail(f"ratings across both nodes: {statuses.count(200)} accepted, {statuses.count(429)} refused")
    return statuses


def logins_across_nodes(nodes: list[str], results: Results, failures: int) -> dict[str, Any]:
    """`failures` wrong passwords alternating between the nodes, then the right one: refused only if
    both nodes count the same failures (each node alone has seen about half of them)."""
    attacker = Client(results)
    for n in range(failures):
        status, location = attacker.login(nodes[n % 2], "thanhtra", "wrong-password")
        if status == 302:
            results.fail(f"a wrong password logged in ({location})")
    status, location = Client(results).login(nodes[failures % 2], "thanhtra", PASSWORD)
    locked = status != 302
    if not locked:
        results.fail("after failed logins on both nodes the next attempt still logged in: throttles are not shared")
    other, _ = Client(results).login(nodes[1], "lanhdao")
    if other != 302:
        results.fail(f"another user could not log in ({other})")
    return {"next_attempt_status": status, "locked": locked}


def shared_session(nodes: list[str], staff: Client, results: Results) -> None:
    status, _body, _headers = staff.request("staff list", nodes[1] + "/co-so-du-lieu/bts-stations/")
    if status != 200:
        results.fail(f"a session opened on node 1 is refused by node 2 ({status})")


def report(results: Results, elapsed: float, extra: dict[str, Any]) -> None:
    print(f"\nmultinode: 2 gunicorn nodes, 2 task workers, PostgreSQL + Redis; {elapsed:.0f} s of load")
    print(f"{'kind':<12} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}  statuses")
    everything: list[float] = []
    for kind, latencies in sorted(results.latency.items()):
        everything += latencies
        statuses = ", ".join(f"{status}: {n}" for status, n in sorted(results.statuses[kind].items()))
        p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
        print(f"{kind:<12} {len(latencies):>8} {p50:>8.1f} {p95:>8.1f}  {statuses}")
    print(f"{'all':<12} {len(everything):>8} {percentile(everything, 50):>8.1f} {percentile(everything, 95):>8.1f}")
    for name, value in extra.items():
        print(f"{name}: {value}")
    print(f"5xx or connection errors: {results.server_errors()}; broken invariants: {len(results.failures)}")


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True, help="an existing PostgreSQL database (loopback)")
    parser.add_argument("--redis-url", default="", help="a running Redis; default: start redis-server here")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of background reads (at least)")
    parser.add_argument("--readers", type=int, default=4, help="threads reading pages and API lists")
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--login-failures", type=int, default=5, help="failed logins that throttle a username")
    parser.add_argument("--ratings-per-hour", type=int, default=30, help="ratings accepted from one address")
    parser.add_argument("--skip-setup", action="store_true", help="the database is already migrated with the demo")
    args = parser.parse_args()
    for url in (args.database_url, args.redis_url):
        if url and not re.match(r"^\w+://([^@/]*@)?(127\.0\.0\.1|localhost|\[::1\])[:/]", url):
            raise SystemExit(f"only loopback addresses: {url}")

    results = Results()
    with tempfile.TemporaryDirectory(prefix="ictmis-multinode-") as tmp, cluster(args, Path(tmp)) as (nodes, env):
        token = subprocess.run([str(BIN / "ictmis"), "create_token", "chuyenvien", "--name", "multinode"], env=env,
                               check=True, capture_output=True, text=True).stdout.strip()  # fmt: skip
        api = Client(results, token)
        staff = Client(results)
        if staff.login(nodes[0], "chuyenvien")[0] != 302:
            results.fail("the specialist could not log in")
        started = time.monotonic()
        stop = threading.Event()
        readers = [
            threading.Thread(target=reads, args=(nodes, results, staff, api, stop, n), daemon=True)
            for n in range(args.readers)
        ]
        for thread in readers:
            thread.start()
        extra: dict[str, Any] = {}
        shared_session(nodes, staff, results)
        winners, conflicts = conflicting_edits(nodes, api, results)
        extra["conflicting edits"] = (
            f"{EDITED_RECORDS} records × {EDITORS_PER_RECORD}: {winners} × 200, {conflicts} × 409"
        )
        state = import_through_both_nodes(nodes, staff, Path(tmp), args.database_url, results)
        extra["import committed through both nodes"] = (
            f"{state.get('status')}, {state.get('events')} commit event, {state.get('rows')} rows, "
            f"highest version {state.get('max_version')}"
        )
        ratings = ratings_across_nodes(nodes, results, args.ratings_per_hour)
        extra["ratings from one address"] = f"{ratings.count(200)} accepted, {ratings.count(429)} refused (429)"
        logins = logins_across_nodes(nodes, results, args.login_failures)
        extra["login after failures on both nodes"] = (
            f"{'refused' if logins['locked'] else 'ACCEPTED'} (status {logins['next_attempt_status']})"
        )
        while time.monotonic() - started < args.duration:
            time.sleep(0.2)
        stop.set()
        for thread in readers:
            thread.join()
        report(results, time.monotonic() - started, extra)
    return 1 if results.failures or results.server_errors() else 0


if __name__ == "__main__":
    raise SystemExit(main())
