"""Database plumbing shared by every domain: declarative base, engine and session factory."""

from __future__ import annotations

import asyncio
import enum
import logging
import sqlite3
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, DateTime, Enum, Integer, MetaData, event, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

# Stable constraint names keep alembic's SQLite batch migrations and downgrades deterministic.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamps on both backends (SQLite drops the offset otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IntPk:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Versioned:
    """Optimistic locking: writers send the version they read; SQLAlchemy guards the UPDATE too."""

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


def enum_column(enum_cls: type[enum.Enum]) -> Enum:
    """Enums are stored by name in a VARCHAR: portable across backends and readable in SQL."""
    return Enum(enum_cls, native_enum=False, length=48, validate_strings=True)


# Pooled PostgreSQL connections older than this are replaced at checkout.
POOL_RECYCLE_SECONDS = 600

# How long SQLite itself waits for a lock before a write's begin is retried (`WritePolicy`).
SQLITE_BUSY_TIMEOUT_SECONDS = 5


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.close()
    # Let SQLAlchemy, not the driver, decide where transactions begin: SAVEPOINTs (used by
    # nested units of work and test isolation) only work this way.
    dbapi_connection.isolation_level = None


# Execution option that marks a connection about to write (see `Database.transaction`).
WRITES = "gnlc_writes"


def _sqlite_on_begin(connection: Any) -> None:
    # A deferred transaction that later writes fails at once with "database is locked" when
    # another connection writes (the busy timeout does not cover that upgrade), so a unit of
    # work that writes takes the write lock up front; reads stay deferred and never block.
    immediate = connection.get_execution_options().get(WRITES, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


log = logging.getLogger("gnlc_hub.db")


@dataclass(frozen=True)
class WritePolicy:
    """How long a write waits for SQLite's write lock held by another process (a CLI command,
    `gnlc-hub worker`): each attempt waits ``busy_timeout`` inside SQLite, then backs off."""

    attempts: int = 8
    backoff_seconds: float = 0.05
    max_backoff_seconds: float = 2.0

    def delays(self) -> list[float]:
        return [
            min(self.max_backoff_seconds, self.backoff_seconds * 2**attempt)
            for attempt in range(self.attempts - 1)
        ]


WRITE_POLICY = WritePolicy()

# One writer at a time per SQLite file in this process: waiting on an asyncio lock is fair
# (first come, first served) and holds no pooled connection, unlike SQLite's busy handler.
_write_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)


def _write_lock(engine: AsyncEngine) -> asyncio.Lock:
    locks = _write_locks.setdefault(asyncio.get_running_loop(), {})
    return locks.setdefault(str(engine.url), asyncio.Lock())


def is_busy(error: BaseException) -> bool:
    """SQLite's SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock; safe to retry."""
    original = getattr(error, "orig", error)
    if not isinstance(original, sqlite3.OperationalError):
        return False
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(original)


def create_engine(url: str, *, echo: bool = False, **options: Any) -> AsyncEngine:
    """An async engine with the per-backend settings we rely on (FKs on in SQLite, pool sizes);
    ``options`` go to SQLAlchemy as they are (e.g. ``connect_args``)."""
    kwargs: dict[str, Any] = {"echo": echo, **options}
    if url.startswith("postgresql"):
        # No pre-ping: it costs a round trip on every checkout. Connections are recycled before
        # servers and proxies drop idle ones, and a request whose first statement meets a
        # connection dropped anyway retries once on a fresh one (RequestDb).
        kwargs.update(pool_size=10, max_overflow=10, pool_recycle=POOL_RECYCLE_SECONDS)
    engine = create_async_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_on_begin)
    return engine


@dataclass
class Database:
    """An engine and the session factory bound to it; tests bind the factory to one connection."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]

    @classmethod
    def of(cls, engine: AsyncEngine) -> Database:
        return cls(engine, async_sessionmaker(engine, expire_on_commit=False))

    @classmethod
    def from_url(cls, url: str, *, echo: bool = False) -> Database:
        return cls.of(create_engine(url, echo=echo))

    @classmethod
    def bound_to(cls, connection: AsyncConnection) -> Database:
        """Sessions that join ``connection``'s transaction through savepoints (test isolation)."""
        sessions = async_sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )
        return cls(connection.engine, sessions)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self, session: AsyncSession | None = None) -> AsyncIterator[AsyncSession]:
        """One unit of work that writes: commit on success, roll back on any error.

        The one rule for every write (requests, the sync worker, token bookkeeping, commands):
        on SQLite it waits its turn instead of failing. Writers of this process queue on one
        lock; the write lock is taken up front (``BEGIN IMMEDIATE``), and while another process
        holds it the begin is retried a bounded number of times. Nothing has run yet when a
        begin fails, so retrying it is always safe. ``session`` is the request's own session;
        a read transaction it has open is ended first (its snapshot may be stale).
        """
        if session is not None and session.in_transaction():
            await session.commit()
        if self.dialect != "sqlite":
            async with self._unit_of_work(session) as work:
                yield work
            return
        async with _write_lock(self.engine), self._unit_of_work(session) as work:
            yield work

    @asynccontextmanager
    async def _unit_of_work(self, session: AsyncSession | None) -> AsyncIterator[AsyncSession]:
        own = session is None
        session = session or self.sessions()
        try:
            await self._begin_write(session)
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise
        finally:
            if own:
                await session.close()

    async def _begin_write(self, session: AsyncSession) -> None:
        if self.dialect != "sqlite":
            return
        for delay in [*WRITE_POLICY.delays(), None]:
            try:
                await session.connection(execution_options={WRITES: True})
                return
            except OperationalError as error:
                await session.rollback()
                if delay is None or not is_busy(error):
                    raise
                log.info("SQLite write lock held by another process; retrying in %.2fs", delay)
                await asyncio.sleep(delay)

    async def refresh_statistics(self) -> None:
        """ANALYZE after bulk loads: without statistics SQLite picks poor indexes (measured:
        13× slower practice lookups by city at 100 000 practices)."""
        async with self.transaction() as session:
            await session.execute(text("ANALYZE"))

    async def dispose(self) -> None:
        await self.engine.dispose()


RowT = TypeVar("RowT", bound=IntPk)


async def get_for_update(
    session: AsyncSession, model: type[RowT], pk: int, *conditions: ColumnElement[bool]
) -> RowT | None:
    """Load a row and lock it until the transaction ends, so check-then-write rules (free seats,
    pending answers) hold under concurrency; PostgreSQL locks the row, SQLite has one writer."""
    statement = (
        select(model)
        .where(model.id == pk, *conditions)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return await session.scalar(statement)
