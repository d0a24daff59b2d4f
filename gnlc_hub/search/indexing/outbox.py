"""The search side of the outbox: what a change means for the index, and how far it lags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.changes import CITY, PRACTICE, OutboxEntry, announce
from gnlc_hub.db import utcnow
from gnlc_hub.practices.models import Practice


async def expand_city_changes(session: AsyncSession) -> int:
    """A city's name or country changed: each of its practices' documents must be rebuilt.

    Turns due city entries into practice entries (search decides what a city change means);
    on PostgreSQL the rows are claimed with SKIP LOCKED so two workers never expand one twice.
    """
    statement = select(OutboxEntry).where(
        OutboxEntry.entity_type == CITY, OutboxEntry.processed_at.is_(None)
    )
    if session.bind is not None and session.bind.dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True)
    entries = list(await session.scalars(statement))
    if not entries:
        return 0
    city_ids = [entry.entity_id for entry in entries]
    practice_ids = await session.scalars(
        select(Practice.id).where(Practice.city_id.in_(city_ids)).order_by(Practice.id)
    )
    added = announce(session, PRACTICE, practice_ids)
    now = utcnow()
    for entry in entries:
        entry.processed_at = now
    return added


async def enqueue_all_practices(session: AsyncSession) -> int:
    """After a bulk load (seeding): let the worker bring the index in line with the database."""
    return announce(
        session, PRACTICE, await session.scalars(select(Practice.id).order_by(Practice.id))
    )


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
