"""Announcing changes that other parts of the hub follow, in the writer's own transaction.

Domains call ``announce`` and know nothing else: the search package (today the only follower)
reads the outbox and decides what to reindex. The row commits or rolls back with the write
itself, so a follower can never miss a committed change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from gnlc_hub.db import Base, IntPk, UTCDateTime, utcnow

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


class OutboxEntry(IntPk, Base):
    """ "Practice N changed": written in the same transaction as the change itself.

    The sync worker reads the practice's *current* state when it drains an entry, so entries
    are idempotent and can be delivered twice or out of order without harm.
    """

    __tablename__ = "search_outbox"
    __table_args__ = (Index("ix_search_outbox_pending", "processed_at", "available_at"),)

    entity_type: Mapped[str] = mapped_column(String(40), default="practice")
    entity_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    available_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


PRACTICE = "practice"
CITY = "city"


def announce(session: AsyncSession, entity_type: str, entity_ids: Iterable[int]) -> int:
    """Record that these objects changed; returns how many rows were added.

    Call it from every write that changes what followers show (create, edit, tags, publish,
    unpublish, archive, a city's name or country). Followers read the *current* state when
    they act, so announcing twice, or for something they ignore, is harmless.
    """
    entries = [
        OutboxEntry(entity_type=entity_type, entity_id=entity_id)
        for entity_id in dict.fromkeys(entity_ids)
    ]
    session.add_all(entries)
    if entries:
        outbox_written.watch(session)
    return len(entries)
