"""Whatever bytes, JSON or headers arrive, /graphql answers a coded GraphQL JSON body, never 500."""

from __future__ import annotations

import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.graphql.core.http.conftest import AppFactory, http_client

PROPERTIES = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,  # the same examples on every run; failures reproduce
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
REQUEST_LIKE = st.fixed_dictionaries(
    {},
    optional={
        "query": st.one_of(st.text(max_size=60), JSON_VALUES),
        "variables": JSON_VALUES,
        "operationName": JSON_VALUES,
        "extensions": st.one_of(
            JSON_VALUES,
            st.fixed_dictionaries(
                {
                    "persistedQuery": st.dictionaries(
                        st.sampled_from(["version", "sha256Hash"]), JSON_VALUES
                    )
                }
            ),
        ),
    },
)
CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=latin-1",
        "application/graphql",
        "text/plain",
        "multipart/form-data; boundary=x",
        "",
    ]
)
ACCEPTS = st.sampled_from(
    ["", "*/*", "application/json", "application/graphql-response+json", "text/html", "x/y;q=oops"]
)


def assert_coded(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    body = response.json()
    entries = body if isinstance(body, list) else [body]
    for entry in entries:
        for error in entry.get("errors", []):
            assert isinstance(error["message"], str)
            # The HTTP layer's own refusals carry a code; GraphQL's parse, validation and field
            # errors (with locations) get theirs from the schema's error extension.
            if "locations" not in error and "path" not in error:
                assert error.get("extensions", {}).get("code"), error


@PROPERTIES
@given(
    body=st.one_of(REQUEST_LIKE, JSON_VALUES, st.lists(REQUEST_LIKE, max_size=3)), accept=ACCEPTS
)
async def test_any_json_body(make_app: AppFactory, body: Any, accept: str) -> None:
    async with http_client(make_app()) as client:
        response = await client.post(
            "/graphql",
            content=json.dumps(body),
            headers={"Content-Type": "application/json", "Accept": accept},
        )
    if response.status_code == 406:
        assert accept in {"text/html", "x/y;q=oops"}
    assert_coded(response)


@PROPERTIES
@given(content=st.binary(max_size=200), content_type=CONTENT_TYPES, gzip=st.booleans())
async def test_any_bytes(
    make_app: AppFactory, content: bytes, content_type: str, gzip: bool
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    if gzip:
        headers["Content-Encoding"] = "gzip"
    async with http_client(make_app()) as client:
        response = await client.post("/graphql", content=content, headers=headers)
    assert_coded(response)


@PROPERTIES
@given(
    params=st.dictionaries(
        st.sampled_from(["query", "variables", "extensions", "operationName"]), st.text(max_size=40)
    )
)
async def test_any_get_parameters(make_app: AppFactory, params: dict[str, str]) -> None:
    async with http_client(make_app()) as client:
        response = await client.get(
            "/graphql", params=params, headers={"Accept": "application/json"}
        )
    assert response.status_code == 304 or response.content
    assert_coded(response)
