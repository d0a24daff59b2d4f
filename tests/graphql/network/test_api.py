"""The seeded network answers the questions portals ask."""

from __future__ import annotations

from collections import Counter

from tests import seedfacts
from tests.conftest import GraphQLClient

CITY_PAGE = """
query Cities($filter: CityFilter, $orderBy: CityOrder, $first: Int, $after: String,
             $last: Int, $before: String) {
  cities(filter: $filter, orderBy: $orderBy, first: $first, after: $after,
         last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug name admittedYear country { iso2 } region { code } } }
  }
}
"""


async def all_pages(gql: GraphQLClient, variables: dict, size: int = 37) -> list[dict]:
    nodes, after = [], None
    while True:
        data = await gql.data(CITY_PAGE, {**variables, "first": size, "after": after})
        connection = data["cities"]
        nodes += [edge["node"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            return nodes
        after = connection["pageInfo"]["endCursor"]


async def test_asia_pacific_cities_admitted_in_2016(gql: GraphQLClient) -> None:
    regions = seedfacts.region_of_country()
    expected = sorted(
        row["slug"]
        for row in seedfacts.cities()
        if regions[row["country"]] == "ASIA_AND_THE_PACIFIC" and row["admitted_year"] == "2016"
    )
    variables = {
        "filter": {"regions": ["ASIA_AND_THE_PACIFIC"], "admittedFrom": 2016, "admittedTo": 2016}
    }
    nodes = await all_pages(gql, variables, size=5)
    assert sorted(node["slug"] for node in nodes) == expected
    assert {"okayama", "bucheon", "suwon"} <= set(expected)
    data = await gql.data(CITY_PAGE, {**variables, "first": 1})
    assert data["cities"]["totalCount"] == len(expected)


async def test_okayama_practices(gql: GraphQLClient) -> None:
    data = await gql.data(
        """{ city(slug: "okayama") { name country { name } region { code }
             practices(first: 100) { totalCount edges { node {
               slug title themes { slug } sdgs targetGroups buildingBlocks guidelineAreas
               city { slug } } } } } }"""
    )
    city = data["city"]
    assert city["practices"]["totalCount"] == len(seedfacts.practices_of("okayama"))
    city["practices"] = [edge["node"] for edge in city["practices"]["edges"]]
    assert city["name"] == "Okayama"
    assert city["country"]["name"] == "Japan"
    assert city["region"]["code"] == "ASIA_AND_THE_PACIFIC"
    expected = {p["slug"]: p for p in seedfacts.practices_of("okayama")}
    assert {p["slug"] for p in city["practices"]} == set(expected)
    for practice in city["practices"]:
        seed = expected[practice["slug"]]
        assert practice["city"]["slug"] == "okayama"
        assert practice["sdgs"] == sorted(seed["sdgs"])
        assert {t["slug"] for t in practice["themes"]} == set(seed["themes"])
        assert set(practice["targetGroups"]) == set(seed["target_groups"])
        assert set(practice["buildingBlocks"]) == set(seed["building_blocks"])
        assert set(practice["guidelineAreas"]) == set(seed["guideline_areas"])


async def test_laureates_of_2017(gql: GraphQLClient) -> None:
    expected = sorted(row["city"] for row in seedfacts.rows("awards.csv") if row["year"] == "2017")
    nodes = await all_pages(gql, {"filter": {"awardYears": [2017]}})
    assert sorted(node["slug"] for node in nodes) == expected
    assert "larissa" in expected
    assert len(expected) == 16


async def test_pages_walk_forward_and_backward_over_the_same_order(gql: GraphQLClient) -> None:
    variables = {"filter": {"regions": ["EUROPE_AND_NORTH_AMERICA"]}}
    forward = await all_pages(gql, variables, size=23)
    assert len(forward) == len({n["slug"] for n in forward}) > 50
    backward, before = [], None
    while True:
        data = await gql.data(CITY_PAGE, {**variables, "last": 23, "before": before})
        connection = data["cities"]
        backward = [edge["node"] for edge in connection["edges"]] + backward
        if not connection["pageInfo"]["hasPreviousPage"]:
            break
        before = connection["pageInfo"]["startCursor"]
    assert [n["slug"] for n in backward] == [n["slug"] for n in forward]


async def test_order_by_admission_year_descending(gql: GraphQLClient) -> None:
    variables = {
        "filter": {"countries": ["KR"]},
        "orderBy": {"field": "ADMITTED_YEAR", "direction": "DESC"},
    }
    nodes = await all_pages(gql, variables, size=10)
    years = [node["admittedYear"] or 0 for node in nodes]
    assert years == sorted(years, reverse=True)
    assert len(nodes) == sum(1 for row in seedfacts.cities() if row["country"] == "KR")


async def test_name_prefix_ignores_case_and_accents(gql: GraphQLClient) -> None:
    nodes = await all_pages(gql, {"filter": {"namePrefix": "MEDEL"}})
    assert [node["name"] for node in nodes] == ["Medellín"]
    nodes = await all_pages(gql, {"filter": {"namePrefix": "100%_"}})
    assert nodes == []


async def test_cluster_filter_and_cluster_members(gql: GraphQLClient) -> None:
    nodes = await all_pages(gql, {"filter": {"clusters": ["health-and-well-being"]}})
    assert {"osan", "cork"} <= {node["slug"] for node in nodes}
    data = await gql.data(
        """{ cluster(slug: "health-and-well-being") { name
             members { role city { slug } } } }"""
    )
    roles = {m["city"]["slug"]: m["role"] for m in data["cluster"]["members"]}
    assert roles["osan"] == "COORDINATOR"
    assert roles["cork"] == "COORDINATOR"


async def test_practice_tag_filters_combine_and_across_or_within(gql: GraphQLClient) -> None:
    query = """query($filter: PracticeFilter) {
      practices(filter: $filter, first: 100) { totalCount edges { node { slug } } } }"""
    seeds = seedfacts.all_practices()
    refugees = {p["slug"] for p in seeds if "MIGRANTS_AND_REFUGEES" in p["target_groups"]}
    youth = {p["slug"] for p in seeds if "YOUTH_AT_RISK" in p["target_groups"]}
    sdg10 = {p["slug"] for p in seeds if 10 in p["sdgs"]}

    data = await gql.data(query, {"filter": {"targetGroups": ["MIGRANTS_AND_REFUGEES"]}})
    assert {e["node"]["slug"] for e in data["practices"]["edges"]} == refugees
    data = await gql.data(
        query, {"filter": {"targetGroups": ["MIGRANTS_AND_REFUGEES", "YOUTH_AT_RISK"]}}
    )
    assert {e["node"]["slug"] for e in data["practices"]["edges"]} == refugees | youth
    data = await gql.data(
        query, {"filter": {"targetGroups": ["MIGRANTS_AND_REFUGEES"], "sdgs": [10]}}
    )
    assert {e["node"]["slug"] for e in data["practices"]["edges"]} == refugees & sdg10
    assert data["practices"]["totalCount"] == len(refugees & sdg10) > 0


async def test_network_stats_match_the_member_list(gql: GraphQLClient) -> None:
    data = await gql.data(
        """{ networkStats { cityCount countryCount awardCount publishedPracticeCount
             byRegion { region { code } cityCount countryCount }
             byAdmissionYear { year cityCount } } }"""
    )
    stats = data["networkStats"]
    cities = seedfacts.cities()
    regions = seedfacts.region_of_country()
    assert stats["cityCount"] == len(cities)
    assert stats["countryCount"] == len({row["country"] for row in cities})
    assert stats["awardCount"] == len(seedfacts.rows("awards.csv"))
    assert stats["publishedPracticeCount"] == len(seedfacts.all_practices())
    per_region = Counter(regions[row["country"]] for row in cities)
    assert {r["region"]["code"]: r["cityCount"] for r in stats["byRegion"]} == per_region
    per_year = Counter(
        int(row["admitted_year"]) if row["admitted_year"] else None for row in cities
    )
    assert {y["year"]: y["cityCount"] for y in stats["byAdmissionYear"]} == per_year


async def test_events_conferences_in_edition_order(gql: GraphQLClient) -> None:
    data = await gql.data(
        """{ events(filter: {kinds: [CONFERENCE]}) { totalCount
             edges { node { edition startsOn city { slug } } } } }"""
    )
    nodes = [edge["node"] for edge in data["events"]["edges"]]
    assert [node["edition"] for node in nodes] == [1, 2, 3, 4, 5, 6]
    assert nodes[2]["city"]["slug"] == "cork"
    assert nodes[2]["startsOn"].startswith("2017")


async def test_real_alliances_are_not_examples_and_partial_dates_survive(
    gql: GraphQLClient,
) -> None:
    data = await gql.data(
        """{ alliances(first: 100, filter: {includeExamples: false}) { totalCount
             edges { node { slug isExample startedOn statusConfirmed
                            members { city { slug } } } } } }"""
    )
    nodes = [edge["node"] for edge in data["alliances"]["edges"]]
    seeds = {row["slug"]: row for row in seedfacts.toml_tables("alliances.toml", "alliance")}
    public = {s for s, row in seeds.items() if row["status"] in ("ACTIVE", "CONCLUDED")}
    assert {node["slug"] for node in nodes} == public
    for node in nodes:
        assert node["isExample"] is False
        assert node["startedOn"] == seeds[node["slug"]].get("started_on")
        assert {m["city"]["slug"] for m in node["members"]} == set(seeds[node["slug"]]["cities"])


async def test_unknown_slugs_are_null(gql: GraphQLClient) -> None:
    data = await gql.data(
        """{ city(slug: "atlantis") { name } practice(slug: "nope") { title }
             programme(slug: "nope") { title } cluster(slug: "nope") { name }
             alliance(slug: "nope") { name } }"""
    )
    assert data == {
        "city": None,
        "practice": None,
        "programme": None,
        "cluster": None,
        "alliance": None,
    }
