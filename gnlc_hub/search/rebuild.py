"""Rebuilding an index from the database: on demand (`gnlc-hub reindex`) and by itself when the
index turns out damaged or lost (the sync worker calls ``heal`` before every pass)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence

from gnlc_hub.db import Database
from gnlc_hub.search import outbox
from gnlc_hub.search.documents import published_document_batches
from gnlc_hub.search.engine import PracticeDocument, SearchEngine
from gnlc_hub.search.setup import prepare_engine

log = logging.getLogger("gnlc_hub.search.rebuild")


async def reindex(
    database: Database, engine: SearchEngine, *, on_batch: Callable[[int], None] | None = None
) -> int:
    """Rebuild ``engine``'s index from the published practices of ``database``.

    Outbox entries already pending when it starts are reflected in what it reads, so they are
    marked processed afterwards; later ones stay for the sync worker.
    """
    if reason := await engine.repair():
        log.warning("rebuilding the search index from the database: %s", reason)
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


async def heal(database: Database, engine: SearchEngine) -> bool:
    """Rebuild the index if it is unreadable or lost (moved aside first); True when it was.

    Cheap when the index is sound; only the process that owns the writer does anything.
    """
    reason = await engine.repair()
    if reason is None:
        return False
    log.warning("search index damaged (%s); rebuilding it from the database", reason)
    count = await reindex(database, engine)
    log.warning("search index rebuilt: %d published practices", count)
    return True
