"""Every operation schemathesis can build from the schema, anonymously and as an admin:
no 5xx, no masked "Unexpected error.", and every error carries a code.

GNLC_FUZZ_EXAMPLES sets the examples per root field (default 20; `make fuzz`)."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings

from fuzz.conftest import TALLY, fuzz_app

APP, ADMIN_TOKEN = fuzz_app()
SCHEMA = schemathesis.graphql.from_asgi("/graphql", APP)
EXAMPLES = settings(
    max_examples=int(os.environ.get("GNLC_FUZZ_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


def send(case: schemathesis.Case, who: str, headers: dict[str, str]) -> None:
    response = case.call(headers=headers)
    TALLY[who] += 1
    assert response.status_code < 500, (case.body, response.text[:500])
    body = response.json()
    for error in body.get("errors") or ():
        assert error["message"] != "Unexpected error.", (case.body, error)
        assert "code" in (error.get("extensions") or {}), (case.body, error)


@SCHEMA.parametrize()
@EXAMPLES
def test_anonymous(case: schemathesis.Case) -> None:
    send(case, "anonymously", {})


@SCHEMA.parametrize()
@EXAMPLES
def test_admin(case: schemathesis.Case) -> None:
    send(case, "as admin", {"Authorization": f"Bearer {ADMIN_TOKEN}"})
