"""A dropped database connection costs no request: the pool does not ping on every checkout
(a round trip per request), so the first statement that meets a dead connection reconnects."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import text

from gnlc_hub.app import create_app
from gnlc_hub.config import Settings
from gnlc_hub.db import Database, create_engine
from gnlc_hub.search.engine import SearchEngine
from tests.conftest import TEST_DATABASE_URL, is_postgres

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not (TEST_DATABASE_URL and is_postgres(TEST_DATABASE_URL)),
        reason="drops server connections: needs PostgreSQL (GNLC_TEST_DATABASE_URL)",
    ),
]

APPLICATION = "gnlc-reconnect-test"
QUERY = "{ cities(first: 2) { edges { node { slug country { iso2 } } } } }"


async def test_requests_survive_the_server_dropping_pooled_connections(
    settings: Settings, engine, seeded_search: SearchEngine
) -> None:
    # Its own application name, so only the hub's connections are dropped (not the suite's).
    database = Database.of(
        create_engine(
            settings.resolved_database_url,
            connect_args={"server_settings": {"application_name": APPLICATION}},
        )
    )
    app = create_app(settings, database=database, search=seeded_search)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            first = await client.post("/graphql", json={"query": QUERY})
            assert len(first.json()["data"]["cities"]["edges"]) == 2
            # The server ends every pooled connection of the hub (as a restart would).
            async with engine.connect() as admin:
                dropped = await admin.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND application_name = :name"
                    ),
                    {"name": APPLICATION},
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
