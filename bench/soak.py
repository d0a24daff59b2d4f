"""Soak run: mixed reads and writes against a served hub, then `kill -9`, restart and a
consistency check. Prints requests, errors, p50/p99 and the server's RSS before/after/idle.

    python -m bench.soak [--seconds 60] [--clients 8]

Then, while the server idles, sends one-off documents padded to 200 KB and reports the RSS
again (bounded caches keep it flat). Runs on SQLite (a throw-away data folder under
.gnlc/soak/) and, when GNLC_SOAK_DATABASE_URL is set, on that PostgreSQL database too (its
`public` schema is dropped and recreated).
Traffic stays on loopback and is bounded by time and by ``--max-requests``.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import itertools
import os
import random
import shutil
import signal
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import select, text

from bench.served import ServedHub
from gnlc_hub.config import normalise_database_url
from gnlc_hub.db import Database
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from gnlc_hub.search.indexing.outbox import outbox_lag

SOAK_DIR = Path(__file__).resolve().parent.parent / ".gnlc" / "soak"
# The order a soak flow moves a practice in (updates keep it a draft).
LIFE_CYCLE = ["DRAFT", "SUBMITTED", "PUBLISHED", "ARCHIVED"]
console = Console()

PRACTICE = "practice { id slug status version }"
ERRORS = "userErrors { field message code }"
CREATE = f"""mutation($input: CreatePracticeInput!) {{
  createPractice(input: $input) {{ {PRACTICE} {ERRORS} }} }}"""
UPDATE = f"""mutation($input: UpdatePracticeInput!) {{
  updatePractice(input: $input) {{ {PRACTICE} {ERRORS} }} }}"""
SUBMIT = f"""mutation($input: PracticeStepInput!) {{
  submitPractice(input: $input) {{ {PRACTICE} {ERRORS} }} }}"""
PUBLISH = f"""mutation($input: PracticeStepInput!) {{
  publishPractice(input: $input) {{ {PRACTICE} {ERRORS} }} }}"""
ARCHIVE = f"""mutation($input: PracticeStepInput!) {{
  archivePractice(input: $input) {{ {PRACTICE} {ERRORS} }} }}"""
CREATE_TOKEN = f"""mutation($input: CreateApiTokenInput!) {{
  createApiToken(input: $input) {{ secret {ERRORS} }} }}"""
READS = [
    "{ cities(first: 20) { totalCount edges { node { name country { name } "
    "practices { title } } } } }",
    '{ searchPractices(query: "learning", facets: [THEME, SDG], first: 10) '
    "{ totalHits hits { practice { slug title } } facetDistribution { facet values { count } } } }",
    '{ searchPractices(query: "refugess") { totalHits hits { practice { slug } } } }',
    "{ practices(first: 20) { totalCount edges { node { slug title city { name } } } } }",
    "{ networkStats { cityCount countryCount byRegion { cityCount } } }",
    '{ city(slug: "larissa") { name practices { title themes { name } } } }',
    "{ viewer { role } }",
]
NEW_PRACTICE = {
    "summary": "Neighbours teach each other the skills they have, in libraries and gardens.",
    "body": "Volunteers run weekly skill swaps; the city lends rooms and keeps a register.",
    "themes": ["community-learning-centres"],
    "sdgs": [4, 11],
    "sourceUrl": "https://example.org/soak",
}


@dataclass
class Tally:
    requests: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    failed_writes: int = 0
    # practice id -> the status its last acknowledged write left it in
    acknowledged: dict[int, str] = field(default_factory=dict)


class Client:
    def __init__(self, http: httpx.AsyncClient, tally: Tally, budget: itertools.count[int]) -> None:
        self.http = http
        self.tally = tally
        self.budget = budget

    async def post(self, query: str, variables: dict[str, Any] | None, token: str | None) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        started = time.perf_counter()
        self.tally.requests += 1
        try:
            response = await self.http.post(
                "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
            )
        except httpx.HTTPError as error:
            self.tally.errors[f"transport: {type(error).__name__}"] += 1
            return None
        finally:
            self.tally.latencies.append(time.perf_counter() - started)
        if response.status_code >= 500:
            self.tally.errors["5xx"] += 1
            return None
        body = response.json()
        for error in body.get("errors") or []:
            kind = "Unexpected error." if error["message"] == "Unexpected error." else "graphql"
            self.tally.errors[kind] += 1
        return body.get("data")

    async def write(
        self, query: str, variables: dict[str, Any], token: str
    ) -> dict[str, Any] | None:
        """A mutation; its practice when acknowledged, else counted as a failed write."""
        data = await self.post(query, {"input": variables}, token)
        payload = next(iter(data.values())) if data else None
        if not payload or payload["userErrors"] or not payload["practice"]:
            self.tally.failed_writes += 1
            if payload and payload["userErrors"]:
                self.tally.errors[f"userError {payload['userErrors'][0]['code']}"] += 1
            return None
        return payload["practice"]


def pk(global_id: str) -> int:
    return int(base64.b64decode(global_id).decode().split(":")[1])


async def flow(client: Client, editor: str, staff: str, number: int) -> None:
    """create → update → submit → publish (→ archive), each on the version just returned."""
    practice = await client.write(
        CREATE, {**NEW_PRACTICE, "title": f"Soak practice {number}"}, editor
    )
    steps = [
        (UPDATE, editor, {"summary": f"Updated summary {number}, still about skill swaps."}),
        (SUBMIT, editor, {}),
        (PUBLISH, staff, {}),
    ]
    if number % 5 == 0:
        steps.append((ARCHIVE, staff, {}))
    for query, token, extra in steps:
        if practice is None:
            return
        client.tally.acknowledged[pk(practice["id"])] = practice["status"]
        variables = {"id": practice["id"], "version": practice["version"], **extra}
        practice = await client.write(query, variables, token)
    if practice is not None:
        client.tally.acknowledged[pk(practice["id"])] = practice["status"]


async def worker(
    client: Client, editor: str, staff: str, deadline: float, numbers: itertools.count[int]
) -> None:
    rng = random.Random(id(client) ^ int(deadline))
    while time.monotonic() < deadline and next(client.budget) > 0:
        if rng.random() < 0.25:
            await flow(client, editor, staff, next(numbers))
        else:
            await client.post(rng.choice(READS), None, rng.choice([None, editor, staff]))


async def load(
    hub: ServedHub, tokens: list[str], staff: str, seconds: float, max_requests: int, tally: Tally
) -> None:
    numbers = itertools.count()
    budget = itertools.count(max_requests, -1)
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=len(tokens))
    async with httpx.AsyncClient(base_url=hub.url, timeout=60, limits=limits) as http:
        client = Client(http, tally, budget)
        await asyncio.gather(*(worker(client, t, staff, deadline, numbers) for t in tokens))


async def abuse(hub: ServedHub, documents: int, size: int) -> Counter[int]:
    """One-off documents padded with comments (no tokens, so no limit refuses them): what
    pinned memory in the parse and validation caches. Status codes of the answers."""
    padding = "#" + "x" * size + "\n"
    statuses: Counter[int] = Counter()
    gate = asyncio.Semaphore(4)
    async with httpx.AsyncClient(base_url=hub.url, timeout=120) as http:

        async def one(number: int) -> None:
            async with gate:
                query = f"# {number}\n{padding}{{ viewer {{ role }} }}"
                statuses[(await http.post("/graphql", json={"query": query})).status_code] += 1

        await asyncio.gather(*(one(number) for number in range(documents)))
    return statuses


async def issue_tokens(hub: ServedHub, admin: str, cities: list[str]) -> tuple[str, list[str]]:
    async with httpx.AsyncClient(base_url=hub.url, timeout=60) as http:

        async def create(role: str, city: str | None) -> str:
            variables: dict[str, Any] = {"name": f"soak {role} {city or ''}", "role": role}
            if city is not None:
                found = await http.post(
                    "/graphql", json={"query": f'{{ city(slug: "{city}") {{ id }} }}'}
                )
                variables["cityId"] = found.json()["data"]["city"]["id"]
            response = await http.post(
                "/graphql",
                json={"query": CREATE_TOKEN, "variables": {"input": variables}},
                headers={"Authorization": f"Bearer {admin}"},
            )
            return response.json()["data"]["createApiToken"]["secret"]

        staff = await create("SECRETARIAT", None)
        return staff, [await create("CITY_EDITOR", city) for city in cities]


async def consistency(database_url: str, index_dir: Path, tally: Tally) -> dict[str, Any]:
    """Every acknowledged write present, the outbox drained, index = published practices."""
    database = Database.from_url(database_url)
    try:
        drained = False
        for _ in range(600):
            async with database.sessions() as session:
                if (await outbox_lag(session)).pending == 0:
                    drained = True
                    break
            await asyncio.sleep(0.1)
        async with database.sessions() as session:
            rows = dict((await session.execute(select(Practice.id, Practice.status))).all())
        # Lost: missing, or behind what was acknowledged. Ahead: a later step committed but
        # its answer never arrived (the process was killed in between): nothing lost.
        lost = [
            key
            for key, status in tally.acknowledged.items()
            if key not in rows or LIFE_CYCLE.index(rows[key].value) < LIFE_CYCLE.index(status)
        ]
        ahead = [
            key
            for key, status in tally.acknowledged.items()
            if key in rows and LIFE_CYCLE.index(rows[key].value) > LIFE_CYCLE.index(status)
        ]
        published = {key for key, status in rows.items() if status is PracticeStatus.PUBLISHED}
    finally:
        await database.dispose()
    engine = EmbeddedEngine(index_dir)
    try:
        indexed = await engine.document_ids()
    finally:
        await engine.close()
    return {
        "acknowledged practices": len(tally.acknowledged),
        "lost (missing or behind)": len(lost),
        "ahead (answer lost in kill)": len(ahead),
        "outbox drained": drained,
        "index = published": indexed == published,
        "published": len(published),
    }


async def reset_postgres(url: str) -> None:
    database = Database.from_url(url)
    try:
        async with database.engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await database.dispose()


def soak(
    name: str, database_url: str | None, port: int, args: argparse.Namespace
) -> dict[str, Any]:
    data_dir = SOAK_DIR / name
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    # The soak measures the hub, not its rate limiter: loopback is exempt.
    env = {
        "GNLC_DATA_DIR": str(data_dir),
        "GNLC_GRAPHIQL": "false",
        "GNLC_RATE_LIMIT_EXEMPT": "127.0.0.1",
    }
    if database_url:
        asyncio.run(reset_postgres(normalise_database_url(database_url)))
        env["GNLC_DATABASE_URL"] = database_url
    hub = ServedHub(port, env, data_dir / "serve.log")
    resolved = (
        normalise_database_url(database_url)
        if database_url
        else (f"sqlite+aiosqlite:///{(data_dir / 'gnlc.sqlite3').resolve()}")
    )
    hub.start()
    admin = hub.cli("token", "create", "--role", "admin", "--name", "soak admin").splitlines()[-1]
    cities = ["larissa", "okayama", "swansea", "cork", "medellin", "wuhan", "espoo", "sonderborg"]
    staff, editors = asyncio.run(issue_tokens(hub, admin, cities[: args.clients]))
    rss_before = hub.rss_mb()
    tally = Tally()
    started = time.monotonic()
    asyncio.run(load(hub, editors, staff, args.seconds, args.max_requests, tally))
    elapsed = time.monotonic() - started
    rss_after = hub.rss_mb()
    time.sleep(args.idle)
    rss_idle = hub.rss_mb()
    abused = asyncio.run(abuse(hub, args.abuse, 200_000)) if args.abuse else Counter()
    rss_abused = hub.rss_mb()

    # Writes in flight when the process dies: only acknowledged ones must survive.
    async def burst_then_kill() -> None:
        kill_at = asyncio.get_running_loop().time() + 3
        task = asyncio.ensure_future(load(hub, editors, staff, 10, args.max_requests, tally))
        await asyncio.sleep(max(0.0, kill_at - asyncio.get_running_loop().time()))
        hub.kill9()
        task.cancel()  # what was in flight is unacknowledged; nothing more is sent
        await asyncio.gather(task, return_exceptions=True)

    before_kill = tally.requests
    failed_before_kill = tally.failed_writes
    errors_before_kill = sum(tally.errors.values())
    asyncio.run(burst_then_kill())
    in_flight = tally.requests - before_kill
    hub.start()
    checked = asyncio.run(consistency(resolved, data_dir / "index", tally))
    exit_code = hub.stop()
    latencies = sorted(tally.latencies[:before_kill])
    return {
        "backend": name,
        "requests": before_kill,
        "req/s": round(before_kill / elapsed),
        "errors": errors_before_kill,
        "failed writes": failed_before_kill,
        "5xx": tally.errors["5xx"],
        "Unexpected error.": tally.errors["Unexpected error."],
        "p50 ms": round(statistics.median(latencies) * 1000, 1),
        "p99 ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "RSS before/after/idle MB": f"{rss_before:.0f}/{rss_after:.0f}/{rss_idle:.0f}",
        f"RSS after {args.abuse} padded 200 KB documents MB": f"{rss_abused:.0f}",
        "their statuses": dict(abused),
        "requests around kill -9": in_flight,
        **checked,
        # uvicorn re-raises the SIGTERM it handled, after a clean shutdown
        "clean stop": exit_code in (0, -signal.SIGTERM),
        "error kinds": dict(tally.errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--idle", type=float, default=10, help="seconds idle before the last RSS")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument(
        "--abuse", type=int, default=300, help="one-off 200 KB documents sent after the load"
    )
    parser.add_argument("--backend", choices=["both", "sqlite", "postgresql"], default="both")
    parser.add_argument("--port", type=int, default=int(os.environ.get("GNLC_SOAK_PORT", 8650)))
    args = parser.parse_args()
    results = []
    if args.backend in ("both", "sqlite"):
        results.append(soak("sqlite", None, args.port, args))
    if args.backend in ("both", "postgresql") and (url := os.environ.get("GNLC_SOAK_DATABASE_URL")):
        results.append(soak("postgresql", url, args.port + 1, args))
    table = Table(title=f"soak: {args.seconds:.0f} s, {args.clients} clients, then kill -9")
    table.add_column("figure")
    for result in results:
        table.add_column(result["backend"], justify="right")
    for key in results[0]:
        if key != "backend":
            table.add_row(key, *(str(result[key]) for result in results))
    console.print(table)


if __name__ == "__main__":
    main()
