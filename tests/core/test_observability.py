import json
import logging
import re

import pytest
from django.test import Client

from ictmis.core.observability import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_touching_the_database(django_assert_num_queries: object) -> None:
    with django_assert_num_queries(0):  # type: ignore[operator]
        response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_checks_database_and_cache() -> None:
    response = Client().get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ["database", "cache"]}


def test_readiness_is_503_naming_the_cache_when_redis_is_unreachable(settings: object) -> None:
    settings.CACHES = {  # type: ignore[attr-defined]
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens there
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }

    response = Client().get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert list(body["failed"]) == ["cache"]


def test_health_probes_over_plain_http_are_not_redirected(settings: object) -> None:
    settings.SECURE_SSL_REDIRECT = True  # type: ignore[attr-defined]

    assert Client().get("/healthz").status_code == 200
    assert Client().get("/cong-thong-tin/").status_code == 301


def test_every_response_carries_a_fresh_request_id() -> None:
    first = Client().get("/healthz")["X-Request-ID"]
    second = Client().get("/healthz")["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_the_proxys_request_id_is_kept_and_a_hostile_one_replaced() -> None:
    kept = Client().get("/healthz", headers={"X-Request-ID": "lb-7f3a.42"})
    replaced = Client().get("/healthz", headers={"X-Request-ID": "bad id\r\nSet-Cookie: x=1"})

    assert kept["X-Request-ID"] == "lb-7f3a.42"
    assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"])


def test_log_records_of_a_request_carry_its_id(caplog: pytest.LogCaptureFixture) -> None:
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.INFO, logger="ictmis.request"):
        Client().get("/healthz", headers={"X-Request-ID": "trace-123"})

    [record] = [r for r in caplog.records if r.name == "ictmis.request"]
    assert record.request_id == "trace-123"  # type: ignore[attr-defined]
    assert record.status == 200  # type: ignore[attr-defined]


def test_json_lines_carry_level_message_request_id_and_extra_fields() -> None:
    record = logging.makeLogRecord(
        {"name": "ictmis.core", "levelno": logging.WARNING, "levelname": "WARNING", "msg": "Nhập %s", "args": ("xong",)}
    )
    record.request_id = "abc"
    record.path = "/healthz"

    line = json.loads(JsonFormatter().format(record))

    assert line["level"] == "WARNING"
    assert line["message"] == "Nhập xong"
    assert line["request_id"] == "abc"
    assert line["path"] == "/healthz"
    assert line["time"].endswith("Z")
