"""Request limits: a request is priced before it runs, refused with a coded error when it asks
too much, and stopped when it runs too long, while the server keeps answering others."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import httpx
import pytest
from strawberry.extensions.validation_cache import _get_validate_cache

from gnlc_hub.app import create_app
from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.graphql.core.bounds import MAX_LIST_VALUES
from gnlc_hub.graphql.core.cost import FIELD_COSTS, LIST_ARGUMENTS, LIST_BOUNDS
from gnlc_hub.graphql.schema import schema
from gnlc_hub.search.engine import SearchEngine
from tests.conftest import GraphQLClient


def fragment_bomb(levels: int = 20) -> str:
    """About 1 KB: each fragment spreads the next one two or three times."""
    fragments = ["fragment F0 on City { slug alliances(first: 3) { edges { node { slug } } } }"]
    for level in range(1, levels):
        spreads = " ".join([f"...F{level - 1}"] * (2 + level % 2))
        fragments.append(f"fragment F{level} on City {{ {spreads} }}")
    top = f"...F{levels - 1}"
    return f'{{ city(slug: "okayama") {{ {top} }} }} ' + " ".join(fragments)


def fan_out(depth: int = 12) -> str:
    """city → alliances → members → city → … with its deepest field at ``depth`` (the most the
    depth limit allows; about 170 bytes)."""
    steps = ["alliances", "edges", "node", "members", "city"]
    opened = [steps[i % len(steps)] for i in range(depth - 1)]
    return (
        '{ city(slug: "okayama") { '
        + " { ".join(opened)
        + " { totalCount"  # of the alliances at ``depth`` - 1
        + " }" * (depth - 1)
        + " } }"
    )


async def with_health(client: httpx.AsyncClient, request: Any) -> tuple[Any, list[int]]:
    """Run ``request`` while /health is polled; both must finish."""

    async def poll() -> list[int]:
        statuses = []
        for _ in range(5):
            statuses.append((await client.get("/health")).status_code)
            await asyncio.sleep(0)
        return statuses

    return await asyncio.gather(request, poll())


def error_of(body: dict) -> dict:
    assert body["data"] is None
    [error] = body["errors"]
    return error


async def test_fragment_bomb_is_refused_with_its_cost(gql: GraphQLClient) -> None:
    document = fragment_bomb()
    assert len(document) < 1200
    body, health = await with_health(gql.http, gql(document))
    error = error_of(body)
    assert error["extensions"]["code"] == "COST_LIMIT"
    assert error["extensions"]["cost"] > error["extensions"]["limit"] == 50_000
    assert health == [200] * 5


async def test_depth_12_fan_out_is_refused(gql: GraphQLClient) -> None:
    document = fan_out(12)
    assert len(document) < 250
    body, health = await with_health(gql.http, gql(document))
    assert error_of(body)["extensions"]["code"] == "COST_LIMIT"
    assert health == [200] * 5


async def test_fifty_thousand_ids_are_refused_before_any_sql(
    gql: GraphQLClient, count_statements
) -> None:
    ids = [base64.b64encode(f"City:{n}".encode()).decode() for n in range(50_000)]
    with count_statements() as counter:
        body, health = await with_health(
            gql.http, gql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids})
        )
    error = error_of(body)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "ids"}
    assert "at most 100 values (got 50000)" in error["message"]
    assert health == [200] * 5
    assert counter.count == 0


async def test_long_filter_lists_are_refused_before_any_sql(
    gql: GraphQLClient, count_statements
) -> None:
    countries = ["FR"] * 32_767
    with count_statements() as counter:
        body = await gql(
            "query($f: CityFilter) { cities(filter: $f) { totalCount } }",
            {"f": {"countries": countries}},
        )
    error = error_of(body)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "filter.countries"}
    assert counter.count == 0
    literal = ", ".join(["2017"] * (MAX_LIST_VALUES + 1))
    body = await gql(f"{{ cities(filter: {{awardYears: [{literal}]}}) {{ totalCount }} }}")
    assert error_of(body)["extensions"]["field"] == "filter.awardYears"


async def test_a_full_list_is_still_accepted(gql: GraphQLClient) -> None:
    years = list(range(1990, 1990 + MAX_LIST_VALUES))
    data = await gql.data(
        "query($y: [Int!]) { cities(filter: {awardYears: $y}) { totalCount } }", {"y": years}
    )
    assert data["cities"]["totalCount"] > 0


async def test_accepted_requests_report_their_cost(gql: GraphQLClient) -> None:
    # The connection (1) plus five cities (1 each) with their country (1 each).
    body = await gql("{ cities(first: 5) { totalCount edges { node { slug country { name } } } } }")
    assert body["extensions"]["cost"] == {"requested": 11, "limit": 50_000}
    # A variable page size is priced with its value; fragments count at every spread.
    body = await gql(
        "query($n: Int) { cities(first: $n) { edges { node { ...C } } } } "
        "fragment C on City { country { name } region { name } }",
        {"n": 3},
    )
    assert body["extensions"]["cost"]["requested"] == 1 + 3 * 3


async def test_plain_lists_are_priced_at_their_declared_bound(gql: GraphQLClient) -> None:
    body = await gql("{ regions { name } }")
    assert body["extensions"]["cost"]["requested"] == LIST_BOUNDS["Query.regions"]
    body = await gql('{ city(slug: "okayama") { awards { year } } }')
    assert body["extensions"]["cost"]["requested"] == 1 + 10  # the default bound
    # A nested connection is priced at its page size, 20 when `first` is not given.
    body = await gql('{ city(slug: "okayama") { practices { edges { node { title } } } } }')
    assert body["extensions"]["cost"]["requested"] == 1 + 1 + 20
    body = await gql(
        '{ city(slug: "okayama") { practices(first: 2) { edges { node { title } } } } }'
    )
    assert body["extensions"]["cost"]["requested"] == 1 + 1 + 2


async def test_introspection_costs_nothing(gql: GraphQLClient) -> None:
    body = await gql(
        "{ __schema { types { name fields { name type { name ofType { name } } } } } }"
    )
    assert body["extensions"]["cost"]["requested"] == 0


def test_every_priced_coordinate_exists() -> None:
    graphql_schema = schema._schema
    for coordinate in [*LIST_BOUNDS, *FIELD_COSTS, *LIST_ARGUMENTS]:
        type_name, field_name = coordinate.split(".")
        assert field_name in graphql_schema.get_type(type_name).fields, coordinate


@pytest.fixture
def app_with(database: Database, seeded_search: SearchEngine, settings: Settings):
    """An app whose settings differ from the suite's in the given fields."""

    def make(**changes: Any) -> GraphQLClient:
        app = create_app(
            settings.model_copy(update=changes), database=database, search=seeded_search
        )
        return GraphQLClient(
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hub.test")
        )

    return make


async def test_the_cost_limit_is_a_setting(app_with) -> None:
    gql = app_with(max_query_cost=10)
    body = await gql("{ cities(first: 5) { edges { node { slug country { name } } } } }")
    assert error_of(body)["extensions"] == {"code": "COST_LIMIT", "cost": 11, "limit": 10}
    assert await gql.data("{ cities(first: 4) { edges { node { slug country { name } } } } }")


async def test_a_slow_operation_is_stopped_cleanly(app_with, monkeypatch) -> None:
    from gnlc_hub.network import queries as service

    async def slow(_session):
        await asyncio.sleep(30)

    monkeypatch.setattr(service, "network_stats", slow)
    gql = app_with(execution_timeout=0.2)
    body, health = await with_health(gql.http, gql("{ networkStats { cityCount } }"))
    error = error_of(body)
    assert error["extensions"] == {"code": "TIMEOUT", "limitSeconds": 0.2}
    assert health == [200] * 5
    # The request's session was given back: the next request reads the database normally.
    data = await gql.data('{ city(slug: "okayama") { name } }')
    assert data["city"]["name"] == "Okayama"


async def test_a_connection_closed_under_the_timeout_still_answers_timeout(
    app_with, monkeypatch
) -> None:
    """Under load the deadline can cancel a statement so that asyncpg closes the connection;
    rolling the session back then fails ("the underlying connection is closed"). The client
    must still get its TIMEOUT, not a 500 (seen with 16 clients on the 10k portal)."""
    from sqlalchemy.exc import InterfaceError
    from sqlalchemy.ext.asyncio import AsyncSession

    from gnlc_hub.network import queries as service

    async def slow(_session):
        await asyncio.sleep(30)

    async def closed_connection(self):
        raise InterfaceError("ROLLBACK", {}, Exception("the underlying connection is closed"))

    monkeypatch.setattr(service, "network_stats", slow)
    monkeypatch.setattr(AsyncSession, "close", closed_connection)
    gql = app_with(execution_timeout=0.2)
    response = await gql.http.post("/graphql", json={"query": "{ networkStats { cityCount } }"})
    assert response.status_code == 200
    assert error_of(response.json())["extensions"]["code"] == "TIMEOUT"


async def test_depth_limit_is_linear_in_fragments(gql: GraphQLClient) -> None:
    # 21 levels below the root, spread through fragments: over the depth limit of 12.
    fragments = ["fragment D0 on City { slug }"]
    for level in range(1, 5):  # four levels of five fields each, below city
        fragments.append(
            f"fragment D{level} on City {{ alliances {{ edges {{ node {{ members {{ city {{ "
            f"...D{level - 1} ...D{level - 1} }} }} }} }} }} }}"
        )
    body = await gql('{ city(slug: "okayama") { country { name } ...D4 } } ' + " ".join(fragments))
    error = error_of(body)
    assert "exceeds maximum operation depth of 12" in error["message"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_aliases_are_counted_through_fragments(gql: GraphQLClient) -> None:
    fragments = ["fragment A0 on Query { a: regions { name } }"]
    fragments += [f"fragment A{n} on Query {{ ...A{n - 1} ...A{n - 1} }}" for n in range(1, 21)]
    body = await gql("{ ...A20 } " + " ".join(fragments))
    error = error_of(body)
    assert error["message"] == f"{2**20} aliases found. Allowed: 30"
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_identical_documents_are_validated_once(gql: GraphQLClient) -> None:
    cache = _get_validate_cache(512)
    document = '{ city(slug: "larissa") { name country { name } } }'
    await gql.data(document)
    before = cache.cache_info()
    for _ in range(5):
        await gql.data(document)
    after = cache.cache_info()
    assert after.hits - before.hits == 5
    assert after.misses == before.misses
