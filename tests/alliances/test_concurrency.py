"""Alliance rules hold under concurrency (real commits, both backends): the same proposal sent at
once from either side makes one alliance; the last two answers given at once settle it."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine

from gnlc_hub.alliances.models import Alliance
from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.cities.models import City
from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.search.engine import SearchEngine
from tests.concurrency import committing, drop_tokens, editor_tokens, post_at_once
from tests.helpers import global_id

NAME = "Concurrency test partnership"
PROPOSE = """mutation($input: ProposeAllianceInput!) {
  proposeAlliance(input: $input) { alliance { id } userErrors { code } } }"""
RESPOND = """mutation($input: RespondToAllianceInput!) {
  respondToAlliance(input: $input) { alliance { status } userErrors { code } } }"""


@dataclass
class Pair:
    database: Database
    city_ids: list[int]
    tokens: list[tuple[int, str]]


@pytest.fixture
async def pair(engine: AsyncEngine) -> AsyncIterator[Pair]:
    database = committing(engine)
    async with database.transaction() as session:
        slugs = ["okayama", "larissa", "swansea"]
        ids = dict(
            (await session.execute(select(City.slug, City.id).where(City.slug.in_(slugs)))).all()
        )
    city_ids = [ids[slug] for slug in slugs]
    rows = Pair(database, city_ids, await editor_tokens(database, city_ids))
    try:
        yield rows
    finally:
        async with database.transaction() as session:
            created = select(Alliance.id).where(Alliance.name == NAME)
            await session.execute(
                delete(AuditEvent).where(
                    AuditEvent.entity_type == "alliance", AuditEvent.entity_id.in_(created)
                )
            )
            await session.execute(delete(Alliance).where(Alliance.name == NAME))
        await drop_tokens(database, [token_id for token_id, _ in rows.tokens])


async def test_one_alliance_from_simultaneous_and_mirrored_proposals(
    settings: Settings, seeded_search: SearchEngine, pair: Pair
) -> None:
    okayama, larissa, _ = pair.city_ids
    (_, okayama_secret), (_, larissa_secret), _ = pair.tokens
    to_larissa = {"input": {"name": NAME, "invitedCityIds": [global_id("City", larissa)]}}
    to_okayama = {"input": {"name": NAME, "invitedCityIds": [global_id("City", okayama)]}}
    calls = [(to_larissa, okayama_secret)] * 3 + [(to_okayama, larissa_secret)] * 3
    answers = await post_at_once(settings, seeded_search, pair.database, PROPOSE, calls)
    outcomes = Counter(
        payload["userErrors"][0]["code"] if payload["userErrors"] else "PROPOSED"
        for payload in (answer["proposeAlliance"] for answer in answers)
    )
    assert outcomes == {"PROPOSED": 1, "DUPLICATE": 5}
    async with pair.database.transaction() as session:
        assert (
            len(list(await session.scalars(select(Alliance.id).where(Alliance.name == NAME)))) == 1
        )


async def test_the_last_answers_given_at_once_settle_the_alliance(
    settings: Settings, seeded_search: SearchEngine, pair: Pair
) -> None:
    _, larissa, swansea = pair.city_ids
    (_, okayama_secret), (_, larissa_secret), (_, swansea_secret) = pair.tokens
    invite = {
        "input": {
            "name": NAME,
            "invitedCityIds": [global_id("City", larissa), global_id("City", swansea)],
        }
    }
    [proposed] = await post_at_once(
        settings, seeded_search, pair.database, PROPOSE, [(invite, okayama_secret)]
    )
    accept = {
        "input": {"allianceId": proposed["proposeAlliance"]["alliance"]["id"], "decision": "ACCEPT"}
    }
    answers = await post_at_once(
        settings,
        seeded_search,
        pair.database,
        RESPOND,
        [(accept, larissa_secret), (accept, swansea_secret)],
    )
    assert [a["respondToAlliance"]["userErrors"] for a in answers] == [[], []]
    statuses = sorted(a["respondToAlliance"]["alliance"]["status"] for a in answers)
    assert statuses == ["ACTIVE", "PROPOSED"]
    async with pair.database.transaction() as session:
        status = await session.scalar(select(Alliance.status).where(Alliance.name == NAME))
    assert status == "ACTIVE"
