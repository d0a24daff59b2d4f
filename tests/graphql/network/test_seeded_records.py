"""What the seeds say about dates and examples: no invented publication dates, examples last."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import GraphQLClient
from tests.helpers import city_gid

PEER = """query($cityId: ID, $need: String, $filter: PeerMatchFilter) {
  peerMatches(cityId: $cityId, need: $need, filter: $filter, first: 10) {
    need { source } matches { city { slug } reasons { kind text } }
    userErrors { field message code } } }"""


async def refusal(gql: GraphQLClient, variables: dict[str, Any]) -> tuple[str, str]:
    """(field, reason) of the BAD_USER_INPUT error peerMatches answers refused arguments with."""
    body = await gql(PEER, variables)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    return error["extensions"]["field"], error["extensions"]["reason"]


async def test_seeded_practices_have_no_invented_publication_date(gql: GraphQLClient) -> None:
    data = await gql.data("{ practices(first: 100) { edges { node { isExample publishedAt } } } }")
    dates = {edge["node"]["publishedAt"] for edge in data["practices"]["edges"]}
    # No source gives a publication date, so none is claimed (never the seeding time).
    assert dates == {None}


async def test_example_programmes_come_after_real_ones(gql: GraphQLClient) -> None:
    data = await gql.data("{ programmes(first: 100) { edges { node { isExample } } } }")
    flags = [edge["node"]["isExample"] for edge in data["programmes"]["edges"]]
    assert True in flags
    assert flags == sorted(flags)


async def test_peer_matches_for_a_seeded_city_with_an_empty_need(
    gql: GraphQLClient, session: Any
) -> None:
    body = await gql.data(PEER, {"cityId": await city_gid(session, "cork")})
    result = body["peerMatches"]
    assert result["userErrors"] == []
    assert result["need"]["source"] == "CITY_PRACTICES"
    assert result["matches"]
    near = await gql.data(
        PEER,
        {
            "cityId": await city_gid(session, "cork"),
            "need": "learning festival",
            "filter": {"withinKm": 300},
        },
    )
    texts = [r["text"] for m in near["peerMatches"]["matches"] for r in m["reasons"]]
    assert any("km away" in text for text in texts)


@pytest.mark.parametrize(
    ("filter_", "with_city", "code"),
    [
        ({"withinKm": 0}, True, "INVALID"),
        ({"withinKm": 20_001}, True, "INVALID"),
        ({"withinKm": 100}, False, "INVALID"),
    ],
)
async def test_bad_distances_are_bad_user_input(
    gql: GraphQLClient, session: Any, filter_: dict, with_city: bool, code: str
) -> None:
    variables: dict[str, Any] = {"need": "literacy", "filter": filter_}
    if with_city:
        variables["cityId"] = await city_gid(session, "cork")
    assert await refusal(gql, variables) == ("filter.withinKm", code)


async def test_a_city_without_a_location_cannot_filter_by_distance(
    gql: GraphQLClient, session: Any
) -> None:
    variables = {
        "cityId": await city_gid(session, "siheung"),  # GeoNames has no point for it
        "need": "literacy",
        "filter": {"withinKm": 100},
    }
    assert await refusal(gql, variables) == ("filter.withinKm", "REQUIRED")


async def test_a_korean_district_located_at_its_parent_city_finds_its_neighbours(
    gql: GraphQLClient, session: Any
) -> None:
    # Gangnam-gu is a GeoNames division of Seoul: it stands at Seoul's point, so a distance
    # filter finds Seodaemun-gu, another Seoul district with literacy practices.
    body = await gql.data(
        PEER,
        {
            "cityId": await city_gid(session, "gangnam-gu"),
            "need": "literacy",
            "filter": {"withinKm": 60},
        },
    )
    matches = body["peerMatches"]["matches"]
    assert "seodaemun-gu" in {m["city"]["slug"] for m in matches}
    distances = [
        float(re.search(r"([\d.,]+) km away", r["text"])[1].replace(",", ""))
        for m in matches
        for r in m["reasons"]
        if "km away" in r["text"]
    ]
    assert distances
    assert max(distances) <= 60
