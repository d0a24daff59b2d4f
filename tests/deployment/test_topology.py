"""The docker-compose topology comes up and keeps the index equal to the database.

Without Docker: PostgreSQL (the test server, a scratch database), compose's `init` command,
two `hub` replicas (`serve --no-seed`, GNLC_SYNC_WORKER=false) and one `worker`, each a real
process on loopback started with compose's own command and environment. A practice published
through replica A is found through replica B; with the worker killed, publishing still
succeeds and waits in the outbox; the restarted worker catches up.

Two engines:
- meilisearch (when GNLC_MEILI_BIN names a Meilisearch binary): compose as written;
- embedded: the same with GNLC_MEILI_URL/KEY removed. tantivy allows one writer per index, so
  the worker is the only writer of the shared index folder (compose's `hub-data` volume) and
  the replicas only read it; they see each of the worker's commits.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import TEST_DATABASE_URL, is_postgres
from tests.deployment.topology import (
    Hub,
    Topology,
    base_environment,
    compose,
    free_port,
    published_slugs,
    ready,
    scratch_database,
    service_environment,
    wait_for,
)
from tests.engines import engine_params

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not (TEST_DATABASE_URL and is_postgres(TEST_DATABASE_URL)),
        reason="deployment test needs PostgreSQL: set GNLC_TEST_DATABASE_URL (compose runs it)",
    ),
]

MEILI_BIN = os.environ.get("GNLC_MEILI_BIN")
ENGINES = engine_params(
    bool(MEILI_BIN),
    "Meilisearch topology skipped: set GNLC_MEILI_BIN to a Meilisearch binary",
    embedded_id="embedded-worker-is-the-only-writer-replicas-read",
)
# Variables compose reads from the shell: none for replica A (compose's defaults, e.g. an empty
# GNLC_CORS_ORIGINS), a comma-separated list of origins for replica B, as an operator sets it.
SHELL: dict[str, str] = {}
PORTAL = "http://portal.example"
SHELL_B = {"GNLC_CORS_ORIGINS": f"{PORTAL}, http://admin.example"}
INDEXED_SECONDS = 60.0

CITY = 'query { city(slug: "larissa") { id } }'
CREATE = """mutation($input: CreatePracticeInput!) {
  createPractice(input: $input) { practice { id version } userErrors { field message code } } }"""
STEP = """mutation($input: PracticeStepInput!) {
  %s(input: $input) { practice { id version status } userErrors { field message code } } }"""
SEARCH = """query($query: String!, $after: String) {
  searchPractices(query: $query, first: 100, after: $after) {
    engine totalHits hits { practice { slug } } pageInfo { hasNextPage endCursor } } }"""


def publish(hub: Hub, title: str) -> None:
    """A new practice of Larissa, taken through review to PUBLISHED by the secretariat."""
    city = hub.data(CITY)["city"]["id"]
    practice_input = {
        "cityId": city,
        "title": title,
        "summary": "Residents guide each other through the places where the city learns.",
        "body": "Volunteers lead monthly walks to libraries, workshops and gardens.",
        "themes": ["community-learning-centres"],
        "sdgs": [4, 11],
        "sourceUrl": "https://example.org/learning-walks",
    }
    created = hub.data(CREATE, input=practice_input)["createPractice"]
    assert created["userErrors"] == []
    practice = created["practice"]
    for step in ("submitPractice", "publishPractice"):
        moved = hub.data(STEP % step, input={"id": practice["id"], "version": practice["version"]})
        assert moved[step]["userErrors"] == [], moved
        practice = moved[step]["practice"]
    assert practice["status"] == "PUBLISHED"


def found(hub: Hub, query: str) -> dict[str, Any]:
    return hub.data(SEARCH, query=query)["searchPractices"]


def every_indexed_slug(hub: Hub) -> set[str]:
    """Browse the whole index through the API, page by page."""
    slugs: set[str] = set()
    after = None
    while True:
        page = hub.data(SEARCH, query="", after=after)["searchPractices"]
        slugs.update(hit["practice"]["slug"] for hit in page["hits"])
        if not page["pageInfo"]["hasNextPage"]:
            return slugs
        after = page["pageInfo"]["endCursor"]


def allowed_origin(url: str, origin: str) -> str | None:
    """What a browser's CORS preflight from ``origin`` is told it may call."""
    response = httpx.options(
        f"{url}/graphql",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    return response.headers.get("access-control-allow-origin")


def start_meilisearch(topology: Topology, services: dict[str, Any]) -> str:
    port = free_port()
    environment = service_environment(services["meilisearch"], SHELL)
    topology.start(
        "meilisearch",
        [str(MEILI_BIN)],
        {
            **environment,
            "MEILI_HTTP_ADDR": f"127.0.0.1:{port}",
            "MEILI_DB_PATH": str(topology.folder / "meili_data"),
            "MEILI_DUMP_DIR": str(topology.folder / "meili_dumps"),
            "MEILI_SNAPSHOT_DIR": str(topology.folder / "meili_snapshots"),
        },
    )
    url = f"http://127.0.0.1:{port}"

    def healthy() -> bool:
        try:
            return httpx.get(f"{url}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    wait_for("Meilisearch /health", healthy)
    return url


def hub_environment(
    services: dict[str, Any], database_url: str, meili_url: str | None
) -> dict[str, str]:
    """Compose's hub environment with Docker's service addresses replaced by loopback ones."""
    environment = service_environment(services["hub"], SHELL)
    environment["GNLC_DATABASE_URL"] = database_url
    if meili_url:
        environment["GNLC_MEILI_URL"] = meili_url
    else:
        environment.pop("GNLC_MEILI_URL")
        environment.pop("GNLC_MEILI_KEY")
    return environment


def replica_command(services: dict[str, Any], port: int) -> list[str]:
    command = list(services["hub"]["command"])
    command[command.index("--host") + 1] = "127.0.0.1"
    command[command.index("--port") + 1] = str(port)
    return command


@pytest.mark.parametrize("engine", ENGINES)
def test_replicas_and_a_worker_keep_the_index_equal_to_the_database(
    engine: str, tmp_path: Path
) -> None:
    assert TEST_DATABASE_URL is not None
    services = compose()["services"]
    assert services["hub"]["environment"]["GNLC_SYNC_WORKER"] == "false"
    assert "--no-seed" in services["hub"]["command"]
    assert "/ready" in " ".join(services["hub"]["healthcheck"]["test"])
    with scratch_database(TEST_DATABASE_URL) as database_url:
        topology = Topology(tmp_path, base_environment(tmp_path / "hub-data"))
        try:
            meili_url = start_meilisearch(topology, services) if engine == "meilisearch" else None
            topology.environment.update(hub_environment(services, database_url, meili_url))
            run_the_scenario(topology, services, database_url, engine)
        except BaseException:
            print(topology.logs())
            raise
        finally:
            topology.stop_all()


def run_the_scenario(
    topology: Topology, services: dict[str, Any], database_url: str, engine: str
) -> None:
    topology.run("init", list(services["init"]["command"]))
    worker_command = list(services["worker"]["command"])
    worker = topology.start("worker", worker_command)
    replicas = services["hub"]["deploy"]["replicas"]
    assert replicas == 2
    urls = []
    for number, shell in enumerate([SHELL, SHELL_B][:replicas]):
        port = free_port()
        own = {k: v for k, v in service_environment(services["hub"], shell).items() if k in shell}
        topology.start(f"hub-{number}", replica_command(services, port), own)
        urls.append(f"http://127.0.0.1:{port}")
    for url in urls:
        report = wait_for(f"{url}/ready", lambda url=url: ready(url))
        assert report["search"]["engine"] == engine
    secret = topology.run("token", ["gnlc-hub", "token", "create", "--role", "secretariat"])
    token = secret.strip().splitlines()[-1]
    a, b = Hub(urls[0], token), Hub(urls[1], token)
    # Both list settings parsed from environment strings: empty on A, two origins on B.
    assert allowed_origin(a.url, PORTAL) is None
    assert allowed_origin(b.url, PORTAL) == PORTAL

    publish(a, "Quokkaville learning walks")
    result = wait_for(
        "replica B to find what replica A published",
        lambda: found(b, "quokkaville")["totalHits"] == 1 or None,
        seconds=INDEXED_SECONDS,
    )
    assert result
    assert found(b, "quokkaville")["engine"] == engine.upper()

    # No worker: the write still succeeds, and waits in the outbox (replicas never index).
    worker.stop(signal.SIGKILL)
    publish(b, "Wombatford learning walks")
    assert found(a, "wombatford")["totalHits"] == 0
    lag = httpx.get(f"{a.url}/ready", timeout=5)
    assert lag.status_code == 200, lag.text
    assert lag.json()["search"]["outbox"]["pending"] >= 1

    topology.start("worker-restarted", worker_command)
    wait_for(
        "the restarted worker to catch up",
        # Both replicas: each reader reloads the embedded index on its own, shortly after.
        lambda: all(found(hub, "wombatford")["totalHits"] == 1 for hub in (a, b)) or None,
        seconds=INDEXED_SECONDS,
    )
    published = published_slugs(database_url)
    assert every_indexed_slug(b) == published
    assert found(a, "")["totalHits"] == len(published)
