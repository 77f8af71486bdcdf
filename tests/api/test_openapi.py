"""The OpenAPI document is one a client generator can use: unique operation ids, every reference resolves,
and every registry reads and writes typed bodies derived from its spec."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from ictmis.core import registry
from tests.conftest import logged_in

pytestmark = pytest.mark.django_db

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document() -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path, operation


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = document
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _free_form(schema: dict[str, Any]) -> bool:
    """An object whose fields a client cannot know: no properties, or any extra key allowed."""
    if schema.get("type") != "object":
        return False
    return not schema.get("properties") or schema.get("additionalProperties") not in (None, False)


def test_every_operation_has_a_unique_id(document) -> None:
    ids = [operation.get("operationId") for _m, _p, operation in _operations(document)]
    assert None not in ids
    assert [name for name, count in Counter(ids).items() if count > 1] == []
    assert len(ids) >= 75


def test_every_reference_resolves(document) -> None:
    for ref in set(_refs(document)):
        assert isinstance(_resolve(document, ref), dict), ref


def _body_schemas(document: dict[str, Any], operation: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if body is not None:
        yield "request", body
    for status, response in operation.get("responses", {}).items():
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema is not None and status.startswith("2"):
            yield f"response {status}", schema


@pytest.mark.parametrize("key", registry.keys())
def test_registry_operations_read_and_write_typed_bodies(document, key: str) -> None:
    spec = registry.get(key)
    registry_paths = {f"/api/v1/{key}", f"/api/v1/{key}/{{pk}}", f"/api/v1/{key}/map", f"/api/v1/{key}/summary"}
    checked = 0
    for method, path, operation in _operations(document):
        if path not in registry_paths:
            continue
        for where, schema in _body_schemas(document, operation):
            target = _resolve(document, schema["$ref"]) if "$ref" in schema else schema
            if target.get("type") == "array":
                target = _resolve(document, target["items"]["$ref"])
            assert not _free_form(target), f"{method} {path} {where}"
            checked += 1
    assert checked >= 9  # list, map, summary, get, create (in, out), replace (in, out), patch (in, out)

    create = document["components"]["schemas"][f"{spec.model.__name__}Create"]
    assert set(create["properties"]) == {column.field for column in spec.columns}
    assert set(create["required"]) == {column.field for column in spec.columns if column.required}
    patch = document["components"]["schemas"][f"{spec.model.__name__}Patch"]
    assert patch["required"] == ["version"]
    read = document["components"]["schemas"][f"{spec.model.__name__}Out"]
    assert {column.field for column in spec.columns} <= set(read["properties"])


def test_a_choice_outside_the_spec_is_refused_by_the_schema_naming_the_values() -> None:
    client = logged_in("chuyenvien")
    body = {"name": "Đài thử", "unit": "18880@2014-01-01", "technology": "smoke signals"}

    response = client.post("/api/v1/radio-stations", body, content_type="application/json")

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == ["technology"]
    assert all(value in errors[0]["message"] for value in ("'wired'", "'fm'", "'ip'"))
