"""Nothing lost: the outbox and the sync worker keep the index equal to the database.

Fault tests wrap a real engine in ``FaultInjectingEngine`` (outages, failures mid-batch,
refused documents) and replay deliveries; whatever happens, once the engine is back and the
outbox drained, the index holds exactly the published practices.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.changes import PRACTICE, OutboxEntry, announce, outbox_written
from gnlc_hub.db import Database, utcnow
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice
from gnlc_hub.search.engine import SearchEngine, SearchRequest
from gnlc_hub.search.indexing import outbox
from gnlc_hub.search.indexing.rebuild import reindex
from gnlc_hub.search.indexing.sync import OutboxSync, RetryPolicy
from tests.engines import EngineFactory, reopen
from tests.search.faults import FaultInjectingEngine

IMMEDIATE = RetryPolicy(base_seconds=0, max_seconds=0)


async def published(session: AsyncSession) -> set[int]:
    return set(
        await session.scalars(
            select(Practice.id).where(Practice.status == PracticeStatus.PUBLISHED)
        )
    )


async def change(session: AsyncSession, practice_id: int, **values: object) -> None:
    """A practice write the way services do it: the change and its outbox row, one commit."""
    practice = await session.get(Practice, practice_id)
    assert practice is not None
    for name, value in values.items():
        setattr(practice, name, value)
    announce(session, PRACTICE, [practice_id])
    await session.commit()


async def pending(session: AsyncSession) -> list[OutboxEntry]:
    session.expire_all()
    return list(
        await session.scalars(
            select(OutboxEntry).where(OutboxEntry.processed_at.is_(None)).order_by(OutboxEntry.id)
        )
    )


async def indexed_like_database(engine: SearchEngine, session: AsyncSession) -> None:
    assert await engine.document_ids() == await published(session)


async def seeded_copy(new_engine: EngineFactory, database: Database) -> SearchEngine:
    engine = await new_engine()
    await reindex(database, engine)
    return engine


async def test_the_outbox_row_commits_or_rolls_back_with_the_write(session: AsyncSession):
    practice_id = min(await published(session))
    before = len(await pending(session))
    transaction = await session.begin_nested()
    announce(session, PRACTICE, [practice_id])
    await transaction.rollback()
    assert len(await pending(session)) == before
    announce(session, PRACTICE, [practice_id])
    await session.commit()
    assert [e.entity_id for e in await pending(session)][before:] == [practice_id]


async def test_a_commit_that_wrote_outbox_rows_wakes_the_worker(session: AsyncSession):
    calls: list[str] = []
    unsubscribe = outbox_written.subscribe(lambda: calls.append("woken"))
    try:
        await session.commit()
        assert calls == []
        announce(session, PRACTICE, [min(await published(session))])
        await session.commit()
        assert calls == ["woken"]
    finally:
        unsubscribe()


async def test_unpublishing_and_archiving_remove_practices(
    new_engine: EngineFactory, database: Database, session: AsyncSession
):
    engine = await seeded_copy(new_engine, database)
    first, second, third = sorted(await published(session))[:3]
    await change(session, first, status=PracticeStatus.ARCHIVED)
    await change(session, second, status=PracticeStatus.CHANGES_REQUESTED)
    await change(session, third, title="Night school for river pilots")
    report = await OutboxSync(database, engine).drain()
    assert (report.entries, report.upserted, report.deleted) == (3, 1, 2)
    await indexed_like_database(engine, session)
    hits = (await engine.search(SearchRequest(query="river pilots"))).hits
    assert [hit.id for hit in hits] == [third]
    await change(session, first, status=PracticeStatus.PUBLISHED)
    await OutboxSync(database, engine).drain()
    await indexed_like_database(engine, session)
    assert await pending(session) == []


async def test_writes_succeed_while_the_engine_is_down_and_the_index_catches_up(
    new_engine: EngineFactory, database: Database, session: AsyncSession
):
    engine = FaultInjectingEngine(await seeded_copy(new_engine, database))
    engine.down = True
    victims = sorted(await published(session))[:4]
    for practice_id in victims:
        await change(session, practice_id, status=PracticeStatus.ARCHIVED)
    sync = OutboxSync(database, engine, retry=RetryPolicy(base_seconds=30, max_seconds=60))
    report = await sync.drain()
    assert report.failed == 4
    assert engine.write_calls == 1  # an engine that is down is not asked practice by practice
    waiting = await pending(session)
    assert [entry.attempts for entry in waiting] == [1, 1, 1, 1]
    assert all("unreachable" in (entry.last_error or "") for entry in waiting)
    assert all(entry.available_at > entry.created_at for entry in waiting)
    assert (await sync.drain()).entries == 0  # backing off: nothing is due yet
    async with database.sessions() as reader:
        lag = await outbox.outbox_lag(reader)
    assert (lag.pending, lag.failing) == (4, 4)

    engine.down = False
    await sync.retry_now()
    report = await sync.drain()
    assert (report.entries, report.deleted, report.failed) == (4, 4, 0)
    await indexed_like_database(engine, session)
    assert await pending(session) == []


async def test_a_failure_mid_batch_is_retried_practice_by_practice(
    new_engine: EngineFactory, database: Database, session: AsyncSession
):
    engine = FaultInjectingEngine(await seeded_copy(new_engine, database))
    edited = sorted(await published(session))[:6]
    for number, practice_id in enumerate(edited):
        await change(session, practice_id, title=f"Edited practice {number}")
    engine.fail_after_documents = 2
    report = await OutboxSync(database, engine, retry=IMMEDIATE).drain()
    assert (report.entries, report.upserted, report.failed) == (6, 6, 0)
    await indexed_like_database(engine, session)
    assert len((await engine.search(SearchRequest(query="edited practice"))).hits) == 6


async def test_a_refused_document_does_not_hold_back_the_others(
    new_engine: EngineFactory, database: Database, session: AsyncSession
):
    engine = FaultInjectingEngine(await seeded_copy(new_engine, database))
    bad, *good = sorted(await published(session))[:4]
    for practice_id in (bad, *good):
        await change(session, practice_id, title="Refreshed title")
    engine.refused_ids = {bad}
    report = await OutboxSync(database, engine, retry=IMMEDIATE).drain()
    assert (report.upserted, report.failed) == (3, 1)
    (stuck,) = await pending(session)
    assert stuck.entity_id == bad
    assert "refused" in (stuck.last_error or "")
    engine.refused_ids = set()
    await OutboxSync(database, engine, retry=IMMEDIATE).drain()
    assert await pending(session) == []


async def test_duplicate_and_replayed_deliveries_are_harmless(
    new_engine: EngineFactory, database: Database, session: AsyncSession
):
    engine = await seeded_copy(new_engine, database)
    practice_id = min(await published(session))
    await change(session, practice_id, title="Twice told tales")
    announce(session, PRACTICE, [practice_id])
    announce(session, PRACTICE, [practice_id])
    await session.commit()
    sync = OutboxSync(database, engine)
    assert (await sync.drain()).entries == 3
    await session.execute(update(OutboxEntry).values(processed_at=None))  # replay everything
    await session.commit()
    await sync.drain()
    await indexed_like_database(engine, session)
    hits = (await engine.search(SearchRequest(query="twice told tales"))).hits
    assert [hit.id for hit in hits] == [practice_id]


async def test_a_restarted_engine_catches_up(
    new_engine: EngineFactory, database: Database, session: AsyncSession
):
    engine = await seeded_copy(new_engine, database)
    first, second = sorted(await published(session))[:2]
    await change(session, first, status=PracticeStatus.ARCHIVED)
    await engine.close()  # the process stops before the worker ran
    restarted = reopen(engine)
    try:
        await change(session, second, status=PracticeStatus.ARCHIVED)
        await OutboxSync(database, restarted).drain()
        await indexed_like_database(restarted, session)
    finally:
        await restarted.close()


async def test_a_random_history_with_outages_ends_equal_to_the_database(
    new_engine: EngineFactory, database: Database, session: AsyncSession
):
    engine = FaultInjectingEngine(await seeded_copy(new_engine, database))
    sync = OutboxSync(database, engine, batch_size=7, retry=IMMEDIATE)
    chance = random.Random(20240611)
    practice_ids = sorted(
        await session.scalars(select(Practice.id).order_by(Practice.id).limit(20))
    )
    statuses = [PracticeStatus.PUBLISHED, PracticeStatus.ARCHIVED, PracticeStatus.DRAFT]
    for step in range(60):
        practice_id = chance.choice(practice_ids)
        await change(session, practice_id, status=chance.choice(statuses), title=f"Step {step}")
        if chance.random() < 0.3:
            announce(session, PRACTICE, [practice_id])  # a duplicate delivery
            await session.commit()
        engine.down = chance.random() < 0.3
        if not engine.down and chance.random() < 0.3:
            engine.fail_after_documents = chance.randint(0, 3)
        if chance.random() < 0.5:
            await sync.drain()
    engine.down = False
    engine.fail_after_documents = None
    await sync.retry_now()
    await sync.drain()
    await indexed_like_database(engine, session)
    assert await pending(session) == []
    rows = await session.execute(
        select(Practice.id, Practice.title).where(Practice.status == PracticeStatus.PUBLISHED)
    )
    titles = dict(rows.all())
    for practice_id in set(practice_ids) & set(titles):
        hits = (await engine.search(SearchRequest(query=titles[practice_id], limit=100))).hits
        assert practice_id in {hit.id for hit in hits}


async def test_processed_entries_are_pruned_after_the_retention(
    new_engine: EngineFactory, database: Database, session: AsyncSession
):
    engine = await seeded_copy(new_engine, database)
    await change(session, min(await published(session)), title="Pruned later")
    sync = OutboxSync(database, engine)
    await sync.drain()
    assert await sync.prune() == 0  # processed just now: kept for a week
    await session.execute(update(OutboxEntry).values(processed_at=utcnow() - timedelta(days=8)))
    await session.commit()
    assert await sync.prune() >= 1
    assert await pending(session) == []
