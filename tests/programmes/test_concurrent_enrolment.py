"""Seat limits hold when many cities enrol at the same moment (real commits, both backends)."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.cities.models import City
from gnlc_hub.config import Settings
from gnlc_hub.db import Database, utcnow
from gnlc_hub.programmes.enums import EnrolmentStatus, Modality
from gnlc_hub.programmes.models import Enrolment, Programme
from gnlc_hub.search.engine import SearchEngine
from tests.concurrency import committing, drop_tokens, editor_tokens, post_at_once
from tests.helpers import global_id

SEATS = 3
CITIES = 12
ENROL = """mutation($input: EnrolInProgrammeInput!) {
  enrolInProgramme(input: $input) { enrolment { id } userErrors { code } } }"""


@dataclass
class Committed:
    database: Database
    programme_id: int
    tokens: list[tuple[int, str]]


@pytest.fixture
async def committed(engine: AsyncEngine) -> AsyncIterator[Committed]:
    database = committing(engine)
    async with database.transaction() as session:
        programme = Programme(
            slug="concurrency-test-programme",
            title="Concurrency test programme",
            sort_title="concurrency test programme",
            modality=Modality.ONLINE,
            seats=SEATS,
            enrolment_deadline=utcnow().date() + timedelta(days=7),
            is_example=True,
        )
        session.add(programme)
        await session.flush()
        city_ids = list(await session.scalars(select(City.id).order_by(City.id).limit(CITIES)))
    rows = Committed(database, programme.id, await editor_tokens(database, city_ids))
    try:
        yield rows
    finally:
        async with database.transaction() as session:
            enrolments = select(Enrolment.id).where(Enrolment.programme_id == rows.programme_id)
            await session.execute(
                delete(AuditEvent).where(
                    AuditEvent.entity_type == "enrolment", AuditEvent.entity_id.in_(enrolments)
                )
            )
            await session.execute(delete(Programme).where(Programme.id == rows.programme_id))
        await drop_tokens(database, [token_id for token_id, _ in rows.tokens])


async def enrol_at_once(
    settings: Settings, search: SearchEngine, rows: Committed, secrets: list[str]
) -> Counter[str]:
    variables = {"input": {"programmeId": global_id("Programme", rows.programme_id)}}
    answers = await post_at_once(
        settings, search, rows.database, ENROL, [(variables, secret) for secret in secrets]
    )
    return Counter(outcome(answer["enrolInProgramme"]) for answer in answers)


def outcome(payload: dict[str, Any]) -> str:
    return payload["userErrors"][0]["code"] if payload["userErrors"] else "ENROLLED"


async def seats_taken(rows: Committed) -> int:
    async with rows.database.transaction() as session:
        count = await session.scalar(
            select(func.count(Enrolment.id)).where(
                Enrolment.programme_id == rows.programme_id,
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
        )
    return int(count or 0)


async def test_concurrent_enrolments_never_exceed_the_seats(
    settings: Settings, seeded_search: SearchEngine, committed: Committed
) -> None:
    secrets = [secret for _, secret in committed.tokens]
    outcomes = await enrol_at_once(settings, seeded_search, committed, secrets)
    assert outcomes == {"ENROLLED": SEATS, "FULL": CITIES - SEATS}
    assert await seats_taken(committed) == SEATS


async def test_the_same_city_enrolling_twice_at_once_gets_one_seat(
    settings: Settings, seeded_search: SearchEngine, committed: Committed
) -> None:
    secrets = [committed.tokens[0][1]] * 4
    outcomes = await enrol_at_once(settings, seeded_search, committed, secrets)
    assert outcomes == {"ENROLLED": 1, "DUPLICATE": 3}
    assert await seats_taken(committed) == 1
