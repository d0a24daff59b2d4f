"""Anonymous GET queries are cacheable (ETag, 304) and change when writes change the data;
large responses are compressed."""

from __future__ import annotations

import gzip
from typing import Any

import brotli
import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.viewer import Role
from tests.graphql.core.http.conftest import AppFactory, http_client
from tests.helpers import city_gid

OKAYAMA = '{ city(slug: "okayama") { name version } }'
CITIES = "{ cities(first: 100) { edges { node { id slug name country { name } } } } }"


@pytest.fixture
async def client(make_app: AppFactory) -> Any:
    async with http_client(make_app(http_cache_max_age=45)) as client:
        yield client


async def test_anonymous_get_has_validators_and_304s(client: httpx.AsyncClient) -> None:
    first = await client.get("/graphql", params={"query": OKAYAMA})
    assert first.status_code == 200
    assert first.headers["cache-control"] == "public, max-age=45"
    etag = first.headers["etag"]
    again = await client.get("/graphql", params={"query": OKAYAMA}, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    listed = await client.get(
        "/graphql", params={"query": OKAYAMA}, headers={"If-None-Match": f'"other", {etag}'}
    )
    assert listed.status_code == 304
    other = await client.get(
        "/graphql", params={"query": OKAYAMA}, headers={"If-None-Match": '"x"'}
    )
    assert other.status_code == 200


async def test_a_write_changes_the_etag(
    client: httpx.AsyncClient, issue_token: Any, session: AsyncSession
) -> None:
    before = await client.get("/graphql", params={"query": OKAYAMA})
    version = before.json()["data"]["city"]["version"]
    secretariat = await issue_token(Role.SECRETARIAT)
    update = "mutation($i: UpdateCityInput!) { updateCity(input: $i) { userErrors { code } } }"
    changed = await client.post(
        "/graphql",
        json={
            "query": update,
            "variables": {
                "i": {
                    "id": await city_gid(session, "okayama"),
                    "version": version,
                    "name": "Okayama City",
                }
            },
        },
        headers={"Authorization": f"Bearer {secretariat}"},
    )
    assert changed.json()["data"]["updateCity"]["userErrors"] == []
    after = await client.get(
        "/graphql", params={"query": OKAYAMA}, headers={"If-None-Match": before.headers["etag"]}
    )
    assert after.status_code == 200
    assert after.json()["data"]["city"]["name"] == "Okayama City"
    assert after.headers["etag"] != before.headers["etag"]


async def test_only_anonymous_successful_gets_are_public(
    client: httpx.AsyncClient, issue_token: Any
) -> None:
    token = await issue_token(Role.SECRETARIAT)
    private = await client.get(
        "/graphql", params={"query": OKAYAMA}, headers={"Authorization": f"Bearer {token}"}
    )
    assert private.headers["cache-control"] == "private, no-store"
    assert "etag" not in private.headers
    posted = await client.post("/graphql", json={"query": OKAYAMA})
    assert posted.headers["cache-control"] == "no-store"
    failing = await client.get(
        "/graphql", params={"query": '{ cities(after: "x") { totalCount } }'}
    )
    assert failing.headers["cache-control"] == "no-store"
    assert "Authorization" in posted.headers["vary"]


@pytest.mark.parametrize(
    ("accept_encoding", "encoding", "decompress"),
    [("gzip", "gzip", gzip.decompress), ("br, gzip", "br", brotli.decompress)],
)
async def test_large_responses_are_compressed(
    client: httpx.AsyncClient, accept_encoding: str, encoding: str, decompress: Any
) -> None:
    plain = await client.post(
        "/graphql", json={"query": CITIES}, headers={"Accept-Encoding": "identity"}
    )
    assert "content-encoding" not in plain.headers
    async with client.stream(
        "POST", "/graphql", json={"query": CITIES}, headers={"Accept-Encoding": accept_encoding}
    ) as response:
        raw = b"".join([chunk async for chunk in response.aiter_raw()])
    assert response.headers["content-encoding"] == encoding
    assert decompress(raw) == plain.content
    assert len(raw) < len(plain.content) / 3
    small = await client.post(
        "/graphql", json={"query": "{ regions { name } }"}, headers={"Accept-Encoding": "gzip"}
    )
    assert "content-encoding" not in small.headers
