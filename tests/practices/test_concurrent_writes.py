"""Optimistic locking under real concurrency (PostgreSQL, real commits): of several writers
holding the same version, one wins and every other gets CONFLICT, with nothing half-written.

Unlike the rest of the suite these requests commit, each on its own connection, as concurrent
requests do in production; the test removes what it wrote.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from gnlc_hub.app import create_app
from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.auth.models import ApiToken
from gnlc_hub.auth.tokens import issue_token
from gnlc_hub.config import Settings
from gnlc_hub.core.changes import OutboxEntry
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import Database
from gnlc_hub.practices import actions as curation
from gnlc_hub.practices.models import Practice, PracticeRevision
from gnlc_hub.search.engine import SearchEngine
from tests.conftest import TEST_DATABASE_URL, is_postgres
from tests.graphql import support
from tests.helpers import city_pk

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not (TEST_DATABASE_URL and is_postgres(TEST_DATABASE_URL)),
        reason="needs PostgreSQL: set GNLC_TEST_DATABASE_URL (SQLite runs one writer at a time)",
    ),
]

WRITERS = 8


class Committed:
    """A draft and editor tokens committed for real, and their removal afterwards."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.practice_id = 0
        self.version = 0
        self.secrets: list[str] = []
        self.token_ids: list[int] = []

    async def create(self) -> None:
        async with self.database.transaction() as session:
            practice = await curation.create_practice(
                session,
                viewer=support.STAFF,
                city_id=await city_pk(session, "larissa"),
                slug="larissa-concurrency-test",
                changes=support.service_changes(support.COMPLETE_PRACTICE),
            )
            self.practice_id, self.version = practice.id, practice.version
            for number in range(WRITERS):
                issued = await issue_token(
                    session,
                    role=Role.CITY_EDITOR,
                    name=f"concurrency writer {number}",
                    city_id=practice.city_id,
                )
                self.secrets.append(issued.secret)
                self.token_ids.append(issued.token.id)

    async def remove(self) -> None:
        async with self.database.transaction() as session:
            await session.execute(
                delete(AuditEvent).where(
                    AuditEvent.entity_type == "practice", AuditEvent.entity_id == self.practice_id
                )
            )
            await session.execute(
                delete(OutboxEntry).where(OutboxEntry.entity_id == self.practice_id)
            )
            await session.execute(delete(Practice).where(Practice.id == self.practice_id))
            await session.execute(delete(ApiToken).where(ApiToken.id.in_(self.token_ids)))


@pytest.fixture
async def committed(engine: AsyncEngine) -> AsyncIterator[Committed]:
    database = Database.of(engine)
    rows = Committed(database)
    await rows.create()
    try:
        yield rows
    finally:
        await rows.remove()


async def all_at_once(
    settings: Settings, search: SearchEngine, rows: Committed, inputs: list[tuple[str, dict]]
) -> list[dict[str, Any]]:
    app = create_app(settings, database=rows.database, search=search)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        responses = await asyncio.gather(
            *(
                client.post(
                    "/graphql",
                    json={"query": document, "variables": {"input": input_}},
                    headers={"Authorization": f"Bearer {secret}"},
                )
                for (document, input_), secret in zip(inputs, rows.secrets, strict=False)
            )
        )
    return [next(iter(response.json()["data"].values())) for response in responses]


def outcomes(payloads: list[dict[str, Any]]) -> Counter[str]:
    return Counter(p["userErrors"][0]["code"] if p["userErrors"] else "OK" for p in payloads)


async def test_one_of_many_simultaneous_edits_wins(
    settings: Settings, seeded_search: SearchEngine, committed: Committed
) -> None:
    target = {"id": support.global_id("Practice", committed.practice_id)}
    inputs = [
        (
            support.UPDATE_PRACTICE,
            {**target, "version": committed.version, "title": f"Title by writer {n}"},
        )
        for n in range(WRITERS - 1)
    ] + [(support.STEPS[curation.Transition.SUBMIT], {**target, "version": committed.version})]
    payloads = await all_at_once(settings, seeded_search, committed, inputs)
    assert outcomes(payloads) == {"OK": 1, "CONFLICT": WRITERS - 1}

    async with committed.database.transaction() as session:
        practice = await session.get(Practice, committed.practice_id)
        assert practice.version == committed.version + 1
        events = await session.scalar(
            select(func.count(AuditEvent.id)).where(
                AuditEvent.entity_type == "practice",
                AuditEvent.entity_id == committed.practice_id,
            )
        )
        assert events == 2  # the creation and the one winning write
        [winner] = [p["practice"] for p in payloads if not p["userErrors"]]
        assert (practice.title, practice.status.value) == (winner["title"], winner["status"])
        revisions = await session.scalar(
            select(func.count(PracticeRevision.id)).where(
                PracticeRevision.practice_id == committed.practice_id
            )
        )
        assert revisions == (2 if winner["status"] == "DRAFT" else 1)
