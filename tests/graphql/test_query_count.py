"""No N+1: the number of SQL statements of a nested portal query does not grow with page size."""

from __future__ import annotations

from tests.conftest import GraphQLClient

PORTAL_QUERY = """
query Portal($first: Int!, $filter: CityFilter) {
  cities(first: $first, filter: $filter, orderBy: {field: NAME}) {
    totalCount
    edges {
      node {
        id slug name admittedYear
        country { iso2 name region { code name } }
        region { code }
        awards { year }
        practices(first: 5) { totalCount edges { cursor node {
          slug title themes { slug } sdgs targetGroups city { slug } } } }
        alliances(first: 5) { totalCount edges { node {
          slug status members { response city { slug } } } } }
        clusters { role cluster { slug name } }
      }
    }
  }
}
"""


async def run_portal(gql: GraphQLClient, count_statements, variables: dict) -> tuple[int, list]:
    with count_statements() as counter:
        data = await gql.data(PORTAL_QUERY, variables)
    return counter.count, [edge["node"] for edge in data["cities"]["edges"]]


def items(node: dict, relation: str) -> list:
    """A relation's items, whether a plain list or a nested connection."""
    value = node[relation]
    return value["edges"] if isinstance(value, dict) else value


def uses_every_relation(nodes: list[dict]) -> bool:
    return all(
        any(items(node, relation) for node in nodes)
        for relation in ("awards", "practices", "alliances", "clusters")
    )


async def test_portal_query_statement_count_is_constant(gql: GraphQLClient, count_statements):
    # Two cities that between them exercise every relation, then a full page of 100.
    small, few = await run_portal(
        gql, count_statements, {"first": 2, "filter": {"slugs": ["cork", "larissa"]}}
    )
    large, many = await run_portal(gql, count_statements, {"first": 100})
    assert len(few) == 2
    assert len(many) == 100
    assert uses_every_relation(few)
    assert uses_every_relation(many)
    assert small == large
    # One page, one count, and one batched statement per relation (nested pages and their
    # counts included).
    assert large <= 16, large


async def test_practice_page_statement_count_is_constant(gql: GraphQLClient, count_statements):
    query = """query($first: Int!) { practices(first: $first) { edges { node {
        slug city { slug country { iso2 } } themes { name } buildingBlocks guidelineAreas } } } }"""
    counts = []
    for first in (3, 60):
        with count_statements() as counter:
            await gql.data(query, {"first": first})
        counts.append(counter.count)
    assert counts[0] == counts[1]


BENCH_PORTAL_QUERY = """
query Portal($first: Int!, $filter: CityFilter) {
  cities(first: $first, filter: $filter) {
    totalCount
    edges { cursor node {
      id slug name admittedYear
      country { iso2 name region { code name } }
      awards { year }
      practices(first: 20) { edges { node { slug title sdgs themes { slug } } } }
      alliances(first: 20) { edges { node { slug status } } }
      clusters { role cluster { slug } }
    } }
  }
}
"""


async def test_bench_portal_query_loads_each_relation_once_whatever_the_page_size(
    gql: GraphQLClient, count_statements
):
    # bench/portal.py's query: the relations of a page are loaded in bulk from the selection.
    # Five cities that between them use every relation, then a page of 50.
    cork_and_larissa = await gql.data(
        BENCH_PORTAL_QUERY, {"first": 5, "filter": {"slugs": ["cork", "larissa"]}}
    )
    slugs = [edge["node"]["slug"] for edge in cork_and_larissa["cities"]["edges"]]
    three = await gql.data(BENCH_PORTAL_QUERY, {"first": 3})
    slugs += [edge["node"]["slug"] for edge in three["cities"]["edges"]]
    counts = []
    for variables in ({"first": 5, "filter": {"slugs": slugs}}, {"first": 50}):
        with count_statements() as counter:
            data = await gql.data(BENCH_PORTAL_QUERY, variables)
        nodes = [edge["node"] for edge in data["cities"]["edges"]]
        assert len(nodes) == variables["first"]
        assert uses_every_relation(nodes)
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    # The page and its count, countries, regions, awards, practices, their tags and the theme
    # vocabulary, alliances, cluster memberships and clusters.
    assert counts[1] <= 12, counts


async def test_one_city_by_slug_loads_each_relation_once(gql: GraphQLClient, count_statements):
    query = """{ city(slug: "cork") { slug country { region { code } }
        practices(first: 20) { edges { node { slug sdgs themes { slug } city { slug } } } } } }"""
    with count_statements() as counter:
        data = await gql.data(query)
    assert data["city"]["practices"]["edges"]
    # The city, its country, region, practices, their tags and the vocabulary (the practices'
    # city is the one already loaded).
    assert counter.count <= 7, counter.statements
