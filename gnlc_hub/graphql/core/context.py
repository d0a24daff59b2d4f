"""Per-request state: one serialised database session, the viewer and the DataLoaders."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Select
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
        async with self._lock:
            return (await self.session.execute(statement)).all()

    async def scalars(self, statement: Select[Any]) -> Sequence[Any]:
        async with self._lock:
            return (await self.session.scalars(statement)).all()

    async def scalar(self, statement: Select[Any]) -> Any:
        async with self._lock:
            return await self.session.scalar(statement)

    async def run(self, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
        """Run a service function that takes a session, with the request's session."""
        async with self._lock:
            return await work(self.session)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """The request's unit of work: commit when the block succeeds, roll back otherwise."""
        async with self._lock:
            session = self.session
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


@dataclass
class Context:
    """``info.context`` of every resolver."""

    request: Request | WebSocket | None
    response: Response | None
    db: RequestDb
    runtime: Runtime
    loaders_factory: LoadersFactory
    viewer: Viewer = ANONYMOUS

    @cached_property
    def loaders(self) -> Any:
        """The request's DataLoaders (see ``graphql/loaders.py``), built on first use."""
        return self.loaders_factory(self.db, self.viewer)

    def forget_reads(self) -> None:
        """After a write, later fields must not be answered from what loaders cached before it."""
        self.__dict__.pop("loaders", None)
