"""Process-wide collaborators (database, settings, search) handed to each request."""

from __future__ import annotations

from dataclasses import dataclass

from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.monitoring.clock import SYSTEM_CLOCK, Clock
from gnlc_hub.search.engine import SearchEngine


@dataclass
class Services:
    settings: Settings
    database: Database
    search: SearchEngine
    # Today's date for deadlines; tests and benchmarks fix it (issue 8 moves it to core/clock).
    clock: Clock = SYSTEM_CLOCK
