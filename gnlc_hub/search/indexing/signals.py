"""Wakes the in-process sync worker as soon as a transaction that wrote outbox rows commits."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

_WROTE_OUTBOX = "gnlc_search_outbox_written"


class OutboxSignal:
    """A process-wide "new outbox rows committed" notification; polling remains the fallback."""

    def __init__(self) -> None:
        self._subscribers: list[Callable[[], None]] = []
        event.listen(Session, "after_commit", self._committed)
        event.listen(Session, "after_rollback", self._rolled_back)

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` after each such commit; returns the function that unsubscribes."""
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback)

    def watch(self, session: AsyncSession) -> None:
        session.sync_session.info[_WROTE_OUTBOX] = True

    def _committed(self, session: Session) -> None:
        if session.info.pop(_WROTE_OUTBOX, False):
            for callback in list(self._subscribers):
                callback()

    def _rolled_back(self, session: Session) -> None:
        session.info.pop(_WROTE_OUTBOX, None)


outbox_written = OutboxSignal()
