"""When each token was last used: noted in memory by requests, written in batches off their path.

A request never writes for bookkeeping: writing `last_used_at` inside the request made every
authenticated read a write (SQLite has one writer) and a failed write a bare HTTP 500. The
server's lifespan runs `run()`; a failed batch is logged and retried, never reported to a client.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta

from sqlalchemy import or_, update

from gnlc_hub.auth.models import ApiToken
from gnlc_hub.db import Database, utcnow

log = logging.getLogger("gnlc_hub.auth.usage")

# How precisely `last_used_at` is kept: one write per token and interval, not per request.
LAST_USE_RESOLUTION = timedelta(minutes=5)


class TokenUsage:
    """Coalesces "token N was used now" into one UPDATE per flush."""

    def __init__(
        self,
        database: Database,
        *,
        flush_seconds: float = 2.0,
        resolution: timedelta = LAST_USE_RESOLUTION,
    ) -> None:
        self.database = database
        self.flush_seconds = flush_seconds
        self.resolution = resolution
        self._pending: dict[int, datetime] = {}
        # Last time each token was noted by this process: at most one write per resolution.
        self._noted: dict[int, datetime] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def note(self, token_id: int | None) -> None:
        """Cheap and synchronous: called once per authenticated request."""
        if token_id is None:
            return
        now = utcnow()
        last = self._noted.get(token_id)
        if last is not None and now - last <= self.resolution:
            return
        self._noted[token_id] = now
        self._pending[token_id] = now
        self._wake.set()

    async def flush(self) -> int:
        """Write what was noted; on failure keep it for the next flush. Returns tokens written."""
        pending, self._pending = self._pending, {}
        if not pending:
            return 0
        # One statement for the batch: the times differ by less than a flush interval.
        when = max(pending.values())
        try:
            async with self.database.transaction() as session:
                await session.execute(
                    update(ApiToken)
                    .where(
                        ApiToken.id.in_(sorted(pending)),
                        or_(
                            ApiToken.last_used_at.is_(None),
                            ApiToken.last_used_at < when - self.resolution,
                        ),
                    )
                    .values(last_used_at=when)
                    .execution_options(synchronize_session=False)
                )
        except Exception as error:  # bookkeeping must never fail a request or the server
            log.warning("could not note token use (%s); will retry", error)
            for token_id, when in pending.items():
                self._pending.setdefault(token_id, when)
            return 0
        return len(pending)

    async def run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            await self.flush()
            await asyncio.sleep(self.flush_seconds)

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="gnlc-token-usage")

    async def stop(self) -> None:
        """Stop the loop and write what is left."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.flush()
