"""bench/peer.py compares the hub with PostGraphile only after both answers agree: the mapping
to one shape must equate what is equal, report what is not, and keep up with the hub's schema."""

from __future__ import annotations

import copy
from typing import Any

from bench.peer import HUB_CITY_QUERY, differences, hub_city, hub_portal, peer_portal
from bench.portal import PORTAL_QUERY

COUNTRY = {"iso2": "GR", "name": "Greece", "region": {"code": "EUROPE", "name": "Europe"}}
HUB = {
    "data": {
        "cities": {
            "totalCount": 1,
            "edges": [
                {
                    "cursor": "hub-cursor",
                    "node": {
                        "id": "hub-id",
                        "slug": "larissa",
                        "name": "Larissa",
                        "admittedYear": 2016,
                        "country": COUNTRY,
                        "awards": [{"year": 2019}],
                        "practices": {
                            "edges": [
                                {
                                    "node": {
                                        "slug": "p",
                                        "title": "P",
                                        "sdgs": [4, 10],
                                        "themes": [{"slug": "literacy"}],
                                    }
                                }
                            ]
                        },
                        "alliances": {"edges": [{"node": {"slug": "a", "status": "ACTIVE"}}]},
                        "clusters": [{"role": "MEMBER", "cluster": {"slug": "c"}}],
                    },
                }
            ],
        }
    }
}
PEER = {
    "data": {
        "allCities": {
            "totalCount": 1,
            "edges": [
                {
                    "cursor": "peer-cursor",
                    "node": {
                        "id": "peer-id",
                        "slug": "larissa",
                        "name": "Larissa",
                        "admittedYear": 2016,
                        "countryByCountryId": {
                            "iso2": "GR",
                            "name": "Greece",
                            "regionByRegionId": {"code": "EUROPE", "name": "Europe"},
                        },
                        "awardsByCityId": {"nodes": [{"year": 2019}]},
                        "practicesByCityId": {
                            "edges": [
                                {
                                    "node": {
                                        "slug": "p",
                                        "title": "P",
                                        # tag rows are strings, in text order
                                        "sdgs": {"nodes": [{"value": "10"}, {"value": "4"}]},
                                        "themes": {"nodes": [{"value": "literacy"}]},
                                    }
                                }
                            ]
                        },
                        "publicAlliances": {"edges": [{"node": {"slug": "a", "status": "ACTIVE"}}]},
                        "clusterMembershipsByCityId": {
                            "nodes": [{"role": "MEMBER", "clusterByClusterId": {"slug": "c"}}]
                        },
                    },
                }
            ],
        }
    }
}


def test_equal_answers_in_both_shapes_have_no_differences() -> None:
    assert differences(hub_portal(HUB), peer_portal(PEER)) == []


def test_a_different_title_or_a_missing_alliance_is_reported() -> None:
    peer: dict[str, Any] = copy.deepcopy(PEER)
    city = peer["data"]["allCities"]["edges"][0]["node"]
    city["practicesByCityId"]["edges"][0]["node"]["title"] = "Q"
    city["publicAlliances"]["edges"] = []
    assert differences(hub_portal(HUB), peer_portal(peer)) == [
        ".cities[0].alliances: 1 items ≠ 0",
        ".cities[0].practices[0].title: 'P' ≠ 'Q'",
    ]


async def test_the_hub_still_answers_the_benchmarked_queries(gql: Any) -> None:
    answers = [
        await gql(PORTAL_QUERY, {"first": 50}),
        await gql(HUB_CITY_QUERY, {"slug": "larissa", "first": 50}),
    ]
    assert [answer.get("errors") for answer in answers] == [None, None]
    portal, city = hub_portal(answers[0]), hub_city(answers[1])
    assert len(portal["cities"]) == 50
    assert portal["totalCount"] >= 50
    assert city["slug"] == "larissa"
    assert city["practices"]
    assert all(practice["sdgs"] for practice in city["practices"])
