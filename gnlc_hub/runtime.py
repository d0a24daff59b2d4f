"""Process-wide collaborators (settings, database, search, clock) handed to each request."""

from __future__ import annotations

from dataclasses import dataclass, field

from gnlc_hub.config import Settings
from gnlc_hub.core.clock import SYSTEM_CLOCK, Clock
from gnlc_hub.db import Database
from gnlc_hub.search.engine import SearchEngine


@dataclass
class Runtime:
    settings: Settings
    database: Database
    search: SearchEngine
    clock: Clock = field(default=SYSTEM_CLOCK)
