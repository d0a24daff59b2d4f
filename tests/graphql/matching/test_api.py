"""`peerMatches` over GraphQL, as a front end calls it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.viewer import Role
from gnlc_hub.search.engine import SearchEngineError
from tests.conftest import GraphQLClient
from tests.helpers import city_gid, global_id

PEER_MATCHES = """
query($cityId: ID, $need: String, $filter: PeerMatchFilter, $first: Int) {
  peerMatches(cityId: $cityId, need: $need, filter: $filter, first: $first) {
    engine candidateCount
    need { text source searches themes { slug } targetGroups sdgs }
    matches {
      score
      scoreBreakdown { relevance tagOverlap context }
      city { slug }
      practices { slug }
      alliance { slug status }
      reasons {
        kind text sdgs targetGroups
        practice { slug }
        highlights { field snippet }
        themes { slug }
        clusters { slug }
      }
    }
    userErrors { field message code }
  }
}
"""


async def peer_matches(gql: GraphQLClient, token: str | None = None, **variables: Any) -> dict:
    return (await gql.data(PEER_MATCHES, variables, token=token))["peerMatches"]


async def refusal(gql: GraphQLClient, token: str | None = None, **variables: Any) -> tuple:
    """(field path, reason) of the one BAD_USER_INPUT error refused arguments get."""
    body = await gql(PEER_MATCHES, variables, token=token)
    assert body["data"] is None
    [error] = body["errors"]
    extensions = error["extensions"]
    assert extensions["code"] == "BAD_USER_INPUT"
    assert "Traceback" not in error["message"]
    return extensions["field"].split("."), extensions["reason"]


async def test_refugee_integration_points_to_larissa(gql: GraphQLClient) -> None:
    result = await peer_matches(gql, need="refugee integration")
    assert result["userErrors"] == []
    assert result["engine"] == "EMBEDDED"
    assert result["need"] == {
        "text": "refugee integration",
        "source": "GIVEN",
        "searches": ["refugee integration"],
        "themes": [{"slug": "migrant-and-refugee-inclusion"}],
        "targetGroups": ["MIGRANTS_AND_REFUGEES"],
        "sdgs": [],
    }
    top = result["matches"][0]
    assert top["city"] == {"slug": "larissa"}
    assert top["alliance"] is None
    assert 0 < top["score"] <= 1
    assert top["scoreBreakdown"]["context"] is None
    assert all(slug.startswith("larissa-") for slug in (p["slug"] for p in top["practices"]))
    first = top["reasons"][0]
    assert first["kind"] == "MATCHING_PRACTICE"
    assert first["practice"]["slug"] == top["practices"][0]["slug"]
    assert any("<mark>" in h["snippet"] for h in first["highlights"])
    kinds = [reason["kind"] for reason in top["reasons"]]
    assert "SHARED_THEMES" in kinds
    themes_reason = next(r for r in top["reasons"] if r["kind"] == "SHARED_THEMES")
    assert themes_reason["themes"] == [{"slug": "migrant-and-refugee-inclusion"}]
    assert themes_reason["text"].endswith("Migrant and refugee inclusion.")


async def test_a_city_asking_gets_context_and_alliances(
    gql: GraphQLClient, session: AsyncSession
) -> None:
    cork = await city_gid(session, "cork")
    result = await peer_matches(gql, cityId=cork, need="organising a lifelong learning festival")
    slugs = [match["city"]["slug"] for match in result["matches"]]
    assert "cork" not in slugs
    dublin = result["matches"][slugs.index("dublin")]
    assert dublin["alliance"]["status"] == "ACTIVE"
    assert dublin["alliance"]["slug"].startswith("irish-network-of-learning-cities")
    assert dublin["scoreBreakdown"]["context"] > 0
    assert "SAME_REGION" in [reason["kind"] for reason in dublin["reasons"]]
    allies_left_out = await peer_matches(
        gql, cityId=cork, need="learning festival", filter={"excludeAllies": True}
    )
    assert "dublin" not in [m["city"]["slug"] for m in allies_left_out["matches"]]


async def test_clusters_are_named_in_reasons(gql: GraphQLClient, session: AsyncSession) -> None:
    cork = await city_gid(session, "cork")
    result = await peer_matches(gql, cityId=cork, need="health and well-being of older people")
    osan = next(m for m in result["matches"] if m["city"]["slug"] == "osan")
    [reason] = [r for r in osan["reasons"] if r["kind"] == "SAME_CLUSTER"]
    assert reason["clusters"] == [{"slug": "health-and-well-being"}]
    assert reason["text"] == (
        "Both cities take part in the thematic cluster Learning for Health and Well-being."
    )


async def test_an_editor_fills_the_profile_then_matches_without_a_need(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    token = await issue_token(Role.CITY_EDITOR, city="swansea")
    empty = await refusal(gql, token, cityId=await city_gid(session, "swansea"))
    assert [empty[1]] == ["REQUIRED"]
    await gql.data(
        """mutation($input: UpdateCityProfileInput!) {
             updateCityProfile(input: $input) { userErrors { message } } }""",
        {"input": {"priorities": ["adult literacy", "women"]}},
        token=token,
    )
    result = await peer_matches(gql, token, cityId=await city_gid(session, "swansea"))
    assert result["userErrors"] == []
    assert result["need"]["source"] == "CITY_PROFILE"
    assert result["need"]["searches"] == ["adult literacy", "women"]
    assert result["matches"]


@pytest.mark.parametrize(
    ("variables", "field", "code"),
    [
        ({}, ["need"], "REQUIRED"),
        ({"need": "x" * 2001}, ["need"], "INVALID"),
        ({"need": "?!"}, ["need"], "INVALID"),
        ({"need": "literacy", "cityId": global_id("City", 999_999)}, ["cityId"], "NOT_FOUND"),
        ({"need": "literacy", "cityId": global_id("Practice", 1)}, ["cityId"], "INVALID"),
        ({"need": "literacy", "first": 0}, ["first"], "INVALID"),
        ({"need": "literacy", "first": 51}, ["first"], "INVALID"),
        (
            {"need": "literacy", "filter": {"populationMin": 10, "populationMax": 1}},
            ["filter", "populationMin"],
            "INVALID",
        ),
        ({"need": "literacy", "filter": {"languages": ["xx"]}}, ["filter", "languages"], "INVALID"),
        (
            {"need": "literacy", "filter": {"excludeAllies": True}},
            ["filter", "excludeAllies"],
            "INVALID",
        ),
    ],
)
async def test_bad_arguments_are_bad_user_input(
    gql: GraphQLClient, variables: dict, field: list[str], code: str
) -> None:
    assert [await refusal(gql, **variables)] == [(field, code)]


async def test_a_malformed_id_is_a_graphql_error(gql: GraphQLClient) -> None:
    body = await gql(PEER_MATCHES, {"cityId": "not-an-id", "need": "literacy"})
    assert "cannot represent a GlobalID" in body["errors"][0]["message"]


async def test_an_unavailable_engine_is_reported_not_masked(
    gql: GraphQLClient, seeded_search, monkeypatch
) -> None:
    async def down(_request):
        raise SearchEngineError("connection refused")

    monkeypatch.setattr(seeded_search, "search", down)
    body = await gql(PEER_MATCHES, {"need": "literacy"})
    assert body["errors"][0]["extensions"]["code"] == "SEARCH_UNAVAILABLE"
    assert "retry" in body["errors"][0]["message"]
