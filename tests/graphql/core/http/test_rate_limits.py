"""Rate limits per client address and per token, with standard headers and a coded error."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from gnlc_hub.core.viewer import Role
from tests.graphql.core.http.conftest import AppFactory, http_client

REGIONS = {"query": "{ regions { name } }"}


async def burst(client: httpx.AsyncClient, count: int, **headers: str) -> list[httpx.Response]:
    return [await client.post("/graphql", json=REGIONS, headers=headers) for _ in range(count)]


@pytest.mark.parametrize("strategy", ["moving-window", "fixed-window"])
async def test_an_address_over_its_limit_gets_429(make_app: AppFactory, strategy: str) -> None:
    app = make_app(
        rate_limit_enabled=True, rate_limit_anonymous="3/minute", rate_limit_strategy=strategy
    )
    async with http_client(app) as client:
        responses = await burst(client, 4)
    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert responses[0].headers["ratelimit-policy"] == '"anonymous";q=3;w=60'
    assert re.fullmatch(r'"anonymous";r=2;t=\d+', responses[0].headers["ratelimit"])
    refused = responses[-1]
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert "3 requests per 60 s" in error["message"]
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert re.fullmatch(r'"anonymous";r=0;t=\d+', refused.headers["ratelimit"])


async def test_addresses_are_counted_apart(make_app: AppFactory) -> None:
    app = make_app(rate_limit_enabled=True, rate_limit_anonymous="2/minute")
    async with http_client(app, client=("192.0.2.1", 1000)) as first:
        assert [r.status_code for r in await burst(first, 3)] == [200, 200, 429]
    async with http_client(app, client=("192.0.2.2", 1000)) as second:
        assert (await burst(second, 1))[0].status_code == 200


async def test_tokens_have_their_own_budget(make_app: AppFactory, issue_token: Any) -> None:
    token = await issue_token(Role.SECRETARIAT)
    app = make_app(
        rate_limit_enabled=True, rate_limit_anonymous="1/minute", rate_limit_token="3/minute"
    )
    async with http_client(app) as client:
        anonymous = await burst(client, 2)
        authorised = await burst(client, 4, Authorization=f"Bearer {token}")
    assert [r.status_code for r in anonymous] == [200, 429]
    assert [r.status_code for r in authorised] == [200, 200, 200, 429]
    assert authorised[0].headers["ratelimit-policy"] == '"token";q=3;w=60'


async def test_guessing_tokens_counts_against_the_address(make_app: AppFactory) -> None:
    app = make_app(rate_limit_enabled=True, rate_limit_anonymous="2/minute")
    async with http_client(app) as client:
        guesses = [
            await client.post(
                "/graphql", json=REGIONS, headers={"Authorization": f"Bearer guess{n}"}
            )
            for n in range(3)
        ]
    assert [r.status_code for r in guesses] == [401, 401, 429]


async def test_a_batch_costs_one_hit_per_operation(make_app: AppFactory) -> None:
    app = make_app(rate_limit_enabled=True, rate_limit_anonymous="3/minute")
    async with http_client(app) as client:
        batch = await client.post("/graphql", json=[REGIONS, REGIONS])
        single = await client.post("/graphql", json=REGIONS)
        over = await client.post("/graphql", json=REGIONS)
    assert (batch.status_code, single.status_code, over.status_code) == (200, 200, 429)


async def test_exempt_addresses_and_proxies(make_app: AppFactory) -> None:
    app = make_app(
        rate_limit_enabled=True,
        rate_limit_anonymous="1/minute",
        rate_limit_exempt=["127.0.0.1"],
        trusted_proxies=["10.0.0.0/24"],
    )
    async with http_client(app, client=("127.0.0.1", 1)) as local:
        assert {r.status_code for r in await burst(local, 3)} == {200}
        assert "ratelimit" not in (await burst(local, 1))[0].headers
    async with http_client(app, client=("10.0.0.2", 1)) as proxy:
        # Behind the trusted proxy each forwarded client has its own budget.
        one = await burst(proxy, 2, **{"X-Forwarded-For": "198.51.100.7"})
        # A client cannot pose as another by prepending hops: the nearest untrusted hop counts.
        forged = await burst(proxy, 1, **{"X-Forwarded-For": "203.0.113.9, 198.51.100.7"})
        two = await burst(proxy, 1, **{"X-Forwarded-For": "198.51.100.8, 10.0.0.5"})
    assert [r.status_code for r in one + forged + two] == [200, 429, 429, 200]


async def test_limits_are_off_when_disabled(make_app: AppFactory) -> None:
    app = make_app(rate_limit_enabled=False, rate_limit_anonymous="1/minute")
    async with http_client(app) as client:
        assert {r.status_code for r in await burst(client, 3)} == {200}


async def test_over_the_limit_costs_no_parsing_and_no_sql(
    make_app: AppFactory, count_statements: Any
) -> None:
    app = make_app(rate_limit_enabled=True, rate_limit_anonymous="1/minute")
    async with http_client(app) as client:
        await burst(client, 1)
        with count_statements() as counter:
            refused = await client.post(
                "/graphql", content=b"{not json", headers={"Content-Type": "application/json"}
            )
    assert refused.status_code == 429  # not the 400 the body would earn
    assert counter.count == 0
