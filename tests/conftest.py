"""Shared fixtures: one migrated, seeded database per run; one rolled-back transaction per test.

The suite runs on SQLite by default and on PostgreSQL when GNLC_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from gnlc_hub import migrate
from gnlc_hub.app import create_app
from gnlc_hub.auth.tokens import issue_token as issue
from gnlc_hub.config import Settings, normalise_database_url
from gnlc_hub.core.clock import Clock
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import Database, create_engine
from gnlc_hub.search.engine import SearchEngine
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from gnlc_hub.search.indexing.rebuild import reindex
from gnlc_hub.seeding.loader import load_seeds

# Search-engine fixtures, shared by the search contract suite and peer matching.
from tests.engines import engine_kind, new_engine, seeded, seeded_indexes
from tests.helpers import BEFORE_MIDNIGHT, city_pk

__all__ = ["engine_kind", "new_engine", "seeded", "seeded_indexes"]

TEST_DATABASE_URL = os.environ.get("GNLC_TEST_DATABASE_URL")


def is_postgres(url: str) -> bool:
    return url.startswith("postgresql")


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gnlc-data")


@pytest.fixture(scope="session")
def database_url(data_dir: Path) -> str:
    if TEST_DATABASE_URL:
        return normalise_database_url(TEST_DATABASE_URL)
    return f"sqlite+aiosqlite:///{data_dir / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def settings(data_dir: Path, database_url: str) -> Settings:
    # Rate limits are tested on in tests/graphql/core; elsewhere they would only get in the way.
    return Settings(
        data_dir=data_dir, database_url=database_url, graphiql=False, rate_limit_enabled=False
    )


async def reset_postgres(engine: AsyncEngine) -> None:
    """Start from an empty schema whatever an earlier, interrupted run left behind."""
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    if is_postgres(database_url):
        await reset_postgres(engine)
    await migrate.upgrade(engine)
    async with engine.connect() as connection:
        session = AsyncSession(bind=connection, expire_on_commit=False)
        await load_seeds(session)
        await session.commit()
        await connection.commit()
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """Everything a test writes happens inside this transaction and is rolled back."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        try:
            yield connection
        finally:
            if transaction.is_active:
                await transaction.rollback()


@pytest.fixture
def database(connection: AsyncConnection) -> Database:
    return Database.bound_to(connection)


@pytest.fixture
async def session(database: Database) -> AsyncIterator[AsyncSession]:
    async with database.sessions() as session:
        yield session


@pytest.fixture(scope="session")
async def seeded_search(
    engine: AsyncEngine, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[SearchEngine]:
    """The embedded index of the seeded database, built once per run and only read by tests;
    tests that change what is indexed build their own (see tests/search)."""
    index = EmbeddedEngine(tmp_path_factory.mktemp("seeded-index"))
    await reindex(Database.of(engine), index)
    yield index
    await index.close()


@pytest.fixture
def app(settings: Settings, database: Database, seeded_search: SearchEngine, clock: Clock) -> Any:
    return create_app(settings, database=database, search=seeded_search, clock=clock)


@pytest.fixture(scope="session")
def clock() -> Clock:
    """The time the API's rules see: the system's, unless a test pins it."""
    return Clock()


@pytest.fixture
def before_midnight(clock: Clock) -> Iterator[datetime]:
    """Pin the API's clock to ``BEFORE_MIDNIGHT`` for one test."""
    with clock.pinned(BEFORE_MIDNIGHT):
        yield BEFORE_MIDNIGHT


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield client


class GraphQLClient:
    """Posts operations the way a front end does and returns the decoded response."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.http = client
        self.token: str | None = None

    async def raw(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> httpx.Response:
        headers = {}
        bearer = token or self.token
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )

    async def __call__(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        response = await self.raw(query, variables, token=token)
        assert response.status_code == 200, response.text
        return response.json()

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        """The `data` of a response that must have no errors."""
        body = await self(query, variables, token=token)
        assert "errors" not in body, body["errors"]
        return body["data"]


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(client)


class StatementCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_statements(connection: AsyncConnection) -> Any:
    """``with count_statements() as counter:`` counts SQL sent on the test's connection."""

    @contextmanager
    def counting() -> Iterator[StatementCounter]:
        counter = StatementCounter()

        def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
                counter.statements.append(statement)

        target = connection.sync_connection
        assert target is not None
        event.listen(target, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(target, "before_cursor_execute", before)

    return counting


@pytest.fixture
def issue_token(session: AsyncSession) -> Any:
    """``secret = await issue_token(Role.CITY_EDITOR, city="okayama")``: a bearer token, committed
    to the test's transaction so that requests made through ``gql`` can use it."""

    async def make(role: Role, *, city: str | None = None, name: str | None = None, **kwargs):
        city_id = await city_pk(session, city) if city is not None else None
        issued = await issue(
            session, role=role, name=name or f"{role.value.lower()} test", city_id=city_id, **kwargs
        )
        await session.commit()
        return issued.secret

    return make
