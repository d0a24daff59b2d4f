"""Choosing the search engine from settings."""

from __future__ import annotations

from gnlc_hub.config import Settings
from gnlc_hub.search.engine import SearchEngine, SearchEngineError, SearchEngineName
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from gnlc_hub.search.engines.meilisearch import MeilisearchEngine


def create_search_engine(settings: Settings) -> SearchEngine:
    """The embedded index in the data folder, or Meilisearch when it is configured."""
    if settings.resolved_search_engine == SearchEngineName.MEILISEARCH:
        if not settings.meili_url:
            raise SearchEngineError(
                "GNLC_SEARCH_ENGINE=meilisearch needs GNLC_MEILI_URL (e.g. http://127.0.0.1:7700)"
            )
        return MeilisearchEngine(settings.meili_url, settings.meili_key, settings.meili_index)
    return EmbeddedEngine(settings.index_dir)
