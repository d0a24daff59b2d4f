"""Publishing makes a practice searchable, archiving removes it, and a draft is never found:
through the outbox, the sync worker and `searchPractices`, end to end."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gnlc_hub.app import create_app
from gnlc_hub.config import Settings
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import Database
from gnlc_hub.practices.actions import Transition
from gnlc_hub.search.engine import SearchEngine
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from gnlc_hub.search.indexing.rebuild import reindex
from gnlc_hub.search.indexing.sync import OutboxSync
from tests.conftest import GraphQLClient
from tests.graphql import support
from tests.helpers import mutate

SEARCH = """query($query: String!) {
  searchPractices(query: $query, first: 10) { totalHits edges { node { slug status } } }
}"""
WORDS = "Zanzibar lantern workshops"


@pytest.fixture
async def index(database: Database, tmp_path: Path) -> AsyncIterator[SearchEngine]:
    """An index of its own, since this test changes what is indexed."""
    engine = EmbeddedEngine(tmp_path / "index")
    await reindex(database, engine)
    yield engine
    await engine.close()


@pytest.fixture
async def hub(settings: Settings, database: Database, index: SearchEngine) -> Any:
    app = create_app(settings, database=database, search=index)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield GraphQLClient(client)


async def found(hub: GraphQLClient, token: str | None = None) -> list[str]:
    data = await hub.data(SEARCH, {"query": WORDS}, token=token)
    return [edge["node"]["slug"] for edge in data["searchPractices"]["edges"]]


async def test_only_published_practices_are_searchable(
    hub: GraphQLClient, database: Database, index: SearchEngine, issue_token: Any
) -> None:
    editor = await issue_token(Role.CITY_EDITOR, city="larissa")
    staff = await issue_token(Role.SECRETARIAT)
    sync = OutboxSync(database, index)

    async def step(document: str, input_: dict, token: str) -> dict:
        payload = await mutate(hub, document, input_, token)
        assert payload["userErrors"] == []
        await sync.drain()
        return payload["practice"]

    practice = await step(
        support.CREATE_PRACTICE, {**support.COMPLETE_PRACTICE, "title": WORDS}, editor
    )
    assert await found(hub, staff) == []  # a draft is not indexed, not even for the staff
    practice = await step(
        support.STEPS[Transition.SUBMIT], {"id": practice["id"], "version": 1}, editor
    )
    assert await found(hub, editor) == []
    practice = await step(
        support.STEPS[Transition.PUBLISH],
        {"id": practice["id"], "version": practice["version"]},
        staff,
    )
    assert await found(hub) == [practice["slug"]]
    await step(
        support.STEPS[Transition.ARCHIVE],
        {"id": practice["id"], "version": practice["version"]},
        staff,
    )
    assert await found(hub) == []
