"""A hub served as in production: its own database that really commits, its own embedded index,
the lifespan running (in-process sync worker, token bookkeeping), concurrent clients.

The usual fixtures wrap each test in one rolled-back transaction, which serialises every write
and hides lock contention; these do not. SQLite gets a fresh file, PostgreSQL a fresh schema of
the test database, so nothing committed here reaches other tests.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select, text
from starlette.applications import Starlette

from gnlc_hub import migrate
from gnlc_hub.app import create_app
from gnlc_hub.auth.tokens import issue_token
from gnlc_hub.cities.models import City
from gnlc_hub.config import Settings
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import Database, create_engine
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from gnlc_hub.search.indexing.outbox import enqueue_all_practices, outbox_lag
from gnlc_hub.seeding.loader import load_seeds
from tests.conftest import GraphQLClient, is_postgres

SCHEMA = "gnlc_served_tests"


async def fresh_database(database_url: str, data_dir: Path) -> Database:
    """Migrated and seeded, on its own file (SQLite) or schema (PostgreSQL)."""
    if is_postgres(database_url):
        engine = create_engine(
            database_url, connect_args={"server_settings": {"search_path": SCHEMA}}
        )
        async with engine.begin() as connection:
            await connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            await connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    else:
        engine = create_engine(f"sqlite+aiosqlite:///{data_dir / 'served.sqlite3'}")
    database = Database.of(engine)
    await migrate.upgrade(engine)
    async with database.transaction() as session:
        await load_seeds(session)
        await enqueue_all_practices(session)  # as `gnlc-hub seed` does: the worker indexes them
    return database


@dataclass
class Hub:
    app: Starlette
    database: Database
    search: EmbeddedEngine
    gql: GraphQLClient
    settings: Settings

    async def token(self, role: Role, city: str | None = None) -> str:
        async with self.database.transaction() as session:
            city_id = (
                await session.scalar(select(City.id).where(City.slug == city)) if city else None
            )
            issued = await issue_token(session, role=role, name="served test", city_id=city_id)
        return issued.secret

    async def city_slugs(self, count: int) -> list[str]:
        async with self.database.sessions() as session:
            return list(await session.scalars(select(City.slug).order_by(City.id).limit(count)))

    async def outbox_drained(self, within_seconds: float = 60.0) -> bool:
        """Wait until the in-process worker has processed every outbox entry."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within_seconds
        while loop.time() < deadline:
            async with self.database.sessions() as session:
                if (await outbox_lag(session)).pending == 0:
                    return True
            await asyncio.sleep(0.1)
        return False


@contextlib.asynccontextmanager
async def serving(
    database: Database, database_url: str, data_dir: Path, **settings: Any
) -> AsyncIterator[Hub]:
    """The app over ``database`` with its own index in ``data_dir``, lifespan running."""
    search = EmbeddedEngine(data_dir / "index")
    hub_settings = Settings(
        data_dir=data_dir, database_url=database_url, graphiql=False, **settings
    )
    app = create_app(hub_settings, database=database, search=search)
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://hub.test", timeout=120
            ) as client:
                yield Hub(app, database, search, GraphQLClient(client), hub_settings)
    finally:
        await search.close()


@contextlib.asynccontextmanager
async def served_hub(database_url: str, data_dir: Path, **settings: Any) -> AsyncIterator[Hub]:
    """A fresh database and index, the app with its lifespan, and a client talking to it."""
    database = await fresh_database(database_url, data_dir)
    try:
        async with serving(database, database_url, data_dir, **settings) as hub:
            yield hub
    finally:
        await database.dispose()
