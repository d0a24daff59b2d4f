"""Index faults against `gnlc-hub serve` run as users run it (a child process on loopback).

A damaged index does not stop the server from starting: it answers, and rebuilds the index in
the background. An index folder that cannot be written (permissions, a read-only volume) does
not stop it either: writes still succeed, searches still answer from what is indexed (and never
count what was archived meanwhile), `/ready` says degraded and why, and once the folder is
writable again the outbox catches up without a human.
 Root ignores permission bits, so as root
the server runs as `nobody` (setpriv, util-linux).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.served import ServedHub

NOBODY = "65534"
SEARCH = """{ searchPractices(query: "", first: 100) { totalHits hits { practice { slug } } } }"""
FIRST_PUBLISHED = "{ practices(first: 1) { edges { node { id slug version } } } }"
ARCHIVE = """mutation($input: PracticeStepInput!) {
  archivePractice(input: $input) { practice { status } userErrors { code message } } }"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def home() -> Iterator[Path]:
    """A folder the server may use; pytest's own are private to root."""
    folder = Path(tempfile.mkdtemp(prefix="gnlc-read-only-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def hub_in(home: Path) -> ServedHub:
    user = None
    tmp_path = home
    if os.geteuid() == 0:
        assert shutil.which("setpriv"), "running as root needs setpriv to drop privileges"
        os.chown(tmp_path, int(NOBODY), int(NOBODY))
        user = NOBODY
    env = {
        "GNLC_DATA_DIR": str(tmp_path / "data"),
        "GNLC_GRAPHIQL": "false",
        "GNLC_DATABASE_URL": "",  # its own SQLite file, whatever the suite runs on
        # The embedded index's faults, even when the suite runs against Meilisearch.
        "GNLC_MEILI_URL": "",
        "GNLC_MEILI_KEY": "",
        "GNLC_READY_OUTBOX_FAILING_SECONDS": "0",
        "GNLC_SYNC_POLL_SECONDS": "0.5",
    }
    return ServedHub(free_port(), env, tmp_path / "serve.log", user=user)


@pytest.fixture
async def served(home: Path) -> AsyncIterator[ServedHub]:
    hub = hub_in(home)
    await asyncio.to_thread(hub.start)
    try:
        yield hub
    finally:
        await asyncio.to_thread(hub.stop)


async def post(http: httpx.AsyncClient, query: str, variables: Any = None, token: str = "") -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await http.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


async def ready_until(
    http: httpx.AsyncClient, wanted: Callable[[int, dict[str, Any]], bool], attempts: int = 300
) -> dict[str, Any]:
    """Poll `/ready` (bounded) until ``wanted(status, body)``; the body."""
    body: dict[str, Any] = {}
    for _ in range(attempts):
        response = await http.get("/ready")
        body = response.json()
        if wanted(response.status_code, body):
            return body
        await asyncio.sleep(0.1)
    raise AssertionError(f"/ready never became what was wanted: {body}")


def answering(status: int) -> Callable[[int, dict[str, Any]], bool]:
    return lambda code, _body: code == status


def outbox_failing(code: int, body: dict[str, Any]) -> bool:
    return code == 503 and body["checks"].get("outbox", "").startswith("failing")


async def test_a_read_only_index_degrades_and_recovers_by_itself(
    served: ServedHub, home: Path
) -> None:
    staff = served.cli("token", "create", "--role", "secretariat").splitlines()[-1]
    folder = home / "data" / "index" / "practices-v1"
    async with httpx.AsyncClient(base_url=served.url, timeout=60) as http:
        assert (await ready_until(http, answering(200)))["status"] == "ok"
        total = (await post(http, SEARCH))["searchPractices"]["totalHits"]
        practice = (await post(http, FIRST_PUBLISHED))["practices"]["edges"][0]["node"]

        folder.chmod(0o555)
        try:
            body = await ready_until(http, answering(503))
            assert body["status"] == "degraded"
            assert "cannot be written" in body["checks"]["search"]
            step = {"input": {"id": practice["id"], "version": practice["version"]}}
            archived = (await post(http, ARCHIVE, step, staff))["archivePractice"]
            assert archived["userErrors"] == []  # the write lands; the index will catch up
            found = (await post(http, SEARCH))["searchPractices"]
            slugs = {hit["practice"]["slug"] for hit in found["hits"]}
            assert found["totalHits"] == len(slugs) == total - 1  # served, and counted honestly
            assert practice["slug"] not in slugs
            body = await ready_until(http, outbox_failing)
            assert body["status"] == "degraded"
        finally:
            folder.chmod(0o755)

        body = await ready_until(http, answering(200))
        assert body["checks"] == {"database": "ok", "search": "ok", "outbox": "ok"}
        assert body["search"]["outbox"]["pending"] == 0
        assert body["search"]["documents"] == total - 1


async def test_serve_starts_on_a_damaged_index_and_rebuilds_it(
    served: ServedHub, home: Path
) -> None:
    async with httpx.AsyncClient(base_url=served.url, timeout=60) as http:
        total = (await ready_until(http, answering(200)))["search"]["documents"]
    await asyncio.to_thread(served.stop)
    (home / "data" / "index" / "practices-v1" / "meta.json").write_text("{ not json")

    await asyncio.to_thread(served.start)  # no traceback, no exit: it serves
    async with httpx.AsyncClient(base_url=served.url, timeout=60) as http:
        body = await ready_until(http, answering(200))
        assert body["search"]["documents"] == total
        assert (await post(http, SEARCH))["searchPractices"]["totalHits"] == total
    assert "Traceback" not in (home / "serve.log").read_text()
