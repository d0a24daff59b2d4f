"""Now, as the hub's rules see it: deadlines, alliance dates, token expiry.

Rules ask ``clock.now()`` / ``clock.today()`` instead of the system time, so a caller (the API
for a request, a test) can say what "now" is. The API runs each request under the clock its
``Runtime`` holds; without one it is the system's UTC time. Row bookkeeping (``created_at``
column defaults) keeps the database-side ``db.utcnow``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime


class Clock:
    """The system's UTC time unless pinned to a moment."""

    def __init__(self, pinned: datetime | None = None) -> None:
        self._pinned = pinned

    def now(self) -> datetime:
        return self._pinned if self._pinned is not None else datetime.now(UTC)

    def today(self) -> date:
        return self.now().date()

    @contextmanager
    def pinned(self, moment: datetime) -> Iterator[Clock]:
        """Hold "now" at ``moment`` for the block (tests, replays)."""
        before, self._pinned = self._pinned, moment
        try:
            yield self
        finally:
            self._pinned = before


SYSTEM_CLOCK = Clock()
_current: ContextVar[Clock] = ContextVar("gnlc_clock", default=SYSTEM_CLOCK)


def use(clock: Clock) -> None:
    """Make ``clock`` the one rules read in this context (a request's, from its start)."""
    _current.set(clock)


def now() -> datetime:
    return _current.get().now()


def today() -> date:
    return _current.get().today()
