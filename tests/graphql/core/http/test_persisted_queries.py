"""Automatic persisted queries, as Apollo's PersistedQueryLink speaks them."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx
import pytest

from gnlc_hub.graphql.core.http.persisted import PersistedQueries, PersistedQueryError
from tests.graphql.core.http.conftest import AppFactory, http_client

QUERY = "query Regions { regions { name } }"
DIGEST = hashlib.sha256(QUERY.encode()).hexdigest()


def persisted(digest: str = DIGEST) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


async def hash_only_get(
    client: httpx.AsyncClient, digest: str = DIGEST, **headers: str
) -> httpx.Response:
    return await client.get(
        "/graphql", params={"extensions": json.dumps(persisted(digest))}, headers=headers
    )


@pytest.fixture
async def client(make_app: AppFactory) -> Any:
    async with http_client(make_app()) as client:
        yield client


async def test_unknown_hash_asks_the_client_to_resend(client: httpx.AsyncClient) -> None:
    response = await hash_only_get(client)
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["message"] == "PersistedQueryNotFound"
    assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert response.headers["cache-control"] == "no-store"  # a CDN must not keep the miss
    strict = await hash_only_get(client, Accept="application/graphql-response+json")
    assert strict.status_code == 400
    assert "data" not in strict.json()


async def test_register_then_hash_only_get_is_cacheable(client: httpx.AsyncClient) -> None:
    register = await client.post("/graphql", json={"query": QUERY, "extensions": persisted()})
    assert register.status_code == 200
    assert register.json()["data"]["regions"]
    response = await hash_only_get(client)
    assert response.status_code == 200
    assert response.json() == register.json()
    assert response.headers["cache-control"].startswith("public, max-age=")
    assert response.headers["etag"].startswith('W/"')


async def test_a_hash_that_does_not_match_the_text_is_refused(client: httpx.AsyncClient) -> None:
    wrong = hashlib.sha256(b"something else").hexdigest()
    response = await client.post("/graphql", json={"query": QUERY, "extensions": persisted(wrong)})
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    # ... and nothing was stored under either hash.
    for digest in (wrong, DIGEST):
        miss = await hash_only_get(client, digest)
        assert miss.json()["errors"][0]["message"] == "PersistedQueryNotFound"


async def test_an_invalid_document_is_not_stored(client: httpx.AsyncClient) -> None:
    junk = "{ regions { nonsense } }"
    digest = hashlib.sha256(junk.encode()).hexdigest()
    await client.post("/graphql", json={"query": junk, "extensions": persisted(digest)})
    miss = await hash_only_get(client, digest)
    assert miss.json()["errors"][0]["message"] == "PersistedQueryNotFound"


async def test_malformed_persisted_query_extension(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"extensions": {"persistedQuery": {"version": 2, "sha256Hash": DIGEST}}}
    )
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_apq_can_be_switched_off(make_app: AppFactory) -> None:
    async with http_client(make_app(apq_cache_size=0)) as client:
        response = await hash_only_get(client)
    error = response.json()["errors"][0]
    assert error["message"] == "PersistedQueryNotSupported"
    assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_SUPPORTED"


def test_the_store_is_bounded_least_recently_used_first() -> None:
    store = PersistedQueries(capacity=2)
    texts = ["{ a }", "{ b }", "{ c }"]
    digests = [hashlib.sha256(text.encode()).hexdigest() for text in texts]
    for text, digest in zip(texts[:2], digests[:2], strict=True):
        store.remember(digest, text)
    assert store.resolve(None, persisted(digests[0])).query == "{ a }"  # a is now recent
    store.remember(digests[2], texts[2])
    assert len(store) == 2
    with pytest.raises(PersistedQueryError):
        store.resolve(None, persisted(digests[1]))  # b was the least recently used
    assert store.resolve(None, persisted(digests[2])).query == "{ c }"
    assert (store.hits, store.misses) == (2, 1)
