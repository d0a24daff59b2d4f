"""docker-compose.yml as processes on loopback: its commands and environment, real servers.

Only what Docker would provide is replaced: service addresses (``postgres``, ``meilisearch``,
ports) and the shared data volume. Every process's output goes to a file shown on failure.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
import yaml
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from gnlc_hub.config import normalise_database_url
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
BIN = Path(sys.executable).parent
# Bounded waits, generous for a loaded two-core machine; they bound the test, they time nothing.
START_SECONDS = 120.0
POLL_SECONDS = 0.25
_VARIABLE = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")

T = TypeVar("T")


def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def interpolate(value: str, variables: Mapping[str, str]) -> str:
    """Compose's ``${NAME:-default}`` with ``variables`` standing in for the shell."""
    return _VARIABLE.sub(lambda m: variables.get(m.group(1)) or (m.group(2) or ""), value)


def service_environment(service: Mapping[str, Any], variables: Mapping[str, str]) -> dict[str, str]:
    return {
        name: interpolate(str(value), variables)
        for name, value in (service.get("environment") or {}).items()
    }


_GIVEN: set[int] = set()


def free_port() -> int:
    """A free loopback port: from ``GNLC_TEST_PORTS`` (``8200-8299``) when set, else any.

    Never the same one twice in a run: a port handed out may not be bound yet.
    """
    wanted = os.environ.get("GNLC_TEST_PORTS")
    candidates: list[int] = [0] * 20
    if wanted:
        low, high = (int(part) for part in wanted.split("-"))
        candidates = list(range(low, high + 1))
    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            chosen = int(probe.getsockname()[1])
        if chosen not in _GIVEN:
            _GIVEN.add(chosen)
            return chosen
    raise RuntimeError(f"no free port in {wanted or 'the ephemeral range'}")


def wait_for(what: str, check: Callable[[], T | None], *, seconds: float = START_SECONDS) -> T:
    """Poll ``check`` until it returns something, at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result is not None and result is not False:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} after {seconds:.0f} s")
        time.sleep(POLL_SECONDS)


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace").splitlines()[-lines:]
        return f"--- {self.name} ({self.log}) ---\n" + "\n".join(text)

    def stop(self, sig: int = signal.SIGTERM, *, seconds: float = 20.0) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
            try:
                self.popen.wait(seconds)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(seconds)


@dataclass
class Topology:
    """Processes started for one test run, stopped (and their logs kept) at the end."""

    folder: Path
    environment: dict[str, str]
    processes: list[Process] = field(default_factory=list)

    def start(self, name: str, command: list[str], extra: Mapping[str, str] | None = None):
        log = self.folder / f"{name}.log"
        handle = log.open("ab")
        popen = subprocess.Popen(
            command,
            env={**self.environment, **(extra or {})},
            stdout=handle,
            stderr=subprocess.STDOUT,
            cwd=self.folder,
        )
        handle.close()
        process = Process(name, popen, log)
        self.processes.append(process)
        return process

    def run(self, name: str, command: list[str], *, seconds: float = START_SECONDS) -> str:
        """Run a one-shot command to completion; its output (it must succeed)."""
        process = self.start(name, command)
        try:
            code = process.popen.wait(seconds)
        except subprocess.TimeoutExpired:
            process.stop(signal.SIGKILL)
            raise AssertionError(f"{name} did not finish\n{process.tail()}") from None
        assert code == 0, f"{name} exited with {code}\n{process.tail()}"
        return process.log.read_text()

    def logs(self) -> str:
        return "\n".join(process.tail() for process in self.processes)

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            process.stop()


def base_environment(data_dir: Path) -> dict[str, str]:
    """The test's environment without its own GNLC_* settings, the venv's tools first."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("GNLC_", "MEILI_"))}
    return {
        **kept,
        "PATH": f"{BIN}{os.pathsep}{kept.get('PATH', '')}",
        "GNLC_DATA_DIR": str(data_dir),  # the shared hub-data volume
        "PYTHONUNBUFFERED": "1",
    }


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    url = make_url(normalise_database_url(server_url))
    name = f"{url.database or 'gnlc'}_deploy_{uuid.uuid4().hex[:8]}"
    admin = url.set(database="postgres").render_as_string(hide_password=False)

    async def execute(statement: str) -> None:
        engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as connection:
                await connection.execute(text(statement))
        finally:
            await engine.dispose()

    asyncio.run(execute(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def published_slugs(database_url: str) -> set[str]:
    """Slugs of the published practices, read from the database itself."""

    async def read() -> set[str]:
        engine = create_async_engine(normalise_database_url(database_url))
        try:
            async with engine.connect() as connection:
                rows = await connection.execute(
                    select(Practice.slug).where(Practice.status == PracticeStatus.PUBLISHED)
                )
                return set(rows.scalars())
        finally:
            await engine.dispose()

    return asyncio.run(read())


def ready(url: str) -> dict[str, Any] | None:
    """/ready's answer once it is 200, else None."""
    try:
        response = httpx.get(f"{url}/ready", timeout=5)
    except httpx.HTTPError:
        return None
    return response.json() if response.status_code == 200 else None


class Hub:
    """One replica, spoken to over HTTP as a front end does."""

    def __init__(self, url: str, token: str | None = None) -> None:
        self.url = url
        self.token = token

    def data(self, operation: str, **variables: Any) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = httpx.post(
            f"{self.url}/graphql",
            json={"query": operation, "variables": variables},
            headers=headers,
            timeout=30,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]
