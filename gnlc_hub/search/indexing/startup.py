"""Search in a server's life: set up at start-up, reported by ``/ready``."""

from __future__ import annotations

import logging

from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.search.engine import EngineHealth, SearchEngine, SearchEngineError
from gnlc_hub.search.indexing.documents import prepare_engine
from gnlc_hub.search.indexing.outbox import outbox_lag
from gnlc_hub.search.indexing.sync import BackgroundSync

log = logging.getLogger("gnlc_hub.search")


async def start_search(
    settings: Settings, database: Database, engine: SearchEngine, background: BackgroundSync
) -> None:
    """Prepare the engine and start the in-process sync worker when configured.

    An engine that is down does not stop the server: writes keep landing in the outbox and
    the worker (which prepares the engine again before its first pass) catches up later.
    """
    try:
        await prepare_engine(database, engine)
    except SearchEngineError as error:
        log.warning("search engine not ready at start-up (%s); the sync worker will retry", error)
    if not settings.sync_worker:
        return
    if await engine.claim_writer():
        background.start()
    else:
        log.info("another process writes the %s index; not starting a sync worker", engine.name)


async def search_readiness(
    database: Database, engine: SearchEngine, health: EngineHealth
) -> dict[str, object]:
    """Engine, indexed documents and outbox lag: what `/ready` shows about search."""
    report: dict[str, object] = {"engine": engine.name.value, "documents": health.documents}
    try:
        async with database.sessions() as session:
            report["outbox"] = (await outbox_lag(session)).as_json()
    except Exception as error:  # the database check above already reports the cause
        report["outbox"] = f"unknown: {type(error).__name__}"
    return report
