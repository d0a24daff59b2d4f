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
