"""Every API operation fuzzed against a live server, as the public and as a specialist: whatever is sent,
valid or not, the answer is never a server error (5xx).

schemathesis generates the requests from the live OpenAPI document; its pytest plugin does not run under
pytest 9 yet (it sets a node attribute pytest 9 removed), so the operations are looped over here, each a
Hypothesis test built by schemathesis with a fixed seed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.generation.hypothesis.builder import HypothesisTestConfig, HypothesisTestMode, create_test

from tests.live import Site, running_site

pytestmark = pytest.mark.fuzz

SEED = 20261201
EXAMPLES = 8  # generated requests per operation and role, after the coverage cases
ALL_MODES = [HypothesisTestMode.COVERAGE, HypothesisTestMode.FUZZING]
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with running_site(tmp_path_factory.mktemp("fuzz"), database="ictmis_fuzz_tests") as site:
        yield site


@pytest.fixture(scope="module")
def api_schema(fuzz_site: Site) -> Any:
    return schemathesis.openapi.from_url(f"{fuzz_site.url}/api/v1/openapi.json")


def server_errors(schema: Any, headers: dict[str, str], modes: list[HypothesisTestMode]) -> list[str]:
    """Every 5xx answer (operation, status, a curl command that reproduces it). Each operation gets the
    coverage cases (boundary and wrong-type values of every parameter, missing and null fields) and then
    generated valid and invalid requests."""
    found: dict[str, str] = {}

    def check(case: Any) -> None:
        response = case.call(headers=headers, timeout=60)
        if response.status_code >= 500:
            key = f"{case.operation.label} {response.status_code}"
            found.setdefault(key, f"{key}: {case.as_curl_command(headers=headers)}")

    for result in schema.get_all_operations():
        operation = result.ok()
        config = HypothesisTestConfig(project=schema.config, modes=modes, settings=FUZZ, seed=SEED)
        create_test(operation=operation, test_func=check, config=config)()
    return sorted(found.values())


def test_no_anonymous_request_makes_a_server_error(api_schema: Any) -> None:
    # Most operations answer the public 401 before reading anything; the public ones get their coverage
    # cases in the specialist's run, which parses the same parameters.
    assert server_errors(api_schema, {}, [HypothesisTestMode.FUZZING]) == []


def test_no_request_of_a_specialist_makes_a_server_error(api_schema: Any, fuzz_site: Site) -> None:
    token = fuzz_site.manage("create_token", "chuyenvien", "--name", "fuzz").strip()

    assert server_errors(api_schema, {"Authorization": f"Bearer {token}"}, ALL_MODES) == []
