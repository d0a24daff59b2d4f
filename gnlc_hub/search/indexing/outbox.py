"""The search side of the outbox: what a change means for the index, and how far it lags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.changes import CITY, PRACTICE, OutboxEntry, announce
from gnlc_hub.db import utcnow
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice


async def city_changes_due(session: AsyncSession) -> bool:
    """Whether any city change waits to be expanded (a cheap read before taking a write lock)."""
    statement = select(OutboxEntry.id).where(
        OutboxEntry.entity_type == CITY, OutboxEntry.processed_at.is_(None)
    )
    return await session.scalar(statement.limit(1)) is not None


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


# Beyond this many, the index is too far behind to correct counts query by query.
MAX_STALE_IDS = 5_000


async def stale_ids(session: AsyncSession) -> list[int]:
    """Practices the index may still hold although search must not show or count them: changed
    since the worker last caught up and no longer published (or deleted). Small while the
    index keeps up: only practices with unprocessed outbox entries are looked at."""
    changed = (
        select(OutboxEntry.entity_id)
        .where(OutboxEntry.entity_type == PRACTICE, OutboxEntry.processed_at.is_(None))
        .distinct()
        .subquery()
    )
    statement = (
        select(changed.c.entity_id)
        .outerjoin(Practice, Practice.id == changed.c.entity_id)
        .where(or_(Practice.id.is_(None), Practice.status != PracticeStatus.PUBLISHED))
        .order_by(changed.c.entity_id)
        .limit(MAX_STALE_IDS)
    )
    return list(await session.scalars(statement))


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
    oldest_failing_at: datetime | None = None

    @property
    def oldest_pending_seconds(self) -> float:
        return _age(self.oldest_pending_at)

    @property
    def oldest_failing_seconds(self) -> float:
        """How long the longest-failing entry has waited: a stuck index, not a busy one."""
        return _age(self.oldest_failing_at)

    def as_json(self) -> dict[str, object]:
        return {
            "pending": self.pending,
            "failing": self.failing,
            "oldestPendingSeconds": round(self.oldest_pending_seconds, 3),
            "oldestFailingSeconds": round(self.oldest_failing_seconds, 3),
        }


def _age(moment: datetime | None) -> float:
    return 0.0 if moment is None else max(0.0, (utcnow() - moment).total_seconds())


def _timestamp(value: datetime | str | None) -> datetime | None:
    if isinstance(value, str):  # SQLite hands aggregate timestamps back as text
        value = datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


async def outbox_lag(session: AsyncSession) -> OutboxLag:
    """Pending entries, those that already failed at least once, and the age of the oldest."""
    failed = OutboxEntry.attempts > 0
    pending, failing, oldest, oldest_failing = (
        await session.execute(
            select(
                func.count(OutboxEntry.id),
                func.count(OutboxEntry.id).filter(failed),
                func.min(OutboxEntry.created_at),
                func.min(OutboxEntry.created_at).filter(failed),
            ).where(OutboxEntry.processed_at.is_(None))
        )
    ).one()
    return OutboxLag(pending, failing, _timestamp(oldest), _timestamp(oldest_failing))
