"""Every entity is a Relay Node: `node`/`nodes` fetch it back by its global ID."""

from __future__ import annotations

import pytest

from tests.conftest import GraphQLClient

ENTITY_QUERIES = {
    "City": '{ city(slug: "larissa") { id } }',
    "Practice": "{ practices(first: 1) { edges { node { id } } } }",
    "Alliance": "{ alliances(first: 1) { edges { node { id } } } }",
    "Programme": "{ programmes(first: 1) { edges { node { id } } } }",
    "Event": "{ events(first: 1) { edges { node { id } } } }",
    "Cluster": "{ clusters { id } }",
    "Theme": "{ themes { id } }",
    "Country": "{ countries { id } }",
    "UnescoRegion": "{ regions { id } }",
    "Publication": "{ publications { id } }",
    "Award": '{ city(slug: "larissa") { awards { id } } }',
}


def first_id(data: dict) -> str:
    value = next(iter(data.values()))
    while not isinstance(value, str):
        if isinstance(value, list):
            value = value[0]
        elif "id" in value:
            value = value["id"]
        else:
            value = next(v for v in value.values() if v)
    return value


@pytest.mark.parametrize("typename", sorted(ENTITY_QUERIES))
async def test_node_round_trip(gql: GraphQLClient, typename: str) -> None:
    global_id = first_id(await gql.data(ENTITY_QUERIES[typename]))
    data = await gql.data("query($id: ID!) { node(id: $id) { __typename id } }", {"id": global_id})
    assert data["node"] == {"__typename": typename, "id": global_id}


async def test_nodes_keeps_order_and_nulls_missing(gql: GraphQLClient) -> None:
    import base64

    larissa = first_id(await gql.data('{ city(slug: "larissa") { id } }'))
    okayama = first_id(await gql.data('{ city(slug: "okayama") { id } }'))
    missing = base64.b64encode(b"City:987654").decode()
    data = await gql.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on City { slug } } }",
        {"ids": [okayama, missing, larissa]},
    )
    assert data["nodes"] == [{"slug": "okayama"}, None, {"slug": "larissa"}]
