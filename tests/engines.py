"""Search engines for tests: the embedded one always, Meilisearch when GNLC_MEILI_URL is set.

Read-only tests share one index per engine built from the seeded database; tests that write
get an empty index of their own (a temporary folder, or a uniquely named Meilisearch index).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from gnlc_hub.db import Database
from gnlc_hub.search.engine import SearchEngine
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from gnlc_hub.search.engines.meilisearch import MeilisearchEngine
from gnlc_hub.search.indexing.rebuild import reindex

MEILI_URL = os.environ.get("GNLC_MEILI_URL")
MEILI_KEY = os.environ.get("GNLC_MEILI_KEY")


def engine_params(
    meilisearch: bool, skipped_because: str, *, embedded_id: str = "embedded"
) -> list[Any]:
    """Both engines as test parameters; Meilisearch skipped, with the reason, when absent."""
    return [
        pytest.param("embedded", id=embedded_id),
        pytest.param(
            "meilisearch",
            id="meilisearch",
            marks=pytest.mark.skipif(not meilisearch, reason=skipped_because),
        ),
    ]


ENGINE_KINDS = engine_params(
    bool(MEILI_URL),
    "Meilisearch contract run skipped: set GNLC_MEILI_URL to a Meilisearch server",
)

EngineFactory = Callable[[], Awaitable[SearchEngine]]


async def open_engine(kind: str, folder: Path) -> SearchEngine:
    if kind == "embedded":
        return EmbeddedEngine(folder)
    assert MEILI_URL is not None
    return MeilisearchEngine(MEILI_URL, MEILI_KEY, f"gnlc_test_{uuid.uuid4().hex[:12]}")


async def dispose(engine: SearchEngine) -> None:
    if isinstance(engine, MeilisearchEngine):
        await engine.drop()
    await engine.close()


@pytest.fixture(params=ENGINE_KINDS)
def engine_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
async def new_engine(
    engine_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[EngineFactory]:
    """``await new_engine()``: an empty index of the kind under test (closed after the test)."""
    opened: list[SearchEngine] = []

    async def make() -> SearchEngine:
        engine = await open_engine(engine_kind, tmp_path_factory.mktemp("index"))
        opened.append(engine)
        return engine

    yield make
    for engine in opened:
        await dispose(engine)


@pytest.fixture(scope="session")
async def seeded_indexes(
    engine: AsyncEngine, seeded_search: SearchEngine, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[dict[str, SearchEngine]]:
    """One index per engine kind holding the seeded database, built once and only read."""
    indexes: dict[str, SearchEngine] = {"embedded": seeded_search}
    if MEILI_URL:
        meili = await open_engine("meilisearch", tmp_path_factory.mktemp("unused"))
        await reindex(Database.of(engine), meili)
        indexes["meilisearch"] = meili
    yield indexes
    if "meilisearch" in indexes:
        await dispose(indexes["meilisearch"])


@pytest.fixture
def seeded(engine_kind: str, seeded_indexes: dict[str, SearchEngine]) -> SearchEngine:
    return seeded_indexes[engine_kind]


def reopen(engine: SearchEngine) -> SearchEngine:
    """The same index through a new engine object, as after a process restart."""
    if isinstance(engine, MeilisearchEngine):
        return MeilisearchEngine(engine.url, MEILI_KEY, engine.index_uid)
    assert isinstance(engine, EmbeddedEngine)
    assert engine.path is not None
    return EmbeddedEngine(engine.path.parent)
