"""Preparing an engine for use: its settings come from the database (theme synonyms)."""

from __future__ import annotations

from gnlc_hub.db import Database
from gnlc_hub.search.engine import SearchEngine
from gnlc_hub.search.indexing.documents import index_settings


async def prepare_engine(database: Database, engine: SearchEngine) -> None:
    """Create the index if needed and apply the current settings (idempotent, cheap)."""
    async with database.sessions() as session:
        settings = await index_settings(session)
    await engine.ensure_index(settings)
