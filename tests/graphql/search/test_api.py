"""`searchPractices` over HTTP: hydration, facets, cursors and every kind of bad input."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.app import create_app
from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from tests import seedfacts
from tests.conftest import GraphQLClient
from tests.search.faults import FaultInjectingEngine

SEARCH = """
query Search($query: String!, $filter: PracticeSearchFilter, $facets: [SearchFacet!],
             $sort: PracticeSearchSort! = RELEVANCE, $first: Int, $after: String) {
  searchPractices(query: $query, filter: $filter, facets: $facets, sort: $sort,
                  first: $first, after: $after) {
    totalHits
    engine
    edges {
      score
      cursor
      highlights { field snippet }
      node { slug title status city { slug name } themes { slug } sdgs }
    }
    facetDistribution { facet values { value count } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}
"""


async def search(gql: GraphQLClient, query: str = "", **variables: Any) -> dict[str, Any]:
    data = await gql.data(SEARCH, {"query": query, **variables})
    return data["searchPractices"]


async def search_error(gql: GraphQLClient, query: str = "", **variables: Any) -> dict[str, Any]:
    body = await gql(SEARCH, {"query": query, **variables})
    assert body.get("data") is None, body
    (error,) = body["errors"]
    return error


def seeded_practices() -> list[tuple[dict[str, Any], str]]:
    """Every seeded practice with its region, straight from the seed files."""
    country_of = {row["slug"]: row["country"] for row in seedfacts.cities()}
    region_of = seedfacts.region_of_country()
    found = []
    for path in sorted((seedfacts.SEEDS / "practices").glob("*.toml")):
        for practice in seedfacts.practices_of(path.stem):
            found.append((practice, region_of[country_of[path.stem]]))
    return found


def slugs(result: dict[str, Any]) -> list[str]:
    return [hit["node"]["slug"] for hit in result["edges"]]


async def test_a_typo_finds_larissas_refugee_work_with_highlights(gql: GraphQLClient):
    result = await search(gql, "refugess", facets=["CITY"])
    assert result["engine"] == "EMBEDDED"
    top = result["edges"][0]
    assert top["node"]["city"]["slug"] == "larissa"
    assert 0 < top["score"] <= 1
    assert any("<mark>refugees</mark>" in h["snippet"].lower() for h in top["highlights"])
    (cities,) = result["facetDistribution"]
    counts = {v["value"]: v["count"] for v in cities["values"]}
    assert counts["larissa"] >= 2
    assert [v["count"] for v in cities["values"]] == sorted(counts.values(), reverse=True)


async def test_entrepreneurshp_finds_swansea(gql: GraphQLClient):
    result = await search(gql, "entrepreneurshp")
    assert "swansea" in [hit["node"]["city"]["slug"] for hit in result["edges"][:3]]


async def test_browse_mode_facets_count_every_published_practice(gql: GraphQLClient):
    result = await search(gql, "", facets=["REGION", "SDG"], first=0)
    practices = seeded_practices()
    expected: dict[str, int] = {}
    for _, region in practices:
        expected[region] = expected.get(region, 0) + 1
    distribution = {d["facet"]: d["values"] for d in result["facetDistribution"]}
    assert {v["value"]: v["count"] for v in distribution["REGION"]} == expected
    assert result["totalHits"] == len(practices)
    assert result["edges"] == []


async def test_filters_narrow_the_hits(gql: GraphQLClient):
    wanted = {"themes": ["migrant-and-refugee-inclusion"], "regions": ["EUROPE_AND_NORTH_AMERICA"]}
    result = await search(gql, "", filter=wanted, first=100)
    expected = {
        practice["slug"]
        for practice, region in seeded_practices()
        if "migrant-and-refugee-inclusion" in practice.get("themes", [])
        and region == "EUROPE_AND_NORTH_AMERICA"
    }
    assert set(slugs(result)) == expected
    assert result["totalHits"] == len(expected)


async def test_cursors_walk_every_hit_once(gql: GraphQLClient):
    seen: list[str] = []
    after = None
    while True:
        page = await search(gql, "", first=10, after=after, sort="RECENT")
        seen.extend(slugs(page))
        if not page["pageInfo"]["hasNextPage"]:
            break
        assert page["edges"][-1]["cursor"] == page["pageInfo"]["endCursor"]
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == len(seeded_practices())


async def test_a_cursor_of_another_search_is_refused(gql: GraphQLClient):
    page = await search(gql, "learning", first=2)
    error = await search_error(gql, "refugees", first=2, after=page["pageInfo"]["endCursor"])
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"query": "x" * 501}, "query"),
        ({"first": 101}, "first"),
        ({"first": -1}, "first"),
        ({"after": "not a cursor"}, "after"),
        ({"filter": {"sdgs": [0, 18]}}, "filter.sdgs"),
        ({"filter": {"themes": ["no-such-theme"]}}, "filter.themes"),
        ({"filter": {"cities": ["atlantis"]}}, "filter.cities"),
        ({"filter": {"countries": ["Greece"]}}, "filter.countries"),
        ({"filter": {"languages": ["english"]}}, "filter.languages"),
        ({"filter": {"languages": ["eng"]}}, "filter.languages"),
        ({"filter": {"countries": ["gr\n"]}}, "filter.countries"),
        ({"filter": {"years": [1066]}}, "filter.years"),
        ({"filter": {"yearFrom": 2020, "yearTo": 2010}}, "filter.yearFrom"),
        ({"filter": {"cities": ["larissa"] * 51}}, "filter.cities"),
    ],
)
async def test_invalid_arguments_are_clear_user_errors(
    gql: GraphQLClient, variables: dict[str, Any], field: str
):
    error = await search_error(gql, **variables)
    extensions = error["extensions"]
    assert {"code": extensions["code"], "field": extensions["field"]} == {
        "code": "BAD_USER_INPUT",
        "field": field,
    }
    # Domain rules also say why, as userErrors do; paging arguments have nothing to add.
    assert extensions.get("reason", "INVALID") == "INVALID"
    assert "Traceback" not in error["message"]


async def test_unknown_facet_names_fail_validation(gql: GraphQLClient):
    response = await gql.raw("{ searchPractices(facets: [POPULARITY]) { totalHits } }")
    assert response.status_code == 200
    assert "POPULARITY" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("query", ['"', ":", "(", "*", "~", 'refugees:(*~"', "AND OR NOT", "   "])
async def test_query_syntax_is_plain_text(gql: GraphQLClient, query: str):
    result = await search(gql, query, facets=["THEME"])
    assert result["totalHits"] >= 0


async def test_valid_filter_values_are_normalised(gql: GraphQLClient):
    lower = await search(gql, "", filter={"countries": ["gr"], "languages": ["EN"]}, first=100)
    upper = await search(gql, "", filter={"countries": ["GR"], "languages": ["en"]}, first=100)
    assert slugs(lower) == slugs(upper)
    assert "larissa-refugee-civil-society-network" in slugs(lower)


async def test_practices_unpublished_since_indexing_are_not_shown(
    gql: GraphQLClient, session: AsyncSession
):
    practice = await session.scalar(
        select(Practice).where(Practice.slug == "larissa-refugee-civil-society-network")
    )
    assert practice is not None
    practice.status = PracticeStatus.ARCHIVED
    await session.commit()  # the (shared, read-only) index still has it: no worker ran
    assert "larissa-refugee-civil-society-network" not in slugs(await search(gql, "refugees"))


async def test_hits_are_hydrated_in_a_constant_number_of_statements(
    gql: GraphQLClient, count_statements
):
    counts = []
    for first in (2, 20):
        with count_statements() as counter:
            result = await search(gql, "learning", first=first)
        assert len(result["edges"]) == first
        counts.append(counter.count)
    assert counts[0] == counts[1]


async def test_an_unreachable_engine_is_a_clear_retryable_error(
    settings: Settings, database: Database, tmp_path
):
    engine = FaultInjectingEngine(EmbeddedEngine(tmp_path))
    engine.down = True
    app = create_app(settings, database=database, search=engine)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        body = await client.post("/graphql", json={"query": SEARCH, "variables": {"query": "x"}})
        error = body.json()["errors"][0]
        ready = await client.get("/ready")
    assert error["extensions"]["code"] == "SEARCH_UNAVAILABLE"
    assert ready.status_code == 503
    assert ready.json()["checks"]["search"].startswith("unavailable")
    await engine.close()


async def test_search_is_a_relay_connection_and_hits_still_answer(gql: GraphQLClient):
    """`edges`/`node` are the connection; the deprecated `hits`/`practice` give the same."""
    data = await gql.data(
        """{ searchPractices(query: "refugees", first: 3) {
             edges { cursor node { slug } } hits { cursor practice { slug } }
             pageInfo { hasNextPage endCursor } } }"""
    )
    result = data["searchPractices"]
    assert result["edges"]
    assert [(e["cursor"], e["node"]["slug"]) for e in result["edges"]] == [
        (h["cursor"], h["practice"]["slug"]) for h in result["hits"]
    ]
    assert result["pageInfo"]["endCursor"] == result["edges"][-1]["cursor"]
