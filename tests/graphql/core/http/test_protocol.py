"""GraphQL over HTTP: media types, status codes, methods, and malformed bodies.

No malformed request may end in a bare 500: each answer is a GraphQL JSON error with a code.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

import httpx
import pytest

from tests.graphql.core.http.conftest import AppFactory, http_client

GRAPHQL_RESPONSE = "application/graphql-response+json"
REGIONS = "{ regions { name } }"


def errors_of(response: httpx.Response) -> list[dict[str, Any]]:
    body = response.json()
    assert isinstance(body["errors"], list), body
    assert body["errors"], body
    return body["errors"]


def code_of(response: httpx.Response) -> str:
    return errors_of(response)[0]["extensions"]["code"]


async def post(client: httpx.AsyncClient, content: bytes, **headers: str) -> httpx.Response:
    return await client.post(
        "/graphql", content=content, headers={"Content-Type": "application/json", **headers}
    )


@pytest.fixture
async def client(make_app: AppFactory) -> Any:
    async with http_client(make_app(http_max_body_bytes=64 * 1024)) as client:
        yield client


async def test_graphql_response_json_is_served_when_accepted(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": REGIONS}, headers={"Accept": GRAPHQL_RESPONSE}
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert response.json()["data"]["regions"]


async def test_application_json_stays_the_default(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": REGIONS})
    assert response.headers["content-type"] == "application/json; charset=utf-8"


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ regions { name ", None),  # parse failure
        ("{ regions { nonsense } }", None),  # validation failure
        ("query($n: Int!) { cities(first: $n) { totalCount } }", {"n": "many"}),  # coercion
    ],
)
async def test_request_errors_are_400_without_data_for_the_new_media_type(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None
) -> None:
    body = {"query": query, "variables": variables}
    new = await client.post("/graphql", json=body, headers={"Accept": GRAPHQL_RESPONSE})
    assert new.status_code == 400
    assert "data" not in new.json()
    assert errors_of(new)
    legacy = await client.post("/graphql", json=body, headers={"Accept": "application/json"})
    assert legacy.status_code == 200
    assert legacy.json()["data"] is None


async def test_field_errors_keep_200_and_data(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql",
        json={"query": '{ cities(first: 5, after: "bogus") { totalCount } }'},
        headers={"Accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 200
    body = response.json()
    assert "data" in body
    assert body["errors"][0]["path"] == ["cities"]


async def test_a_mutation_over_get_is_405_with_allow(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql",
        params={"query": 'mutation { revokeApiToken(input: {id: "x"}) { userErrors { code } } }'},
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert code_of(response) == "METHOD_NOT_ALLOWED"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_other_methods_are_405(client: httpx.AsyncClient, method: str) -> None:
    response = await client.request(method, "/graphql", json={"query": REGIONS})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert code_of(response) == "METHOD_NOT_ALLOWED"


async def test_a_bad_token_is_a_json_401(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": REGIONS}, headers={"Authorization": "Bearer nope"}
    )
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert code_of(response) == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        ("text/plain", 415),
        ("application/x-www-form-urlencoded", 415),
        ("application/json; charset=utf-16", 415),
    ],
)
async def test_unsupported_content_types_are_415(
    client: httpx.AsyncClient, content_type: str, status: int
) -> None:
    response = await client.post(
        "/graphql", content=json.dumps({"query": REGIONS}), headers={"Content-Type": content_type}
    )
    assert response.status_code == status
    assert code_of(response) == "UNSUPPORTED_MEDIA_TYPE"


async def test_an_unacceptable_accept_is_406(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": REGIONS}, headers={"Accept": "text/csv"}
    )
    assert response.status_code == 406
    assert code_of(response) == "NOT_ACCEPTABLE"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"[1, 2]", "JSON object"),
        (b'"just a string"', "JSON object"),
        (b"42", "JSON object"),
        (b"null", "JSON object"),
        (b'{"query": 7}', "`query` must be a string"),
        (b'{"query": "{ regions { name } }", "variables": [1]}', "`variables` must be an object"),
        (b'{"query": "{ regions { name } }", "extensions": "x"}', "`extensions` must be an object"),
        (b'{"query": "{ regions { name } }", "operationName": 3}', "`operationName`"),
        (b'{"query": "\xff\xfe{ regions }"}', "UTF-8"),
        (b"{not json", "not valid JSON"),
        (b"", "not valid JSON"),
        (b"{}", "No GraphQL query"),
    ],
)
async def test_malformed_bodies_are_coded_400s(
    client: httpx.AsyncClient, content: bytes, fragment: str
) -> None:
    response = await post(client, content)
    assert response.status_code == 400, response.text
    assert fragment in errors_of(response)[0]["message"]
    assert errors_of(response)[0]["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.parametrize("depth", [65, 3000, 100_000])
async def test_deeply_nested_variables_are_refused(client: httpx.AsyncClient, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    query = "query($v: String) { regions { name } }"
    content = f'{{"query": "{query}", "variables": {{"v": {nested}}}}}'
    response = await post(client, content.encode())
    assert response.status_code in {400, 413}, response.text
    assert code_of(response) in {"BAD_REQUEST", "REQUEST_TOO_LARGE"}


async def test_a_gzip_encoded_body_is_decoded(client: httpx.AsyncClient) -> None:
    content = gzip.compress(json.dumps({"query": REGIONS}).encode())
    response = await post(client, content, **{"Content-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.json()["data"]["regions"]


async def test_a_corrupt_gzip_body_is_400(client: httpx.AsyncClient) -> None:
    response = await post(client, b"\x1f\x8b not gzip at all", **{"Content-Encoding": "gzip"})
    assert response.status_code == 400
    assert code_of(response) == "BAD_REQUEST"


async def test_an_unknown_content_encoding_is_415(client: httpx.AsyncClient) -> None:
    response = await post(client, b"{}", **{"Content-Encoding": "zstd"})
    assert response.status_code == 415


async def test_a_declared_large_body_is_413_before_reading(client: httpx.AsyncClient) -> None:
    content = json.dumps({"query": "{ regions { name } }" + " " * 100_000}).encode()
    response = await post(client, content)
    assert response.status_code == 413
    assert code_of(response) == "REQUEST_TOO_LARGE"
    assert "65536 bytes" in errors_of(response)[0]["message"]


async def test_a_streamed_body_without_length_is_cut_at_the_limit(
    client: httpx.AsyncClient,
) -> None:
    async def chunks() -> Any:
        yield b'{"query": "# '
        for _ in range(100):
            yield b"x" * 1024
        yield b'"}'

    response = await client.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


async def test_a_gzip_bomb_is_413(client: httpx.AsyncClient) -> None:
    bomb = gzip.compress(b'{"query": "# ' + b" " * 10_000_000 + b'"}')
    assert len(bomb) < 64 * 1024
    response = await post(client, bomb, **{"Content-Encoding": "gzip"})
    assert response.status_code == 413


async def test_get_reads_variables_and_extensions_as_json(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/graphql",
        params={
            "query": "query($n: Int!) { cities(first: $n) { edges { node { slug } } } }",
            "variables": json.dumps({"n": 2}),
        },
    )
    assert response.status_code == 200
    assert len(response.json()["data"]["cities"]["edges"]) == 2
    broken = await client.get("/graphql", params={"query": REGIONS, "variables": "{oops"})
    assert broken.status_code == 400


async def test_a_batch_answers_each_operation_in_order(client: httpx.AsyncClient) -> None:
    batch = [
        {"query": REGIONS},
        {"query": "{ regions { nonsense } }"},
        {"query": "{ networkStats { cityCount } }"},
    ]
    response = await client.post("/graphql", json=batch)
    assert response.status_code == 200
    first, second, third = response.json()
    assert first["data"]["regions"]
    assert second["data"] is None
    assert second["errors"]
    assert third["data"]["networkStats"]["cityCount"] > 300


async def test_batch_mutations_run_in_order_and_see_each_other(
    client: httpx.AsyncClient, issue_token: Any
) -> None:
    from gnlc_hub.core.viewer import Role

    admin = await issue_token(Role.ADMIN)
    create = "mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token { name } } }"
    batch = [
        {"query": create, "variables": {"i": {"role": "SECRETARIAT", "name": "batch one"}}},
        {"query": "{ apiTokens { name } }"},
    ]
    response = await client.post(
        "/graphql", json=batch, headers={"Authorization": f"Bearer {admin}"}
    )
    assert response.status_code == 200, response.text
    created, listed = response.json()
    assert "errors" not in created, created
    assert "batch one" in {token["name"] for token in listed["data"]["apiTokens"]}


async def test_batches_are_bounded(make_app: AppFactory) -> None:
    async with http_client(make_app(http_max_batch=2)) as client:
        too_many = await client.post("/graphql", json=[{"query": REGIONS}] * 3)
        empty = await client.post("/graphql", json=[])
        bad_item = await client.post("/graphql", json=[{"query": REGIONS}, 5])
    assert too_many.status_code == 400
    assert code_of(too_many) == "BATCH_TOO_LARGE"
    assert empty.status_code == 400
    assert bad_item.status_code == 400
    async with http_client(make_app(http_max_batch=0)) as client:
        disabled = await client.post("/graphql", json=[{"query": REGIONS}])
    assert code_of(disabled) == "BATCH_TOO_LARGE"


async def test_health_answers_while_a_huge_body_is_refused(client: httpx.AsyncClient) -> None:
    huge = await post(client, b"x", **{"Content-Length": str(100 * 1024 * 1024)})
    assert huge.status_code == 413
    assert (await client.get("/health")).json()["status"] == "ok"
