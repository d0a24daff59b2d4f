"""The sync worker: drains the search outbox into the engine, idempotently, with backoff.

An entry only says "practice N changed"; the worker reads the practice's current state, so
duplicates and reordering are harmless. A failed batch is retried entity by entity (one bad
document cannot hold the others back) and failed entries wait exponentially longer.

On PostgreSQL several workers can run: entries are claimed with ``FOR UPDATE SKIP LOCKED`` and
each practice is serialised with an advisory lock, all inside one transaction per batch. On
SQLite (one writer at a time) run a single worker; it reads, syncs, then records in a short
write transaction, so that it never holds the write lock while waiting for the engine.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Integer, bindparam, delete, func, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.changes import OutboxEntry, outbox_written
from gnlc_hub.db import Database, utcnow
from gnlc_hub.search.engine import SearchEngine, SearchEngineError
from gnlc_hub.search.indexing import outbox
from gnlc_hub.search.indexing.documents import DocumentBatch, load_documents, prepare_engine
from gnlc_hub.search.indexing.outbox import PRACTICE
from gnlc_hub.search.indexing.rebuild import heal

log = logging.getLogger("gnlc_hub.search.indexing.sync")

ADVISORY_NAMESPACE = 0x5EA7C4  # pg_advisory_xact_lock(namespace, practice id)
MAX_ERROR_LENGTH = 2000


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: ``base · 2^(attempts-1)`` seconds, capped, with ±10 % jitter."""

    base_seconds: float = 1.0
    max_seconds: float = 60.0

    def delay(self, attempts: int) -> timedelta:
        seconds = min(self.max_seconds, self.base_seconds * 2 ** max(0, attempts - 1))
        return timedelta(seconds=seconds * random.uniform(0.9, 1.1))


@dataclass
class SyncReport:
    """What a drain did; ``failed`` counts entries put back for a later retry."""

    entries: int = 0
    upserted: int = 0
    deleted: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: SyncReport) -> None:
        self.entries += other.entries
        self.upserted += other.upserted
        self.deleted += other.deleted
        self.failed += other.failed
        self.errors.extend(other.errors)


class OutboxSync:
    """Moves outbox entries into ``engine``; ``drain`` until nothing is due, or ``run`` forever."""

    def __init__(
        self,
        database: Database,
        engine: SearchEngine,
        *,
        batch_size: int = 200,
        poll_seconds: float = 2.0,
        retry: RetryPolicy | None = None,
        keep_processed: timedelta = timedelta(days=7),
    ) -> None:
        self.database = database
        self.engine = engine
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.retry = retry or RetryPolicy()
        self.keep_processed = keep_processed
        self._wake = asyncio.Event()
        # Set while waiting between passes: stopping then interrupts no batch.
        self.idle = asyncio.Event()
        self._last_prune: datetime | None = None
        self._prepared = False

    # -- one pass -----------------------------------------------------------------------------
    async def drain(self, *, max_batches: int | None = None) -> SyncReport:
        """Process due entries batch after batch until none is left (or a batch failed)."""
        report = SyncReport()
        batches = 0
        while max_batches is None or batches < max_batches:
            batch = await self.drain_batch()
            report.add(batch)
            batches += 1
            if batch.entries < self.batch_size or batch.failed:
                break
        return report

    async def drain_batch(self) -> SyncReport:
        async with self.database.sessions() as session:
            cities_changed = await outbox.city_changes_due(session)
        if cities_changed:  # a write transaction only when there is something to write
            async with self.database.transaction() as session:
                await outbox.expand_city_changes(session)
        if self.database.dialect == "postgresql":
            async with self.database.transaction() as session:
                entries = await self._claim(session, lock=True)
                if not entries:
                    return SyncReport()
                await self._lock_practices(session, entries)
                batch = await load_documents(session, _entity_ids(entries))
                return await self._push_and_record(entries, batch)
        # SQLite: read, push to the engine, then record in a short write transaction, so the
        # database's single write lock is never held while the engine works.
        async with self.database.sessions() as session:
            entries = await self._claim(session, lock=False)
            if not entries:
                return SyncReport()
            batch = await load_documents(session, _entity_ids(entries))
        report = await self._push_and_record(entries, batch)
        async with self.database.transaction() as session:
            session.add_all(entries)  # detached: their changed columns are flushed as UPDATEs
        return report

    async def _push_and_record(
        self, entries: Sequence[OutboxEntry], batch: DocumentBatch
    ) -> SyncReport:
        """Push the batch; if it fails, push practice by practice so only bad ones wait."""
        report = SyncReport(entries=len(entries))
        try:
            await self._push(batch)
        except SearchEngineError as error:
            # An engine that is down fails every practice alike: no point trying them one by one.
            if len(_entity_ids(entries)) == 1 or not (await self.engine.health()).ok:
                self._postpone(entries, error)
                report.failed = len(entries)
                report.errors.append(str(error))
                return report
            return await self._one_by_one(entries, batch)
        self._done(entries)
        report.upserted, report.deleted = len(batch.documents), len(batch.removed)
        return report

    async def _one_by_one(self, entries: Sequence[OutboxEntry], batch: DocumentBatch) -> SyncReport:
        report = SyncReport()
        documents = {document.id: document for document in batch.documents}
        for entity_id in _entity_ids(entries):
            mine = [entry for entry in entries if entry.entity_id == entity_id]
            single = DocumentBatch(
                [documents[entity_id]] if entity_id in documents else [],
                [entity_id] if entity_id not in documents else [],
            )
            report.add(await self._push_and_record(mine, single))
        return report

    async def _push(self, batch: DocumentBatch) -> None:
        await self.engine.upsert(batch.documents)
        await self.engine.delete(batch.removed)

    def _done(self, entries: Sequence[OutboxEntry]) -> None:
        now = utcnow()
        for entry in entries:
            entry.processed_at = now
            entry.last_error = None

    def _postpone(self, entries: Sequence[OutboxEntry], error: Exception) -> None:
        now = utcnow()
        for entry in entries:
            entry.attempts += 1
            entry.last_error = str(error)[:MAX_ERROR_LENGTH]
            entry.available_at = now + self.retry.delay(entry.attempts)

    async def _claim(self, session: AsyncSession, *, lock: bool) -> list[OutboxEntry]:
        statement = (
            select(OutboxEntry)
            .where(
                OutboxEntry.entity_type == PRACTICE,
                OutboxEntry.processed_at.is_(None),
                OutboxEntry.available_at <= utcnow(),
            )
            .order_by(OutboxEntry.id)
            .limit(self.batch_size)
        )
        if lock:
            statement = statement.with_for_update(skip_locked=True)
        return list(await session.scalars(statement))

    async def _lock_practices(self, session: AsyncSession, entries: Sequence[OutboxEntry]) -> None:
        """Serialise workers per practice: one statement, locks taken in id order (no deadlock)."""
        ids = bindparam("ids", _entity_ids(entries), type_=postgresql.ARRAY(Integer))
        practice_id = func.unnest(ids).column_valued("practice_id")
        await session.execute(select(func.pg_advisory_xact_lock(ADVISORY_NAMESPACE, practice_id)))

    # -- housekeeping -------------------------------------------------------------------------
    async def prune(self) -> int:
        """Forget entries processed longer ago than ``keep_processed``."""
        async with self.database.transaction() as session:
            result = await session.execute(
                delete(OutboxEntry).where(
                    OutboxEntry.processed_at.is_not(None),
                    OutboxEntry.processed_at < utcnow() - self.keep_processed,
                )
            )
        self._last_prune = utcnow()
        return int(result.rowcount or 0)

    async def retry_now(self) -> int:
        """Make every postponed entry due at once (after an engine outage was fixed)."""
        async with self.database.transaction() as session:
            result = await session.execute(
                update(OutboxEntry)
                .where(OutboxEntry.processed_at.is_(None))
                .values(available_at=utcnow())
            )
        return int(result.rowcount or 0)

    # -- forever ------------------------------------------------------------------------------
    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        """Drain whenever woken (a commit wrote outbox rows) and at least every poll interval;
        first rebuild the index if it was found damaged or lost.

        While passes fail (engine or database down) the worker backs off exponentially and
        logs one line when the failure streak starts and one when it ends.
        """
        unsubscribe = outbox_written.subscribe(self.wake)
        streak = FailureStreak(self.retry)
        try:
            while True:
                self._wake.clear()
                problem = await self._pass(probe=streak.failures > 0)
                pause = streak.record(problem)
                self.idle.set()
                if pause is None:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
                else:  # failing: wake-ups from commits do not shorten the backoff
                    await asyncio.sleep(pause)
                self.idle.clear()
        finally:
            unsubscribe()

    async def _pass(self, *, probe: bool) -> BaseException | str | None:
        """One pass of the loop; what went wrong, if anything (the loop outlives any failure).

        With ``probe`` (failing so far) a pass that found nothing due asks the engine whether
        it is back, so postponed entries not being due yet is not mistaken for a recovery.
        """
        try:
            if not self._prepared:
                await prepare_engine(self.database, self.engine)
                self._prepared = True
            await heal(self.database, self.engine)
            report = await self.drain()
            if report.upserted or report.deleted:
                log.info(
                    "search sync: %d entries, %d upserted, %d deleted, %d postponed",
                    report.entries,
                    report.upserted,
                    report.deleted,
                    report.failed,
                )
            if self._prune_due():
                await self.prune()
        except Exception as error:
            return error
        if report.failed:
            return f"{report.failed} of {report.entries} entries postponed: {report.errors[0]}"
        if probe and not report.entries:
            health = await self.engine.health()
            return None if health.ok else health.detail
        return None

    def _prune_due(self) -> bool:
        return self._last_prune is None or utcnow() - self._last_prune > timedelta(hours=1)


# Failures expected in operation (a server down or restarting): one line, no traceback.
EXPECTED_FAILURES = (SearchEngineError, DBAPIError, OSError)


class FailureStreak:
    """Consecutive failed passes of the sync loop: how long to wait, and what to log.

    Logging every failed pass turned an engine outage into a traceback every two seconds;
    a streak is logged when it starts and when it ends, the waits double up to the cap.
    """

    def __init__(self, retry: RetryPolicy) -> None:
        self.retry = retry
        self.failures = 0
        self._started = 0.0

    def record(self, problem: BaseException | str | None) -> float | None:
        """Note a pass's outcome; the seconds to wait before the next one when failing."""
        if problem is None:
            if self.failures:
                log.warning(
                    "search sync recovered after %d failed passes in %.0f s",
                    self.failures,
                    time.monotonic() - self._started,
                )
            self.failures = 0
            return None
        self.failures += 1
        if self.failures == 1:
            self._started = time.monotonic()
            self._log_start(problem)
        else:
            log.debug("search sync still failing (%d passes): %s", self.failures, problem)
        return self.retry.delay(self.failures).total_seconds()

    def _log_start(self, problem: BaseException | str) -> None:
        cap = self.retry.max_seconds
        if isinstance(problem, BaseException) and not isinstance(problem, EXPECTED_FAILURES):
            log.error(
                "search sync pass failed; retrying with backoff (up to %ss)",
                cap,
                exc_info=problem,
            )
            return
        reason = str(problem).splitlines()[0] if str(problem) else type(problem).__name__
        log.warning(
            "search sync failing (%s); retrying with backoff up to %ss, next line when it recovers",
            reason,
            cap,
        )


def _entity_ids(entries: Sequence[OutboxEntry]) -> list[int]:
    return sorted({entry.entity_id for entry in entries})


class BackgroundSync:
    """The in-process worker of a server: started and stopped by the app's lifespan."""

    def __init__(self, sync: OutboxSync) -> None:
        self.sync = sync
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.sync.run(), name="gnlc-search-sync")

    async def stop(self, *, grace_seconds: float = 10.0) -> None:
        """Let a batch in progress finish (up to ``grace_seconds``), then stop."""
        task, self._task = self._task, None
        if task is not None:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(grace_seconds):
                    # Re-checked after every wake-up: the loop may have started a pass since.
                    while not self.sync.idle.is_set():
                        await self.sync.idle.wait()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
