"""The search outbox: every practice write records "practice N changed" in its own transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.db import utcnow
from gnlc_hub.practices.models import Practice
from gnlc_hub.search.indexing.models import OutboxEntry
from gnlc_hub.search.indexing.signals import outbox_written

PRACTICE = "practice"


def enqueue(session: AsyncSession, practice_id: int) -> None:
    """Record that practice ``practice_id`` changed, in the caller's transaction.

    Call it from every write that changes what search shows of a practice (create, edit, tags,
    publish, unpublish, archive, delete). The row commits or rolls back with the write itself,
    so the index can never miss a committed change; the sync worker later reads the practice's
    current state, so calling this twice, or for a practice that is not published, is harmless.
    """
    enqueue_many(session, (practice_id,))


def enqueue_many(session: AsyncSession, practice_ids: Iterable[int]) -> int:
    """``enqueue`` for several practices at once; returns how many rows were added."""
    entries = [
        OutboxEntry(entity_type=PRACTICE, entity_id=pid) for pid in dict.fromkeys(practice_ids)
    ]
    session.add_all(entries)
    if entries:
        outbox_written.watch(session)
    return len(entries)


async def enqueue_practices_of_city(session: AsyncSession, city_id: int) -> int:
    """A city's name or country changed: its practices' documents must be rebuilt."""
    ids = await session.scalars(select(Practice.id).where(Practice.city_id == city_id))
    return enqueue_many(session, ids)


async def enqueue_all_practices(session: AsyncSession) -> int:
    """After a bulk load (seeding): let the worker bring the index in line with the database."""
    return enqueue_many(session, await session.scalars(select(Practice.id).order_by(Practice.id)))


async def pending_ids(session: AsyncSession) -> list[int]:
    """Entries not processed yet (all of them committed, since this session can see them)."""
    return list(
        await session.scalars(select(OutboxEntry.id).where(OutboxEntry.processed_at.is_(None)))
    )


async def mark_processed(session: AsyncSession, entry_ids: Sequence[int]) -> None:
    """A full reindex read the database after these entries committed: they are done."""
    now = utcnow()
    for start in range(0, len(entry_ids), 1000):
        await session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.id.in_(entry_ids[start : start + 1000]))
            .values(processed_at=now, last_error=None)
        )


@dataclass(frozen=True)
class OutboxLag:
    """How far the index is behind the database, as ``/ready`` reports it."""

    pending: int
    failing: int
    oldest_pending_at: datetime | None

    @property
    def oldest_pending_seconds(self) -> float:
        if self.oldest_pending_at is None:
            return 0.0
        return max(0.0, (utcnow() - self.oldest_pending_at).total_seconds())

    def as_json(self) -> dict[str, object]:
        return {
            "pending": self.pending,
            "failing": self.failing,
            "oldestPendingSeconds": round(self.oldest_pending_seconds, 3),
        }


async def outbox_lag(session: AsyncSession) -> OutboxLag:
    """Pending entries, those that already failed at least once, and the age of the oldest."""
    pending, failing, oldest = (
        await session.execute(
            select(
                func.count(OutboxEntry.id),
                func.count(OutboxEntry.id).filter(OutboxEntry.attempts > 0),
                func.min(OutboxEntry.created_at),
            ).where(OutboxEntry.processed_at.is_(None))
        )
    ).one()
    if isinstance(oldest, str):  # SQLite hands aggregate timestamps back as text
        oldest = datetime.fromisoformat(oldest)
    return OutboxLag(pending=pending, failing=failing, oldest_pending_at=oldest)
