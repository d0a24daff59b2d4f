"""Process-wide collaborators (database, settings, search) handed to each request."""

from __future__ import annotations

from dataclasses import dataclass

from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.search.engine import SearchEngine


@dataclass
class Runtime:
    settings: Settings
    database: Database
    search: SearchEngine
