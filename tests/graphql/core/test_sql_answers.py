"""Answers built as JSON by PostgreSQL (``graphql.core.sql_json``) equal the resolvers' answers.

Two hubs share the test's data: one with ``sql_answers`` on, one with it off. Every query is
asked of both and the decoded responses must be equal; the statement count shows which path
answered. On SQLite the resolvers always answer.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text

from bench.portal import PORTAL_QUERY as PORTAL
from gnlc_hub.app import create_app
from gnlc_hub.config import Settings
from gnlc_hub.core.viewer import ANONYMOUS, Role, Viewer
from gnlc_hub.graphql.core.http.endpoint import encode
from gnlc_hub.graphql.core.sql_json.answer import SqlAnswer
from gnlc_hub.graphql.core.sql_json.marks import NotPlannable, RawJson
from gnlc_hub.graphql.core.sql_json.plans import PlanCache
from tests.conftest import TEST_DATABASE_URL, GraphQLClient, is_postgres
from tests.graphql.test_read_visibility import DRAFT_SLUG, private_rows  # noqa: F401

ON_POSTGRES = bool(TEST_DATABASE_URL and is_postgres(TEST_DATABASE_URL))
postgres = pytest.mark.skipif(
    not ON_POSTGRES, reason="JSON is built in SQL on PostgreSQL only (GNLC_TEST_DATABASE_URL)"
)

PAGED = """
query Paged($first: Int!, $after: String) {
  cities(first: $first, after: $after) {
    totalCount
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""

CITY = """
query City($slug: String!, $first: Int!, $withRegion: Boolean!) {
  city(slug: $slug) {
    __typename id slug name
    here: country { iso2 region @include(if: $withRegion) { code } }
    ...Practices
  }
}
fragment Practices on City {
  practices(first: $first) {
    __typename totalCount
    pageInfo { hasNextPage hasPreviousPage __typename }
    edges { __typename node { ...Text id } again: node { slug } }
  }
}
fragment Text on Practice { slug title summary yearStart sdgs themes { slug name } }
"""

NESTED_CURSORS = """
query($first: Int!) {
  cities(first: $first) { edges { node {
    slug
    practices(first: 2) {
      edges { cursor node { slug } }
      pageInfo { startCursor endCursor hasNextPage }
    }
    alliances(first: 1) { edges { cursor } pageInfo { endCursor hasPreviousPage } }
  } } }
}
"""

# Each selection the SQL path plans, with variables; a trailing `False` marks one it must not.
CASES: list[tuple[str, dict[str, Any], bool | int]] = [
    (PORTAL, {"first": 50}, True),
    (PORTAL, {"first": 3, "after": None}, True),
    (PORTAL, {"first": 0}, True),
    (PAGED, {"first": 50}, True),
    (CITY, {"slug": "larissa", "first": 2, "withRegion": True}, True),
    (CITY, {"slug": "okayama", "first": 100, "withRegion": False}, True),
    (CITY, {"slug": "no-such-city", "first": 5, "withRegion": True}, True),
    (
        "{ cities(last: 2) { edges { cursor node { slug } } pageInfo { hasPreviousPage } } }",
        {},
        True,
    ),
    (
        "{ cities(first: 4, orderBy: {field: NAME, direction: DESC}) { edges { node { name } } } }",
        {},
        True,
    ),
    ('{ a: city(slug: "cork") { slug } b: city(slug: "swansea") { name } }', {}, True),
    (
        "{ practices(first: 30) { totalCount edges { node { slug status isExample language "
        "period yearEnd buildingBlocks guidelineAreas targetGroups city { slug region { code } }"
        " } } } }",
        {},
        True,
    ),
    (
        '{ practice(slug: "okayama-esd-promotion-commission") { title summary body sourceUrl '
        "themes { slug name description } city { name isExample } } }",
        {},
        True,
    ),
    (
        "{ alliances(first: 10) { edges { node { slug kind status statusConfirmed summary "
        "members { response city { slug } } } } } }",
        {},
        True,
    ),
    ('{ alliance(slug: "irish-network-of-learning-cities") { name kind } }', {}, True),
    ('{ city(slug: "okayama") { practices(first: 1) { totalCount } } }', {}, True),
    ('{ city(slug: "bikok") { practices { __typename pageInfo { hasNextPage } } } }', {}, True),
    (NESTED_CURSORS, {"first": 100}, True),
    (NESTED_CURSORS, {"first": 3, "after": None}, True),
    # A date and a permission-guarded field need the resolvers.
    ('{ city(slug: "cork") { practices { edges { node { publishedAt } } } } }', {}, False),
    ('{ city(slug: "larissa") { contacts { name } } }', {}, False),
    ("{ networkStats { cityCount } }", {}, False),
]


@pytest.fixture
async def hubs(settings: Settings, database, seeded_search, clock) -> AsyncIterator[tuple]:
    """(in SQL, by resolvers): two hubs over the same data."""
    clients = []
    for flag in (True, False):
        app = create_app(
            settings.model_copy(update={"sql_answers": flag}),
            database=database,
            search=seeded_search,
            clock=clock,
        )
        transport = httpx.ASGITransport(app=app)
        clients.append(httpx.AsyncClient(transport=transport, base_url="http://hub.test"))
    try:
        yield GraphQLClient(clients[0]), GraphQLClient(clients[1])
    finally:
        for client in clients:
            await client.aclose()


@pytest.fixture
def sql_runs(monkeypatch) -> list[int]:
    """How many operations the SQL path answered (a spy on ``SqlAnswer.run``)."""
    runs: list[int] = []
    original = SqlAnswer.run

    async def spy(self, roots, db, *, raw):
        runs.append(len(roots))
        return await original(self, roots, db, raw=raw)

    monkeypatch.setattr(SqlAnswer, "run", spy)
    return runs


async def both(hubs: tuple, count_statements, query: str, variables: dict, token=None):
    in_sql, by_resolvers = hubs
    with count_statements() as counter:
        first = await in_sql(query, variables, token=token)
    second = await by_resolvers(query, variables, token=token)
    return first, second, counter.count


@postgres
@pytest.mark.parametrize(("query", "variables", "plannable"), CASES)
async def test_sql_answers_equal_the_resolvers(
    hubs, count_statements, sql_runs, query: str, variables: dict, plannable: bool
) -> None:
    in_sql, by_resolvers, statements = await both(hubs, count_statements, query, variables)
    assert "errors" not in by_resolvers, by_resolvers
    assert in_sql == by_resolvers
    if plannable:
        # One statement per root field (a connection's count rides on its page).
        roots = len(in_sql["data"])
        assert sql_runs == [roots]
        assert statements == roots
    else:
        assert sql_runs == []


@postgres
async def test_a_page_after_a_cursor_is_the_same_page(hubs, count_statements, sql_runs) -> None:
    first, _, _ = await both(hubs, count_statements, PAGED, {"first": 7})
    cursor = first["data"]["cities"]["pageInfo"]["endCursor"]
    in_sql, by_resolvers, statements = await both(
        hubs, count_statements, PAGED, {"first": 7, "after": cursor}
    )
    assert in_sql == by_resolvers
    assert statements == 1
    assert sql_runs == [1, 1]
    assert in_sql["data"]["cities"]["pageInfo"]["hasPreviousPage"] is True


@postgres
async def test_a_nested_page_after_a_cursor_made_in_sql(hubs, count_statements, sql_runs) -> None:
    # A city with more practices than one page: page on with the end cursor SQL made.
    query = """query($after: String) { city(slug: "okayama") { practices(first: 1, after: $after) {
      edges { cursor node { slug } } pageInfo { endCursor hasNextPage hasPreviousPage } } } }"""
    seen, after = [], None
    while True:
        in_sql, by_resolvers, _ = await both(hubs, count_statements, query, {"after": after})
        assert in_sql == by_resolvers
        page = in_sql["data"]["city"]["practices"]
        seen += [edge["node"]["slug"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) >= 2
    assert len(sql_runs) == len(seen)


@postgres
async def test_bad_arguments_get_the_resolvers_errors(hubs, count_statements, sql_runs) -> None:
    for variables in ({"first": 101}, {"first": 5, "after": "not-a-cursor"}):
        in_sql, by_resolvers, _ = await both(hubs, count_statements, PAGED, variables)
        assert in_sql == by_resolvers
        assert in_sql["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    nested = '{ city(slug: "cork") { practices(first: 101) { totalCount } } }'
    in_sql, by_resolvers, _ = await both(hubs, count_statements, nested, {})
    assert in_sql == by_resolvers
    assert in_sql["errors"]
    assert sql_runs == []


@postgres
async def test_a_failing_sql_answer_falls_back_to_the_resolvers(
    hubs, count_statements, monkeypatch, caplog
) -> None:
    async def broken(self, roots, db, *, raw):
        await db.scalar(select(func.pg_sleep(0)).where(text("1/0 = 1")))  # division by zero

    monkeypatch.setattr(SqlAnswer, "run", broken)
    in_sql, by_resolvers, _ = await both(hubs, count_statements, PORTAL, {"first": 5})
    assert in_sql == by_resolvers
    assert "errors" not in in_sql
    assert "SQL answer failed" in caplog.text


DRAFTS = """
query { city(slug: "larissa") { practices(first: 50) { totalCount edges { node { slug } } } } }
"""


def slugs(body: dict) -> set[str]:
    return {e["node"]["slug"] for e in body["data"]["city"]["practices"]["edges"]}


@postgres
@pytest.mark.usefixtures("private_rows")
async def test_sql_answers_keep_drafts_to_their_owners(
    hubs,
    count_statements,
    issue_token,
) -> None:
    anonymous, _, statements = await both(hubs, count_statements, DRAFTS, {})
    assert statements == 1
    assert not any(slug.startswith(DRAFT_SLUG) for slug in slugs(anonymous))
    other = await issue_token(Role.CITY_EDITOR, city="okayama")
    owner = await issue_token(Role.CITY_EDITOR, city="larissa")
    staff = await issue_token(Role.SECRETARIAT)
    seen = {}
    for name, token in (("other", other), ("owner", owner), ("staff", staff)):
        in_sql, by_resolvers, _ = await both(hubs, count_statements, DRAFTS, {}, token=token)
        assert in_sql == by_resolvers
        seen[name] = {s for s in slugs(in_sql) if s.startswith(DRAFT_SLUG)}
    assert seen["other"] == set()
    assert len(seen["owner"]) == 3
    assert seen["staff"] == seen["owner"]
    # The plan cache keys on what the viewer may see: anonymous still sees none afterwards.
    again, _, _ = await both(hubs, count_statements, DRAFTS, {})
    assert again == anonymous


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite side of the rule")
async def test_sqlite_answers_through_the_resolvers(gql: GraphQLClient, count_statements) -> None:
    with count_statements() as counter:
        body = await gql.data(PORTAL, {"first": 5})
    assert len(body["cities"]["edges"]) == 5
    assert counter.count > 1


def test_json_from_the_database_survives_the_json_fallback() -> None:
    # orjson refuses lone surrogates (echoed from a request), and the endpoint then encodes
    # with json, which cannot splice; the database's JSON is decoded for it instead.
    payload = {"data": {"city": RawJson('{"slug": "okayama", "n": [1, 2]}')}, "x": "\ud800"}
    decoded = json.loads(encode(payload))
    assert decoded == {"data": {"city": {"slug": "okayama", "n": [1, 2]}}, "x": "\ud800"}
    assert encode({"data": {"city": RawJson('{"a":1}')}}) == b'{"data":{"city":{"a":1}}}'


class CountingAnswer:
    """Stands in for SqlAnswer: counts plans, and refuses the documents named ``resolvers``."""

    def __init__(self, viewer: Viewer) -> None:
        self.viewer = viewer
        self.planned: list[str] = []

    def plan(self, document: str, operation_name, variables):
        self.planned.append(document)
        if document == "resolvers":
            raise NotPlannable(document)
        return [document]


def test_plans_are_kept_per_document_variables_and_viewer() -> None:
    cache = PlanCache()
    anonymous, editor = CountingAnswer(ANONYMOUS), CountingAnswer(Viewer(Role.CITY_EDITOR, 7))
    for _ in range(3):
        assert cache.get_or_plan(anonymous, "q", "q", None, {"first": 5}) == ["q"]
        assert cache.get_or_plan(anonymous, "resolvers", "resolvers", None, {}) is None
    assert anonymous.planned == ["q", "resolvers"]  # a refusal is remembered too
    cache.get_or_plan(anonymous, "q", "q", None, {"first": 6})
    cache.get_or_plan(editor, "q", "q", None, {"first": 5})
    assert anonymous.planned == ["q", "resolvers", "q"]
    assert editor.planned == ["q"]  # another viewer, its own plan


def test_the_plan_cache_is_bounded_by_document_text() -> None:
    cache = PlanCache(max_text=1000)
    answer = CountingAnswer(ANONYMOUS)
    documents = [f"{i:03d}" + "x" * 297 for i in range(5)]  # 300 characters each
    for document in documents:
        cache.get_or_plan(answer, document, document, None, {})
    assert len(cache.plans) == 3
    assert cache.text == 900
    cache.get_or_plan(answer, documents[0], documents[0], None, {})  # evicted: planned again
    assert answer.planned.count(documents[0]) == 2
    too_big = "y" * 20_000  # over the per-document bound: planned, never kept
    cache.get_or_plan(answer, too_big, too_big, None, {})
    assert too_big not in {key[0] for key in cache.plans}
