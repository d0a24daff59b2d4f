"""HTTP-layer fixtures: apps with chosen settings, and a hub served on a real loopback port."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from gnlc_hub.app import create_app
from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.search.engine import SearchEngine

REPO = Path(__file__).resolve().parents[4]
JS_CLIENTS = REPO / "clients" / "js"
GRAPHIQL_ASSETS = REPO / "clients" / "graphiql" / "node_modules"
# This helper's share of loopback ports; servers in tests bind only 127.0.0.1.
PORTS = range(8500, 8600)

AppFactory = Callable[..., Any]


@pytest.fixture
def make_app(settings: Settings, database: Database, seeded_search: SearchEngine) -> AppFactory:
    """``make_app(rate_limit_enabled=True, …)``: the test app with some settings changed."""

    def build(**changes: Any) -> Any:
        return create_app(
            settings.model_copy(update=changes), database=database, search=seeded_search
        )

    return build


@asynccontextmanager
async def http_client(app: Any, **kwargs: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, **kwargs)
    async with httpx.AsyncClient(transport=transport, base_url="http://hub.test") as client:
        yield client


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8500-8599")


@asynccontextmanager
async def serve(app: Any) -> AsyncIterator[str]:
    """Serve ``app`` on loopback in this event loop (so it keeps the test's transaction)."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(20):
            while not server.started:
                if task.done():
                    task.result()
                await asyncio.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def live_hub(make_app: AppFactory) -> AsyncIterator[str]:
    """Base URL of the seeded hub on a real port, GraphiQL on, its assets from clients/."""
    async with serve(make_app(graphiql=True, graphiql_assets=GRAPHIQL_ASSETS)) as url:
        yield url


@pytest.fixture(scope="session")
def js_clients() -> Path:
    """clients/js with its npm packages installed from the registry (``npm ci``)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node/npm are not installed here: the JavaScript client tests did not run")
    lock = JS_CLIENTS / "package-lock.json"
    installed = JS_CLIENTS / "node_modules" / ".package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"],
            cwd=JS_CLIENTS,
            check=True,
            timeout=300,
        )
    return JS_CLIENTS


NODE_TIMEOUT = 120


async def run_node(folder: Path, script: str, *args: str) -> tuple[int, str]:
    """Run a node script without blocking the loop that serves the hub it talks to."""
    process = await asyncio.create_subprocess_exec(
        "node",
        script,
        *args,
        cwd=folder,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        async with asyncio.timeout(NODE_TIMEOUT):
            output, _ = await process.communicate()
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    return process.returncode or 0, output.decode()
