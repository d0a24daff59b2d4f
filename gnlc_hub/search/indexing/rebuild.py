"""Rebuilding the index from the database and catching up with the outbox (CLI, seeding, tests)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager

from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.search.engine import PracticeDocument, SearchEngine, SearchEngineError
from gnlc_hub.search.engines.factory import create_search_engine
from gnlc_hub.search.indexing import outbox
from gnlc_hub.search.indexing.documents import count_published, published_document_batches
from gnlc_hub.search.indexing.startup import prepare_engine
from gnlc_hub.search.indexing.sync import OutboxSync, SyncReport


@asynccontextmanager
async def opened(settings: Settings) -> AsyncIterator[tuple[Database, SearchEngine]]:
    database = Database.from_url(settings.resolved_database_url)
    engine = create_search_engine(settings)
    try:
        yield database, engine
    finally:
        await engine.close()
        await database.dispose()


async def reindex(
    database: Database, engine: SearchEngine, *, on_batch: Callable[[int], None] | None = None
) -> int:
    """Rebuild ``engine``'s index from the published practices of ``database``.

    Outbox entries already pending when it starts are reflected in what it reads, so they are
    marked processed afterwards; later ones stay for the sync worker.
    """
    await prepare_engine(database, engine)
    async with database.sessions() as session:
        covered = await outbox.pending_ids(session)

        async def batches() -> AsyncIterator[Sequence[PracticeDocument]]:
            async for batch in published_document_batches(session):
                yield batch
                if on_batch is not None:
                    on_batch(len(batch))

        count = await engine.replace_all(batches())
    async with database.transaction() as session:
        await outbox.mark_processed(session, covered)
    return count


async def catch_up(database: Database, engine: SearchEngine) -> SyncReport:
    """Drain the whole outbox now (after seeding, or `worker --once`)."""
    if not await engine.claim_writer():
        raise SearchEngineError(
            f"another process writes the {engine.name} index; its sync worker will catch up"
        )
    await prepare_engine(database, engine)
    return await OutboxSync(database, engine).drain()


async def bring_up_to_date(database: Database, engine: SearchEngine) -> None:
    """An empty index over a database with practices is rebuilt; otherwise the outbox drained."""
    await prepare_engine(database, engine)
    health = await engine.health()
    async with database.sessions() as session:
        published = await count_published(session)
    if health.ok and health.documents == 0 and published:
        await reindex(database, engine)
    else:
        await catch_up(database, engine)
