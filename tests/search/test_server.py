"""Search inside a running hub: `/ready` reports it, the lifespan runs the sync worker."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.app import create_app
from gnlc_hub.config import Settings
from gnlc_hub.core.changes import PRACTICE, announce
from gnlc_hub.db import Database
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice
from gnlc_hub.search.engine import SearchEngine
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from gnlc_hub.search.indexing import outbox
from gnlc_hub.search.indexing.rebuild import reindex


async def test_ready_reports_engine_documents_and_outbox_lag(
    client: httpx.AsyncClient, session: AsyncSession, seeded_search: SearchEngine
):
    ids = list(await session.scalars(select(Practice.id).limit(3)))
    announce(session, PRACTICE, ids)
    await session.commit()
    response = await client.get("/ready")
    body = response.json()
    assert response.status_code == 200, body
    assert body["checks"] == {"database": "ok", "search": "ok"}
    assert body["search"]["engine"] == "embedded"
    assert body["search"]["documents"] == (await seeded_search.health()).documents
    assert body["search"]["outbox"]["pending"] == 3
    assert body["search"]["outbox"]["failing"] == 0
    assert body["search"]["outbox"]["oldestPendingSeconds"] >= 0


async def wait_until(condition, *, attempts: int = 200) -> bool:
    """Eventual consistency: poll a bounded number of times (this is not a timing test)."""
    for _ in range(attempts):
        if await condition():
            return True
        await asyncio.sleep(0.05)
    return False


async def test_the_lifespan_runs_the_in_process_sync_worker(
    settings: Settings, database: Database, session: AsyncSession, tmp_path: Path
):
    engine = EmbeddedEngine(tmp_path)
    await reindex(database, engine)
    practice = await session.scalar(
        select(Practice).where(Practice.status == PracticeStatus.PUBLISHED).limit(1)
    )
    assert practice is not None
    practice.status = PracticeStatus.ARCHIVED
    announce(session, PRACTICE, [practice.id])
    await session.commit()

    app = create_app(
        settings.model_copy(update={"sync_worker": True}), database=database, search=engine
    )
    async with app.router.lifespan_context(app):

        async def removed() -> bool:
            return practice.id not in await engine.document_ids()

        assert await wait_until(removed)
    assert await outbox.pending_ids(session) == []
    await engine.close()
