"""A damaged or lost embedded index heals without a human: it is moved aside and rebuilt from the
database in the background, at start-up and while the server runs, and `/ready` says what is
wrong until it is done. Real files are damaged the ways disks and operators damage them."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from gnlc_hub.app import create_app
from gnlc_hub.config import Settings
from gnlc_hub.core.changes import PRACTICE, announce
from gnlc_hub.db import Database
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from gnlc_hub.search.indexing.rebuild import reindex
from tests.served import Hub, fresh_database, serving

SEARCH = (
    """{ searchPractices(query: "learning", first: 3) { totalHits hits { practice { slug } } } }"""
)


def corrupt_meta(folder: Path) -> None:
    (folder / "meta.json").write_text('{"segments": [', encoding="utf-8")


def delete_a_segment(folder: Path) -> None:
    next(folder.glob("*.idx")).unlink()


def empty_store_files(folder: Path) -> None:
    for store in folder.glob("*.store"):
        store.write_bytes(b"")


DAMAGE: dict[str, Callable[[Path], None]] = {
    "corrupt meta.json": corrupt_meta,
    "deleted segment": delete_a_segment,
    "emptied store files": empty_store_files,
}


@pytest.fixture(scope="module")
async def database(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Database]:
    database = await fresh_database(database_url, tmp_path_factory.mktemp("healing"))
    yield database
    await database.dispose()


async def published_ids(database: Database) -> set[int]:
    async with database.sessions() as session:
        statement = select(Practice.id).where(Practice.status == PracticeStatus.PUBLISHED)
        return set(await session.scalars(statement))


async def built_index(database: Database, data_dir: Path) -> Path:
    """A sound index of the published practices, closed again; the folder it lives in."""
    engine = EmbeddedEngine(data_dir / "index")
    await reindex(database, engine)
    await engine.close()
    assert engine.path is not None
    return engine.path


async def ready(client: httpx.AsyncClient) -> tuple[int, dict[str, Any]]:
    response = await client.get("/ready")
    return response.status_code, response.json()


async def healed(hub: Hub, expected: set[int], attempts: int = 300) -> dict[str, Any]:
    """Poll (bounded) until `/ready` is ok and the index holds exactly ``expected``."""
    body: dict[str, Any] = {}
    for _ in range(attempts):
        status, body = await ready(hub.gql.http)
        if status == 200 and body["search"]["documents"] == len(expected):
            return body
        await asyncio.sleep(0.1)
    raise AssertionError(f"not healed: {body}")


def aside(folder: Path) -> list[Path]:
    return sorted(folder.parent.glob(f"{folder.name}.damaged-*"))


@pytest.mark.parametrize("damage", DAMAGE)
async def test_an_index_damaged_while_stopped_is_rebuilt_at_start_up(
    database: Database, database_url: str, tmp_path: Path, damage: str
) -> None:
    folder = await built_index(database, tmp_path)
    DAMAGE[damage](folder)
    settings = Settings(data_dir=tmp_path, database_url=database_url, graphiql=False)
    engine = EmbeddedEngine(tmp_path / "index")  # opening a damaged index does not raise
    app = create_app(settings, database=database, search=engine)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        # No lifespan yet, so no worker: the damage is reported, not hidden or raised.
        status, body = await ready(client)
        answer = (await client.post("/graphql", json={"query": SEARCH})).json()
    await engine.close()
    assert status == 503
    assert body["status"] == "degraded"
    assert "unreadable" in body["checks"]["search"]
    assert answer["errors"][0]["extensions"]["code"] == "SEARCH_UNAVAILABLE"

    expected = await published_ids(database)
    async with serving(database, database_url, tmp_path) as hub:
        body = await healed(hub, expected)
        assert body["checks"] == {"database": "ok", "search": "ok", "outbox": "ok"}
        assert await hub.search.document_ids() == expected
        found = await hub.gql.data(SEARCH)
        assert found["searchPractices"]["totalHits"] > 0
    assert len(aside(folder)) == 1  # kept for inspection


async def test_an_index_folder_deleted_while_running_is_rebuilt(
    database: Database, database_url: str, tmp_path: Path
) -> None:
    await built_index(database, tmp_path)
    expected = await published_ids(database)
    # The worker wakes on outbox commits only, so the test sees the state before it heals.
    async with serving(database, database_url, tmp_path, sync_poll_seconds=3600) as hub:
        await healed(hub, expected)
        assert hub.search.path is not None
        shutil.rmtree(hub.search.path)
        status, body = await ready(hub.gql.http)
        assert status == 503
        assert body["status"] == "degraded"
        assert "missing" in body["checks"]["search"]
        async with database.transaction() as session:
            announce(session, PRACTICE, [min(expected)])  # any practice write wakes the worker
        await healed(hub, expected)
        assert await hub.search.document_ids() == expected
        assert (await hub.gql.data(SEARCH))["searchPractices"]["totalHits"] > 0


async def test_reindex_rebuilds_a_damaged_index(database: Database, tmp_path: Path) -> None:
    folder = await built_index(database, tmp_path)
    corrupt_meta(folder)
    engine = EmbeddedEngine(tmp_path / "index")
    try:
        assert not (await engine.health()).ok
        assert await reindex(database, engine) == len(await published_ids(database))
        assert (await engine.health()).ok
        assert await engine.document_ids() == await published_ids(database)
    finally:
        await engine.close()
    assert len(aside(folder)) == 1


async def test_only_the_owner_repairs(database: Database, tmp_path: Path) -> None:
    """Two processes sharing an index folder: the one that writes repairs, the other waits."""
    folder = await built_index(database, tmp_path)
    owner = EmbeddedEngine(tmp_path / "index")
    other = EmbeddedEngine(tmp_path / "index")
    try:
        assert await owner.claim_writer()
        shutil.rmtree(folder)
        assert await other.repair() is None  # not its index to touch
        assert not folder.exists()
        assert "missing" in (await owner.repair() or "")
        assert (folder / "meta.json").is_file()
    finally:
        await owner.close()
        await other.close()
