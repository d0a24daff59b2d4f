"""Every error carries `extensions.code`; bad ids, cursors and strings are client errors."""

from __future__ import annotations

import base64
import json

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.conftest import GraphQLClient
from tests.helpers import city_gid, global_id

NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on City { slug } } }"


def codes(body: dict) -> list[str]:
    return [error["extensions"]["code"] for error in body["errors"]]


async def post(gql: GraphQLClient, document: str, variables: dict) -> dict:
    """Sent as a browser would (JSON escapes), so lone surrogates reach the server."""
    response = await gql.http.post(
        "/graphql",
        content=json.dumps({"query": document, "variables": variables}),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert all(error["message"] != "Unexpected error." for error in body.get("errors", []))
    return body


async def test_each_stage_names_its_code(gql: GraphQLClient, monkeypatch) -> None:
    assert codes(await gql("{ cities(first: 3 { totalCount }")) == ["GRAPHQL_PARSE_FAILED"]
    assert codes(await gql("{ cities { population } }")) == ["GRAPHQL_VALIDATION_FAILED"]
    bad_variable = await gql("query($n: Int) { cities(first: $n) { totalCount } }", {"n": "x"})
    assert codes(bad_variable) == ["BAD_USER_INPUT"]
    assert codes(await gql("{ cities(first: 101) { totalCount } }")) == ["BAD_USER_INPUT"]

    from gnlc_hub.network import queries as service

    async def explode(_session):
        raise RuntimeError("secret")

    monkeypatch.setattr(service, "network_stats", explode)
    masked = await gql("{ networkStats { cityCount } }")
    assert masked["errors"][0]["message"] == "Unexpected error."
    assert codes(masked) == ["INTERNAL_SERVER_ERROR"]


async def test_a_bad_id_in_nodes_fails_alone(gql: GraphQLClient, session: AsyncSession) -> None:
    okayama = await city_gid(session, "okayama")
    ids = [
        okayama,
        "garbage!",
        global_id("Nope", 1),
        global_id("City", 2**70),
        global_id("City", 999_999),
        base64.b64encode(b"City:12abc").decode(),
        global_id("UserError", 1),
    ]
    body = await post(gql, NODES, {"ids": ids})
    assert body["data"]["nodes"] == [{"id": okayama, "slug": "okayama"}, *[None] * 6]
    errors = {tuple(error["path"]): error["extensions"]["code"] for error in body["errors"]}
    assert errors == {("nodes", index): "BAD_USER_INPUT" for index in (1, 2, 3, 5, 6)}


@pytest.mark.parametrize("pk", [2**70, 2**31, -1])
async def test_out_of_range_primary_keys_are_client_errors(gql: GraphQLClient, pk: int) -> None:
    body = await post(
        gql, "query($id: ID!) { node(id: $id) { id } }", {"id": global_id("City", pk)}
    )
    assert body["data"] == {"node": None}
    assert codes(body) == ["BAD_USER_INPUT"]


def cursor(*payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(payload)).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("field", "order", "after"),
    [
        ("cities", "", cursor("cities:NAME:ASC", {"a": 1}, 1)),
        ("cities", "", cursor("cities:NAME:ASC", ["x"], 1)),
        ("cities", "", cursor("cities:NAME:ASC", 17, 1)),
        ("cities", "", cursor("cities:NAME:ASC", "okayama", 2**70)),
        ("cities", "", cursor("cities:NAME:ASC", "okayama", True)),
        ("cities", "", cursor("cities:NAME:ASC", "oka\x00yama", 1)),
        ("cities", "", cursor("cities:NAME:ASC", "\ud800", 1)),
        (
            "practices",
            ", orderBy: {field: RECENTLY_PUBLISHED}",
            cursor("practices:RECENTLY_PUBLISHED:ASC", {"$dt": "garbage"}, 1),
        ),
        (
            "practices",
            ", orderBy: {field: RECENTLY_PUBLISHED}",
            cursor("practices:RECENTLY_PUBLISHED:ASC", {"$dt": 5}, 1),
        ),
        (
            "practices",
            ", orderBy: {field: RECENTLY_PUBLISHED}",
            cursor("practices:RECENTLY_PUBLISHED:ASC", "2020-01-01", 1),
        ),
    ],
)
async def test_hand_made_cursors_are_client_errors(
    gql: GraphQLClient, field: str, order: str, after: str
) -> None:
    body = await post(
        gql, f"query($a: String) {{ {field}(after: $a{order}) {{ totalCount }} }}", {"a": after}
    )
    assert codes(body) == ["BAD_USER_INPUT"]
    assert body["errors"][0]["message"] == "`after` is not a valid cursor."


async def test_real_datetime_cursors_still_page(gql: GraphQLClient) -> None:
    query = """query($a: String) {
      practices(first: 2, after: $a, orderBy: {field: RECENTLY_PUBLISHED}) {
        edges { node { slug } } pageInfo { endCursor } } }"""
    first = (await gql.data(query))["practices"]
    second = (await gql.data(query, {"a": first["pageInfo"]["endCursor"]}))["practices"]
    assert {e["node"]["slug"] for e in first["edges"]}.isdisjoint(
        e["node"]["slug"] for e in second["edges"]
    )


@pytest.mark.parametrize(
    ("document", "variables", "field"),
    [
        ("query($s: String!) { city(slug: $s) { name } }", {"s": "oka\ud800yama"}, "slug"),
        ("query($s: String!) { city(slug: $s) { name } }", {"s": "oka\x00yama"}, "slug"),
        (
            "query($p: String) { cities(filter: {namePrefix: $p}) { totalCount } }",
            {"p": "\udfff"},
            "filter.namePrefix",
        ),
        (
            "query($p: String) { cities(filter: {namePrefix: $p}) { totalCount } }",
            {"p": "a" * 50_001},
            "filter.namePrefix",
        ),
        ("query($q: String!) { searchPractices(query: $q) { totalHits } }", {"q": "\x00"}, "query"),
    ],
)
async def test_unstorable_or_huge_strings_are_client_errors(
    gql: GraphQLClient, document: str, variables: dict, field: str
) -> None:
    body = await post(gql, document, variables)
    assert body["data"] is None
    assert [error["extensions"] for error in body["errors"]] == [
        {"code": "BAD_USER_INPUT", "field": field}
    ]


async def test_mutation_input_text_is_left_to_user_errors(gql: GraphQLClient, issue_token) -> None:
    from gnlc_hub.core.viewer import Role

    token = await issue_token(Role.CITY_EDITOR, city="okayama")
    response = await gql.http.post(
        "/graphql",
        content=json.dumps(
            {
                "query": "mutation($i: CreatePracticeInput!) { createPractice(input: $i) "
                "{ userErrors { field code } } }",
                "variables": {"i": {"title": "Learning \x00 together", "summary": "x"}},
            }
        ),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    body = response.json()
    assert "errors" not in body, body
    assert body["data"]["createPractice"]["userErrors"]
