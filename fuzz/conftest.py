"""schemathesis against the hub's ASGI app (`make fuzz`): a migrated, seeded file database of
its own (never the test suite's), an admin token, and a tally of the cases sent."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub import migrate
from gnlc_hub.app import create_app
from gnlc_hub.auth.tokens import issue_token
from gnlc_hub.config import Settings
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import create_engine
from gnlc_hub.seeding.loader import load_seeds

TALLY: Counter[str] = Counter()


async def _prepare(settings: Settings) -> str:
    engine = create_engine(settings.resolved_database_url)
    try:
        await migrate.upgrade(engine)
        async with AsyncSession(engine, expire_on_commit=False) as session:
            await load_seeds(session)
            issued = await issue_token(session, role=Role.ADMIN, name="fuzz")
            await session.commit()
    finally:
        await engine.dispose()
    return issued.secret


def fuzz_app() -> tuple[object, str]:
    """The app and an admin token. GNLC_FUZZ_DATABASE_URL points it at a throw-away
    PostgreSQL database instead of a SQLite file in a temporary folder."""
    data_dir = Path(tempfile.mkdtemp(prefix="gnlc-fuzz-"))
    settings = Settings(
        data_dir=data_dir,
        database_url=os.environ.get("GNLC_FUZZ_DATABASE_URL"),
        graphiql=False,
        sync_worker=False,
    )
    token = asyncio.run(_prepare(settings))
    return create_app(settings), token


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for who, cases in sorted(TALLY.items()):
        terminalreporter.write_line(f"schemathesis: {cases} cases sent {who}")
