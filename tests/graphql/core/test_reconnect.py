"""A dropped database connection costs no request: the pool does not ping on every checkout
(a round trip per request), so the first statement that meets a dead connection reconnects."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import text

from gnlc_hub.app import create_app
from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.search.engine import SearchEngine
from tests.conftest import TEST_DATABASE_URL, is_postgres

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not (TEST_DATABASE_URL and is_postgres(TEST_DATABASE_URL)),
        reason="drops server connections: needs PostgreSQL (GNLC_TEST_DATABASE_URL)",
    ),
]

QUERY = "{ cities(first: 2) { edges { node { slug country { iso2 } } } } }"


async def test_requests_survive_the_server_dropping_pooled_connections(
    settings: Settings, engine, seeded_search: SearchEngine
) -> None:
    database = Database.from_url(settings.resolved_database_url)
    app = create_app(settings, database=database, search=seeded_search)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            first = await client.post("/graphql", json={"query": QUERY})
            assert len(first.json()["data"]["cities"]["edges"]) == 2
            # The server ends every pooled connection of the hub (as a restart would).
            async with engine.connect() as admin:
                pids = (await admin.execute(text("SELECT pg_backend_pid()"))).scalar_one()
                dropped = await admin.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> :me "
                        "AND application_name = ''"
                    ),
                    {"me": pids},
                )
                assert dropped.all(), "no pooled connection was there to drop"
            for _ in range(3):
                again = await client.post("/graphql", json={"query": QUERY})
                assert "errors" not in again.json(), again.text
                assert (
                    again.json()["data"]["cities"]["edges"]
                    == first.json()["data"]["cities"]["edges"]
                )
    finally:
        await database.dispose()
