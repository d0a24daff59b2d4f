"""Publishing makes a practice searchable, archiving removes it, and a draft is never found:
through the outbox, the sync worker and `searchPractices`, end to end."""

from __future__ import annotations

from typing import Any

from gnlc_hub.core.viewer import Role
from gnlc_hub.db import Database
from gnlc_hub.practices.actions import Transition
from gnlc_hub.search.engine import SearchEngine
from gnlc_hub.search.indexing.sync import OutboxSync
from tests.conftest import GraphQLClient
from tests.graphql import support
from tests.helpers import mutate

SEARCH = """query($query: String!) {
  searchPractices(query: $query, first: 10) { totalHits edges { node { slug status } } }
}"""
WORDS = "Zanzibar lantern workshops"


async def found(lagging_hub: GraphQLClient, token: str | None = None) -> list[str]:
    data = await lagging_hub.data(SEARCH, {"query": WORDS}, token=token)
    return [edge["node"]["slug"] for edge in data["searchPractices"]["edges"]]


async def test_only_published_practices_are_searchable(
    lagging_hub: GraphQLClient, database: Database, own_index: SearchEngine, issue_token: Any
) -> None:
    editor = await issue_token(Role.CITY_EDITOR, city="larissa")
    staff = await issue_token(Role.SECRETARIAT)
    sync = OutboxSync(database, own_index)

    async def step(document: str, input_: dict, token: str) -> dict:
        payload = await mutate(lagging_hub, document, input_, token)
        assert payload["userErrors"] == []
        await sync.drain()
        return payload["practice"]

    practice = await step(
        support.CREATE_PRACTICE, {**support.COMPLETE_PRACTICE, "title": WORDS}, editor
    )
    assert await found(lagging_hub, staff) == []  # a draft is not indexed, not even for the staff
    practice = await step(
        support.STEPS[Transition.SUBMIT], {"id": practice["id"], "version": 1}, editor
    )
    assert await found(lagging_hub, editor) == []
    practice = await step(
        support.STEPS[Transition.PUBLISH],
        {"id": practice["id"], "version": practice["version"]},
        staff,
    )
    assert await found(lagging_hub) == [practice["slug"]]
    await step(
        support.STEPS[Transition.ARCHIVE],
        {"id": practice["id"], "version": practice["version"]},
        staff,
    )
    assert await found(lagging_hub) == []
