"""Concurrent requests that really commit, each in its own connection (PostgreSQL only).

The usual fixtures wrap a test in one rolled-back transaction, which serialises everything; these
helpers go around it, so tests using them must remove what they commit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import httpx
import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine

from gnlc_hub.app import create_app
from gnlc_hub.auth.models import ApiToken
from gnlc_hub.auth.tokens import issue_token
from gnlc_hub.config import Settings
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import Database
from gnlc_hub.search.engine import SearchEngine
from tests.conftest import TEST_DATABASE_URL, is_postgres

POSTGRES_ONLY = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not (TEST_DATABASE_URL and is_postgres(TEST_DATABASE_URL)),
        reason="needs PostgreSQL: set GNLC_TEST_DATABASE_URL (SQLite runs one writer at a time)",
    ),
]


def committing(engine: AsyncEngine) -> Database:
    """Sessions on their own connections, committing for real."""
    return Database.of(engine)


async def editor_tokens(database: Database, city_ids: Sequence[int]) -> list[tuple[int, str]]:
    """(token id, secret) of a city-editor token per city, committed."""
    async with database.transaction() as session:
        issued = [
            await issue_token(
                session, role=Role.CITY_EDITOR, name="concurrency test", city_id=city_id
            )
            for city_id in city_ids
        ]
    return [(token.token.id, token.secret) for token in issued]


async def drop_tokens(database: Database, token_ids: Sequence[int]) -> None:
    async with database.transaction() as session:
        await session.execute(delete(ApiToken).where(ApiToken.id.in_(list(token_ids))))


async def post_at_once(
    settings: Settings,
    search: SearchEngine,
    database: Database,
    query: str,
    calls: Sequence[tuple[dict[str, Any], str]],
) -> list[dict[str, Any]]:
    """Send every (variables, bearer secret) call at the same moment; the `data` of each."""
    app = create_app(settings, database=database, search=search)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        responses = await asyncio.gather(
            *(
                client.post(
                    "/graphql",
                    json={"query": query, "variables": variables},
                    headers={"Authorization": f"Bearer {secret}"},
                )
                for variables, secret in calls
            )
        )
    return [response.json()["data"] for response in responses]
