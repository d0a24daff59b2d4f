"""Per-request state: one serialised database session, the viewer and the DataLoaders."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from gnlc_hub.core.viewer import ANONYMOUS, Viewer
from gnlc_hub.db import Database

if TYPE_CHECKING:
    from gnlc_hub.runtime import Runtime

T = TypeVar("T")
LoadersFactory = Callable[["RequestDb", Viewer], Any]


class RequestDb:
    """One session per request, used by one coroutine at a time.

    Strawberry resolves sibling fields concurrently and an AsyncSession must not be shared by
    concurrent coroutines, so every use goes through one lock. DataLoaders batch the queries,
    so the lock costs little while keeping per-test transactions and identity maps intact.
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        self._session: AsyncSession | None = None
        self._lock = asyncio.Lock()

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            self._session = self._database.sessions()
        return self._session

    async def rows(self, statement: Select[Any]) -> Sequence[Any]:
        return await self.run(lambda session: _all(session.execute(statement)))

    async def scalars(self, statement: Select[Any]) -> Sequence[Any]:
        return await self.run(lambda session: _all(session.scalars(statement)))

    async def scalar(self, statement: Select[Any]) -> Any:
        return await self.run(lambda session: session.scalar(statement))

    async def run(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """Run a service function that takes a session, with the request's session.

        The request's first statement may meet a pooled connection the server has dropped
        (a restart, an idle timeout): nothing has run yet, so it runs again on a new one.
        """
        async with self._lock:
            fresh = not self.session.in_transaction()  # no statement has run on it yet
            try:
                return await work(self.session)
            except DBAPIError as error:
                if not (fresh and error.connection_invalidated):
                    raise
                await self.abandon()
                return await work(self.session)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """The request's unit of work: commit when the block succeeds, roll back otherwise."""
        async with self._lock, self._database.transaction(self.session) as session:
            yield session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def abandon(self) -> None:
        """Give the session back when its connection may be gone (dropped by the server, or
        closed under a statement the deadline cancelled): a failure to roll back is expected
        then, and SQLAlchemy discards such a connection instead of pooling it."""
        session, self._session = self._session, None
        if session is not None:
            with contextlib.suppress(DBAPIError):
                await session.close()


async def _all(result: Awaitable[Any]) -> Sequence[Any]:
    return (await result).all()


@dataclass
class Context:
    """``info.context`` of every resolver."""

    request: Request | WebSocket | None
    response: Response | None
    db: RequestDb
    runtime: Runtime
    loaders_factory: LoadersFactory
    viewer: Viewer = ANONYMOUS
    raw_json: bool = False
    """True where the answer is encoded with orjson (HTTP): JSON built in SQL is spliced in
    as it came instead of decoded and encoded again."""

    @cached_property
    def loaders(self) -> Any:
        """The request's DataLoaders (see ``graphql/loaders.py``), built on first use."""
        return self.loaders_factory(self.db, self.viewer)

    def forget_reads(self) -> None:
        """After a write, later fields must not be answered from what loaders cached before it."""
        self.__dict__.pop("loaders", None)
