"""An injectable clock: deadlines and "overdue" depend on today, and tests need a fixed today.

The lead is moving this to ``gnlc_hub/core/clock.py``; until then monitoring owns it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Protocol


class Clock(Protocol):
    def today(self) -> date: ...

    def now(self) -> datetime: ...


@dataclass(frozen=True)
class SystemClock:
    """The real date and time, in UTC (deadlines are calendar dates of the secretariat)."""

    def today(self) -> date:
        return self.now().date()

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class FixedClock:
    """Always the same day (noon UTC): for tests, benchmarks and "what if" demonstrations."""

    day: date

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime.combine(self.day, time(12), UTC)


SYSTEM_CLOCK = SystemClock()
