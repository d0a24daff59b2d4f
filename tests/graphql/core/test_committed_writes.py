"""No write is refused because of lock contention: concurrent clients against a served hub whose
requests really commit (a file database on SQLite, a schema of its own on PostgreSQL), with the
in-process sync worker and token bookkeeping running. Both backends must give the same answers.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.auth.models import ApiToken
from gnlc_hub.auth.tokens import hash_secret
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import SQLITE_BUSY_TIMEOUT_SECONDS, utcnow
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice
from gnlc_hub.programmes.enums import EnrolmentStatus, Modality
from gnlc_hub.programmes.models import Enrolment, Programme
from tests.graphql import support
from tests.helpers import global_id
from tests.served import Hub, served_hub, serving

CREATE = support.CREATE_PRACTICE
SUBMIT = support.STEPS[support.curation.Transition.SUBMIT]
PUBLISH = support.STEPS[support.curation.Transition.PUBLISH]
ENROL = """mutation($input: EnrolInProgrammeInput!) {
  enrolInProgramme(input: $input) { enrolment { id } userErrors { code message } } }"""


@pytest.fixture(scope="module")
async def hub(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Hub]:
    async with served_hub(database_url, tmp_path_factory.mktemp("served")) as hub:
        assert await hub.outbox_drained()  # the seeds are indexed before the writes start
        yield hub


def practice_input(title: str) -> dict[str, Any]:
    return {"input": {**support.COMPLETE_PRACTICE, "title": title}}


def problems(body: dict[str, Any], field: str) -> list[Any]:
    """Everything that went wrong with one mutation: GraphQL errors and userErrors."""
    if body.get("errors"):
        return body["errors"]
    return body["data"][field]["userErrors"]


async def count_practices(hub: Hub, title_prefix: str, status: PracticeStatus | None = None) -> int:
    async with hub.database.sessions() as session:
        statement = select(func.count(Practice.id)).where(Practice.title.startswith(title_prefix))
        if status is not None:
            statement = statement.where(Practice.status == status)
        return int(await session.scalar(statement) or 0)


async def test_sequential_creates_from_one_client_all_commit_beside_the_worker(hub: Hub) -> None:
    secret = await hub.token(Role.CITY_EDITOR, "larissa")
    failures = []
    for number in range(100):
        body = await hub.gql(CREATE, practice_input(f"Sequential write {number}"), token=secret)
        failures.extend(problems(body, "createPractice"))
    assert failures == []
    assert await count_practices(hub, "Sequential write") == 100
    assert await hub.outbox_drained()


async def flow(hub: Hub, editor: str, staff: str, title: str) -> list[Any]:
    """create → submit → publish, as a city and the secretariat would, on fresh versions."""
    body = await hub.gql(CREATE, practice_input(title), token=editor)
    if found := problems(body, "createPractice"):
        return found
    practice = body["data"]["createPractice"]["practice"]
    for step, secret, field in (
        (SUBMIT, editor, "submitPractice"),
        (PUBLISH, staff, "publishPractice"),
    ):
        variables = {"input": {"id": practice["id"], "version": practice["version"]}}
        body = await hub.gql(step, variables, token=secret)
        if found := problems(body, field):
            return found
        practice = body["data"][field]["practice"]
    return [] if practice["status"] == "PUBLISHED" else [practice["status"]]


async def test_concurrent_create_submit_publish_flows_all_succeed(hub: Hub) -> None:
    cities = await hub.city_slugs(20)
    editors = [await hub.token(Role.CITY_EDITOR, city) for city in cities]
    staff = await hub.token(Role.SECRETARIAT)
    outcomes = await asyncio.gather(
        *(flow(hub, editor, staff, f"Concurrent flow {n}") for n, editor in enumerate(editors))
    )
    assert [found for found in outcomes if found] == []
    assert await count_practices(hub, "Concurrent flow", PracticeStatus.PUBLISHED) == 20
    assert await hub.outbox_drained()
    async with hub.database.sessions() as session:
        published = set(
            await session.scalars(
                select(Practice.id).where(Practice.status == PracticeStatus.PUBLISHED)
            )
        )
    assert await hub.search.document_ids() == published


async def test_concurrent_enrolments_fill_exactly_the_seats(hub: Hub) -> None:
    async with hub.database.transaction() as session:
        programme = Programme(
            slug="served-seats-test",
            title="Served seats test",
            sort_title="served seats test",
            modality=Modality.ONLINE,
            seats=5,
            enrolment_deadline=utcnow().date() + timedelta(days=7),
            is_example=True,
        )
        session.add(programme)
    cities = await hub.city_slugs(50)
    secrets = [await hub.token(Role.CITY_EDITOR, city) for city in cities]
    variables = {"input": {"programmeId": global_id("Programme", programme.id)}}
    bodies = await asyncio.gather(*(hub.gql(ENROL, variables, token=s) for s in secrets))
    assert [body["errors"] for body in bodies if body.get("errors")] == []
    outcomes = Counter(
        errors[0]["code"] if (errors := body["data"]["enrolInProgramme"]["userErrors"]) else "OK"
        for body in bodies
    )
    assert outcomes == {"OK": 5, "FULL": 45}
    async with hub.database.sessions() as session:
        taken = await session.scalar(
            select(func.count(Enrolment.id)).where(
                Enrolment.programme_id == programme.id,
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
        )
    assert taken == 5


async def test_token_use_is_written_after_the_request_without_failing_it(hub: Hub) -> None:
    secret = await hub.token(Role.SECRETARIAT)
    bodies = await asyncio.gather(
        *(hub.gql("{ viewer { role } }", token=secret) for _ in range(30))
    )
    assert all("errors" not in body for body in bodies)
    usage = hub.app.state.runtime.token_usage
    await usage.flush()
    async with hub.database.sessions() as session:
        used = await session.scalar(
            select(ApiToken.last_used_at).where(ApiToken.secret_hash == hash_secret(secret))
        )
    assert used is not None


async def test_a_write_waits_while_another_process_holds_the_lock(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    """Another process (a command, `gnlc-hub worker`) writing for longer than SQLite's busy
    timeout: the request waits its turn and commits. PostgreSQL: a table lock held as long."""
    secret = await hub.token(Role.CITY_EDITOR, "larissa")
    held = asyncio.Event()
    url = hub.database.engine.url
    seconds = SQLITE_BUSY_TIMEOUT_SECONDS + 1

    async def hold() -> None:
        if url.get_backend_name() == "sqlite":
            await asyncio.to_thread(
                hold_sqlite, str(url.database), held, asyncio.get_running_loop()
            )
            return
        async with hub.database.engine.begin() as connection:
            await connection.execute(text("LOCK TABLE practices IN EXCLUSIVE MODE"))
            held.set()
            await asyncio.sleep(seconds)

    def hold_sqlite(path: str, flag: asyncio.Event, loop: asyncio.AbstractEventLoop) -> None:
        other = sqlite3.connect(path, isolation_level=None)  # outside this process's pool
        try:
            other.execute("BEGIN IMMEDIATE")
            loop.call_soon_threadsafe(flag.set)
            time.sleep(seconds)
            other.execute("COMMIT")
        finally:
            other.close()

    holder = asyncio.create_task(hold())
    await held.wait()
    with caplog.at_level(logging.INFO, logger="gnlc_hub.db"):
        body = await hub.gql(CREATE, practice_input("Written while locked"), token=secret)
    await holder
    assert problems(body, "createPractice") == []
    assert await count_practices(hub, "Written while locked") == 1
    if url.get_backend_name() == "sqlite":  # longer than the busy timeout: the begin was retried
        assert "retrying" in caplog.text


async def test_a_statement_cut_off_by_the_deadline_is_a_timeout_not_a_500(
    hub: Hub, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deadline cancels a statement the database is still running, so the pooled
    connection may be closed under the request's session: giving that session back must
    not turn the TIMEOUT into a 500, and the next requests get healthy connections."""
    from gnlc_hub.network import queries as service

    slow_sql = (
        "SELECT pg_sleep(30)"
        if hub.database.dialect == "postgresql"
        else "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000)"
        " SELECT count(*) FROM n"
    )

    async def slow(session: AsyncSession) -> None:
        await session.execute(text(slow_sql))

    monkeypatch.setattr(service, "network_stats", slow)
    async with serving(
        hub.database, database_url, tmp_path, execution_timeout=0.2, sync_worker=False
    ) as strict:
        responses = await asyncio.gather(
            *(
                strict.gql.http.post("/graphql", json={"query": "{ networkStats { cityCount } }"})
                for _ in range(12)
            )
        )
        for response in responses:
            assert response.status_code == 200, response.text
            [error] = response.json()["errors"]
            assert error["extensions"]["code"] == "TIMEOUT"
        data = await strict.gql.data('{ city(slug: "okayama") { name } }')
        assert data["city"]["name"] == "Okayama"
