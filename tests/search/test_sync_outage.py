"""An engine outage seen from the sync loop: backoff, and one log line per failure streak.

Measured before this loop existed: 2 782 log lines in 50 s with the engine down (a traceback
every pass). These tests count log records and retry delays, never wall-clock time.
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.db import Database
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.search.engine import SearchEngineError
from gnlc_hub.search.indexing.sync import BackgroundSync, FailureStreak, OutboxSync, RetryPolicy
from tests.engines import EngineFactory
from tests.search.faults import FaultInjectingEngine
from tests.search.test_server import wait_until
from tests.search.test_sync import change, indexed_like_database, published, seeded_copy

LOGGER = "gnlc_hub.search.sync"
# Tiny delays so that a streak of many failed passes happens within the bounded wait.
FAST = RetryPolicy(base_seconds=0.001, max_seconds=0.004)


def test_waits_double_while_failing_up_to_the_cap_and_reset_on_success():
    streak = FailureStreak(RetryPolicy(base_seconds=1, max_seconds=60))
    waits = [streak.record(SearchEngineError("down")) for _ in range(9)]
    expected = [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert all(0.9 * e <= w <= 1.1 * e for w, e in zip(waits, expected, strict=True)), waits
    assert streak.record(None) is None
    assert streak.failures == 0
    assert 0.9 <= (streak.record(SearchEngineError("down again")) or 0) <= 1.1


def test_a_streak_logs_when_it_starts_and_when_it_ends(caplog: pytest.LogCaptureFixture):
    streak = FailureStreak(FAST)
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        for _ in range(50):
            streak.record(SearchEngineError("Meilisearch at http://127.0.0.1:1: refused\nmore"))
        streak.record(None)
        streak.record(None)
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(loud) == 2
    assert loud[0].getMessage().startswith("search sync failing (")
    assert loud[1].getMessage().startswith("search sync recovered after 50 failed passes")
    assert "refused" in loud[0].getMessage()
    assert "more" not in loud[0].getMessage()  # one line
    assert all(r.exc_info is None for r in loud)  # an outage is not a bug: no traceback


def test_an_unexpected_error_keeps_its_traceback_once(caplog: pytest.LogCaptureFixture):
    streak = FailureStreak(FAST)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        for _ in range(5):
            streak.record(KeyError("a bug"))
    (record,) = caplog.records
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None


async def test_the_loop_backs_off_quietly_through_an_outage_and_catches_up(
    new_engine: EngineFactory,
    database: Database,
    session: AsyncSession,
    caplog: pytest.LogCaptureFixture,
):
    engine = FaultInjectingEngine(await seeded_copy(new_engine, database))
    engine.down = True
    victim = min(await published(session))
    await change(session, victim, status=PracticeStatus.ARCHIVED)
    sync = OutboxSync(database, engine, poll_seconds=0.001, retry=FAST)
    with caplog.at_level(logging.INFO, logger=LOGGER):
        background = BackgroundSync(sync)
        background.start()
        try:

            async def many_failures() -> bool:
                return engine.refused_calls >= 20

            assert await wait_until(many_failures)
            during = [r for r in caplog.records if r.levelno >= logging.WARNING]
            assert len(during) == 1, [r.getMessage() for r in during]
            assert "simulated" in during[0].getMessage()

            engine.down = False  # postponed entries come due within FAST's few milliseconds

            async def caught_up() -> bool:
                return victim not in await engine.document_ids()

            assert await wait_until(caught_up)
            assert await wait_until(lambda: _logged(caplog, "recovered"))
        finally:
            await background.stop()  # between passes, so no transaction is cut short
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(loud) == 2, loud
    assert loud[1].startswith("search sync recovered after ")
    await indexed_like_database(engine, session)


async def _logged(caplog: pytest.LogCaptureFixture, word: str) -> bool:
    return any(word in record.getMessage() for record in caplog.records)
