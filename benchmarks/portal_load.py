"""Portal under load (called by `make bench` after run.py; also runs alone).

Builds a throwaway site with production settings (DEBUG off, collected static files, the demo plus
ICTMIS_BENCH_ARTICLES generated articles), starts gunicorn with 2 sync workers as `make demo` does, and
drives it from CLIENTS concurrent client processes for SECONDS per measurement. Each line gives requests
per second and the median and 95th-percentile latency. The ceiling is a static file served by the same
stack (gunicorn + whitenoise); "not cached" sends a session cookie, as a signed-in editor's browser does.
The load generator shares the 2 cores with the server, so every figure is a floor of what the server
alone could do.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ARTICLES = int(os.environ.get("ICTMIS_BENCH_ARTICLES", "2000"))
SECONDS = float(os.environ.get("ICTMIS_BENCH_SECONDS", "8"))
CLIENTS = int(os.environ.get("ICTMIS_BENCH_CLIENTS", "4"))
BIN = Path(sys.executable).parent
TEXT = (
    "số hóa truyền hình bưu điện văn hóa xã trạm phát sóng viễn thông công ích Internet an toàn thông tin "
    "đài truyền thanh Đồng Hới Quảng Ninh Bố Trạch Lệ Thủy Tuyên Hóa Minh Hóa chuyển đổi số"
)
WORDS = TEXT.split()
SEARCHES = ["truyen hinh", "buu dien", "dong hoi", "an toan", "tram phat song", "chuyen doi so"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(tmp: Path) -> dict[str, str]:
    database = os.environ.get("ICTMIS_BENCH_PORTAL_DATABASE_URL") or f"sqlite:///{tmp / 'portal.sqlite3'}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ictmis.settings",
        "ICTMIS_DATABASE_URL": database,
        "ICTMIS_DATA_DIR": str(tmp),
        "ICTMIS_DEMO": "1",
        "ICTMIS_HTTPS": "0",
        "ICTMIS_DEBUG": "0",
        "ICTMIS_REQUIRE_2FA": "0",
        "ICTMIS_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ICTMIS_SECRET_KEY": "bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ICTMIS_TASK_BACKEND": "immediate",
    }


GENERATE = """
import random
from django.utils import timezone
from ictmis.core.text import normalise
from ictmis.portal.models import Article, Category
from ictmis.portal import page_cache
words = {words!r}
rng = random.Random(2000)
now = timezone.now()
categories = list(Category.objects.all())
rows = []
for n in range({count}):
    title = " ".join(rng.choice(words) for _ in range(8)).capitalize() + f" ({{n}})"
    lead = " ".join(rng.choice(words) for _ in range(30)) + "."
    text = " ".join(rng.choice(words) for _ in range(400)) + "."
    article = Article(title=title, slug=f"bai-{{n}}", lead=lead, body=f"<p>{{text}}</p>", body_text=text,
                      category=rng.choice(categories), byline="Ban biên tập", status=Article.Status.PUBLISHED,
                      published_at=now - timezone.timedelta(hours=n))
    article.search_text = normalise(" ".join([title, lead, text]))
    rows.append(article)
Article.objects.bulk_create(rows, batch_size=500)
page_cache.invalidate_all()
"""


def build(tmp: Path, env: dict[str, str]) -> None:
    ictmis = str(BIN / "ictmis")
    for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"], ["load_units", "-v0"]):
        subprocess.run([ictmis, *command], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([ictmis, "load_demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    code = GENERATE.format(words=WORDS, count=ARTICLES)
    subprocess.run([ictmis, "shell", "--no-imports", "-c", code], env=env, check=True)


def _client(args: tuple[int, list[str], float, dict[str, str], int]) -> list[float]:
    port, paths, seconds, headers, seed = args
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        path = rng.choice(paths)
        start = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        latencies.append(time.perf_counter() - start)
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
    return latencies


def load(port: int, name: str, paths: list[str], headers: dict[str, str] | None = None) -> None:
    for path in paths:  # warm: first renders fill the page cache
        urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {}))
    jobs = [(port, paths, SECONDS, headers or {}, seed) for seed in range(CLIENTS)]
    started = time.perf_counter()
    with multiprocessing.Pool(CLIENTS) as pool:
        results = pool.map(_client, jobs)
    elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"{name:<52} {len(latencies) / elapsed:8.0f} req/s   p50 {statistics.median(latencies) * 1000:6.1f} ms"
        f"   p95 {p95 * 1000:6.1f} ms   ({len(latencies)} requests)",
        flush=True,
    )


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="ictmis-portal-bench-"))
    env = _environment(tmp)
    started = time.perf_counter()
    build(tmp, env)
    print(f"portal bench: demo + {ARTICLES} articles built in {time.perf_counter() - started:.0f} s; "
          f"gunicorn 2 sync workers; {CLIENTS} concurrent clients, {SECONDS:.0f} s each", flush=True)  # fmt: skip
    port = _free_port()
    log = (tmp / "server.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "ictmis.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/cong-thong-tin/", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp / "server.log").read_text()[-3000:]) from None
                time.sleep(0.3)
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/cong-thong-tin/").read().decode()
        static = css.split('href="/static/ictmis/app')[1].split('"')[0]
        articles = [f"/cong-thong-tin/tin-tuc/bai-{n}/" for n in range(0, ARTICLES, max(1, ARTICLES // 200))]
        load(port, "static file (ceiling: gunicorn + whitenoise)", [f"/static/ictmis/app{static}"])
        load(port, "home page (cached)", ["/cong-thong-tin/"])
        load(port, f"article page, {len(articles)} articles (cached)", articles)
        load(port, "article page (not cached: session cookie)", articles, {"Cookie": "sessionid=bench"})
        load(port, f"news search over {ARTICLES + 12} articles", [f"/cong-thong-tin/tin-tuc/?q={q.replace(' ', '+')}"
                                                                  for q in SEARCHES])  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
