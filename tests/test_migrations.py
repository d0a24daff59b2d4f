"""Migrations build exactly the models' schema, and roll back cleanly."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from gnlc_hub import migrate
from gnlc_hub.db import create_engine
from gnlc_hub.models import Base
from tests.conftest import TEST_DATABASE_URL, is_postgres

SCHEMA = "gnlc_migration_test"


@pytest.fixture
async def empty_engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A database of its own: a fresh SQLite file, or a fresh PostgreSQL schema."""
    if TEST_DATABASE_URL and is_postgres(TEST_DATABASE_URL):
        admin = create_engine(TEST_DATABASE_URL)
        async with admin.begin() as connection:
            await connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            await connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        await admin.dispose()
        from sqlalchemy.ext.asyncio import create_async_engine

        engine = create_async_engine(
            TEST_DATABASE_URL, connect_args={"server_settings": {"search_path": SCHEMA}}
        )
    else:
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'migrations.sqlite3'}")
    yield engine
    await engine.dispose()


def _table_names(connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def _diff(connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


async def test_upgrade_matches_models_and_downgrade_removes_everything(empty_engine) -> None:
    await migrate.upgrade(empty_engine)
    assert await migrate.current_revisions(empty_engine) == migrate.head_revisions()
    async with empty_engine.connect() as connection:
        assert await connection.run_sync(_table_names) == set(Base.metadata.tables)
        assert await connection.run_sync(_diff) == []

    await migrate.downgrade(empty_engine, "base")
    assert await migrate.current_revisions(empty_engine) == ()
    async with empty_engine.connect() as connection:
        assert await connection.run_sync(_table_names) == set()

    await migrate.upgrade(empty_engine)
    assert await migrate.current_revisions(empty_engine) == migrate.head_revisions()


async def test_each_step_downgrades_and_upgrades(empty_engine) -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = [script.revision for script in scripts.walk_revisions("base", "heads")]
    for revision in reversed(revisions):
        await migrate.upgrade(empty_engine, revision)
        await migrate.downgrade(empty_engine, "-1")
        await migrate.upgrade(empty_engine, revision)
