"""HTTP-layer figures on the real seeded network: response sizes with and without compression,
persisted-query round trips, the 304 rate of repeated GETs, rate-limit behaviour, and the
latency of a 200 against a 304 and a hash-only GET.

Runs the hub in-process (httpx's ASGI transport), on a throw-away database under .gnlc/bench.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import httpx

from bench.harness import (
    bench_settings,
    console,
    fresh_seeded_database,
    measure,
    print_timings,
    run_async,
)
from gnlc_hub.app import create_app
from gnlc_hub.search.engines.embedded import EmbeddedEngine

CITIES_100 = (
    Path(__file__).resolve().parent.parent / "clients/js/queries/cities100.graphql"
).read_text()


def client_for(app: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hub.bench")


async def sizes(client: httpx.AsyncClient) -> None:
    table = {}
    for encoding in ("identity", "gzip", "br"):
        async with client.stream(
            "POST", "/graphql", json={"query": CITIES_100}, headers={"Accept-Encoding": encoding}
        ) as response:
            raw = b"".join([chunk async for chunk in response.aiter_raw()])
        table[encoding] = (len(raw), response.headers.get("content-encoding", "identity"))
    plain = table["identity"][0]
    for encoding, (size, served) in table.items():
        console.print(
            f"100 cities, Accept-Encoding {encoding:8}: {size:6} bytes ({served}, "
            f"{size / plain:.0%} of identity)"
        )


async def persisted_round_trips(client: httpx.AsyncClient, repeats: int) -> None:
    query = f"query Bench {{ b{time.time_ns()}: regions {{ name }} }}"
    extensions = {
        "persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}
    }
    params = {"extensions": json.dumps(extensions)}
    trips = 1
    first = await client.get("/graphql", params=params)
    if first.json().get("errors", [{}])[0].get("message") == "PersistedQueryNotFound":
        trips += 1
        await client.post("/graphql", json={"query": query, "extensions": extensions})
    hits = 0
    for _ in range(repeats):
        response = await client.get("/graphql", params=params)
        hits += response.status_code == 200 and "errors" not in response.json()
    console.print(
        f"APQ: first use {trips} round trips (hash-only GET miss, POST with text); "
        f"then {hits}/{repeats} hash-only GETs answered in 1 round trip"
    )


async def not_modified_rate(client: httpx.AsyncClient, repeats: int) -> None:
    params = {"query": CITIES_100}
    first = await client.get("/graphql", params=params)
    etag = first.headers["etag"]
    statuses = [
        (await client.get("/graphql", params=params, headers={"If-None-Match": etag})).status_code
        for _ in range(repeats)
    ]
    rate = statuses.count(304) / repeats
    console.print(
        f"ETag: {statuses.count(304)}/{repeats} repeated anonymous GETs answered 304 ({rate:.0%}), "
        f"0 bytes instead of {len(first.content)}"
    )
    timings = [
        await measure(
            "GET 100 cities, 200", lambda: client.get("/graphql", params=params), runs=50
        ),
        await measure(
            "GET 100 cities, If-None-Match → 304",
            lambda: client.get("/graphql", params=params, headers={"If-None-Match": etag}),
            runs=50,
        ),
    ]
    print_timings(
        "Conditional GET (the 304 still executes the query: the ETag is the body's)",
        timings,
        timings[0],
    )


async def rate_limits(app: object, burst: int) -> None:
    async with client_for(app) as client:
        statuses, last = [], None
        started = time.perf_counter()
        for _ in range(burst):
            last = await client.post("/graphql", json={"query": "{ regions { name } }"})
            statuses.append(last.status_code)
        elapsed = time.perf_counter() - started
    assert last is not None
    console.print(
        f"Rate limit 100/minute per address, {burst} requests in {elapsed:.1f} s: "
        f"{statuses.count(200)} × 200, {statuses.count(429)} × 429 (first 429 at request "
        f"{statuses.index(429) + 1 if 429 in statuses else '-'}); last answer "
        f"RateLimit={last.headers.get('ratelimit')!r} "
        f"Retry-After={last.headers.get('retry-after')!r} "
        f"code={last.json()['errors'][0]['extensions']['code'] if last.status_code == 429 else '-'}"
    )


async def bench(repeats: int) -> None:
    settings = bench_settings("http").model_copy(
        update={"graphiql": False, "rate_limit_enabled": False}
    )
    database = await fresh_seeded_database(settings)
    search = EmbeddedEngine(settings.index_dir)
    try:
        app = create_app(settings, database=database, search=search)
        async with client_for(app) as client:
            await sizes(client)
            await persisted_round_trips(client, repeats)
            await not_modified_rate(client, repeats)
        limited = create_app(
            settings.model_copy(
                update={"rate_limit_enabled": True, "rate_limit_anonymous": "100/minute"}
            ),
            database=database,
            search=search,
        )
        await rate_limits(limited, burst=150)
    finally:
        await search.close()
        await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=100)
    run_async(bench(parser.parse_args().repeats))


if __name__ == "__main__":
    main()
