"""Malformed requests get a clear GraphQL error naming the problem: never a 500 or a trace."""

from __future__ import annotations

import base64

import pytest

from tests.conftest import GraphQLClient

TRACE_MARKERS = ("Traceback", 'File "', "sqlalchemy", "site-packages")


def assert_clean(body: dict) -> list[str]:
    messages = [error["message"] for error in body["errors"]]
    for message in messages:
        assert not any(marker in message for marker in TRACE_MARKERS), message
    return messages


async def test_malformed_query_is_a_syntax_error(gql: GraphQLClient) -> None:
    response = await gql.raw("{ cities(first: 3 { totalCount }")
    assert response.status_code in (200, 400)
    messages = assert_clean(response.json())
    assert "Syntax Error" in messages[0]


async def test_unknown_field_is_named(gql: GraphQLClient) -> None:
    response = await gql.raw("{ cities { population } }")
    assert response.status_code in (200, 400)
    messages = assert_clean(response.json())
    assert "Cannot query field 'population' on type 'CityConnection'" in messages[0]


async def test_bad_variable_type_is_named(gql: GraphQLClient) -> None:
    response = await gql.raw(
        "query($first: Int) { cities(first: $first) { totalCount } }", {"first": "ten"}
    )
    messages = assert_clean(response.json())
    assert "$first" in messages[0]
    assert "Int" in messages[0]


async def test_unknown_enum_value_is_named(gql: GraphQLClient) -> None:
    response = await gql.raw("{ cities(filter: {regions: [ATLANTIS]}) { totalCount } }")
    messages = assert_clean(response.json())
    assert "ATLANTIS" in messages[0]


@pytest.mark.parametrize("first", [101, -1, 100000])
async def test_first_out_of_range(gql: GraphQLClient, first: int) -> None:
    body = await gql(f"{{ cities(first: {first}) {{ totalCount }} }}")
    messages = assert_clean(body)
    assert messages == [f"`first` must be between 0 and 100 (got {first})."]
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["data"] is None


async def test_first_and_last_together(gql: GraphQLClient) -> None:
    body = await gql("{ practices(first: 2, last: 2) { totalCount } }")
    assert assert_clean(body) == ["Pass either `first` or `last`, not both."]


async def test_first_zero_returns_no_edges_but_a_count(gql: GraphQLClient) -> None:
    data = await gql.data("{ cities(first: 0) { totalCount edges { cursor } } }")
    assert data["cities"]["edges"] == []
    assert data["cities"]["totalCount"] > 300


@pytest.mark.parametrize("cursor", ["not a cursor!", "", "WyJ4Il0", "e30", "%%%"])
async def test_invalid_cursor(gql: GraphQLClient, cursor: str) -> None:
    body = await gql(
        "query($after: String) { cities(after: $after) { totalCount } }", {"after": cursor}
    )
    messages = assert_clean(body)
    assert "`after`" in messages[0]
    assert "cursor" in messages[0]


async def test_cursor_of_another_list_is_rejected(gql: GraphQLClient) -> None:
    data = await gql.data("{ practices(first: 1) { pageInfo { endCursor } } }")
    foreign = data["practices"]["pageInfo"]["endCursor"]
    body = await gql(
        "query($after: String) { cities(after: $after) { totalCount } }", {"after": foreign}
    )
    assert "another list or ordering" in assert_clean(body)[0]
    by_year = await gql(
        """query($after: String) { cities(after: $after,
             orderBy: {field: ADMITTED_YEAR}) { totalCount } }""",
        {
            "after": (await gql.data("{ cities(first: 1) { pageInfo { endCursor } } }"))["cities"][
                "pageInfo"
            ]["endCursor"]
        },
    )
    assert "another list or ordering" in assert_clean(by_year)[0]


async def test_tampered_cursor_with_wrong_width(gql: GraphQLClient) -> None:
    cursor = base64.urlsafe_b64encode(b'["cities:NAME:ASC:cities:NAME:ASC"]').decode()
    body = await gql(
        "query($after: String) { cities(after: $after) { totalCount } }", {"after": cursor}
    )
    assert "cursor" in assert_clean(body)[0]


@pytest.mark.parametrize(
    ("global_id", "fragment"),
    [
        ("garbage", "cannot represent a GlobalID"),
        (base64.b64encode(b"City:abc").decode(), "Unknown ID"),
        (base64.b64encode(b"Nope:1").decode(), "Nope"),
    ],
)
async def test_invalid_global_ids(gql: GraphQLClient, global_id: str, fragment: str) -> None:
    body = await gql("query($id: ID!) { node(id: $id) { id } }", {"id": global_id})
    messages = assert_clean(body)
    assert fragment in messages[0]


async def test_unknown_but_well_formed_id_is_null(gql: GraphQLClient) -> None:
    missing = base64.b64encode(b"City:999999").decode()
    data = await gql.data("query($id: ID!) { node(id: $id) { id } }", {"id": missing})
    assert data["node"] is None


async def test_malformed_json_body_is_400_not_500(gql: GraphQLClient) -> None:
    response = await gql.http.post(
        "/graphql", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert "Traceback" not in response.text


async def test_missing_query_is_400(gql: GraphQLClient) -> None:
    response = await gql.http.post("/graphql", json={"variables": {}})
    assert response.status_code == 400


async def test_depth_limit(gql: GraphQLClient) -> None:
    nested = "city { " * 14 + "slug" + " }" * 14
    query = (
        "{ practices(first: 1) { edges { node { "
        + nested.replace("city {", "city { practices {").replace("}", "} }")
        + " } } } }"
    )
    body = await gql(query)
    assert any("exceeds maximum operation depth" in m for m in assert_clean(body))


async def test_alias_limit(gql: GraphQLClient) -> None:
    aliases = " ".join(f"a{i}: networkStats {{ cityCount }}" for i in range(40))
    body = await gql("{ " + aliases + " }")
    assert any("aliases" in m for m in assert_clean(body))


async def test_unexpected_errors_are_masked(gql: GraphQLClient, monkeypatch) -> None:
    from gnlc_hub.network import queries as service

    async def explode(_session):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(service, "network_stats", explode)
    body = await gql("{ networkStats { cityCount } }")
    messages = assert_clean(body)
    assert messages == ["Unexpected error."]
    assert "hunter2" not in str(body)
