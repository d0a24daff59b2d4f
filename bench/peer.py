"""The hub next to PostGraphile 5 on the same PostgreSQL database, both served over HTTP.

    GNLC_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/gnlc_bench make bench-peer
    python -m bench.peer [--sizes real,10k] [--runs 300] [--seconds 30] [--skip-throughput]

What users compare when they weigh the hub against a generated GraphQL API: the same reads
from the same rows. For each size (`real`: the seeded GNLC network; `10k`: synthetic cities
and practices up to 10 000 / 100 000, bench/synthetic.py) the database is rebuilt (its
`public` schema is dropped), then

- the hub runs as users run it: `gnlc-hub serve` (uvicorn, one process) on loopback, with
  production settings; only the search worker is off (neither side searches) and loopback is
  exempt from the rate limiter (it measures the hub, not the limiter);
- PostGraphile 5 (bench/postgraphile/: pinned by its package-lock.json, `npm ci` by the make
  target, on Node 22 from the npm `node` package) runs its amber preset over the same
  `public` schema: relations from foreign keys, `condition` and `orderBy` on indexed columns,
  Relay connections, NODE_ENV=production, no GraphiQL. The hub's visibility rules are spelt
  out in its queries: `condition: {status: "PUBLISHED"}` on practices, and alliances through
  one computed column (`cities_public_alliances`, a SQL function created here, the way
  PostGraphile exposes a rule) that keeps the public statuses in name order.

Both answer: the portal page (bench/portal.py's PORTAL_QUERY: 50 cities with country, region,
awards, practices with SDGs and themes, alliances, clusters), on the first page and on a page
half-way down the list, and one city by slug with its practices (the city with the most).
Before any timing the answers are compared after mapping both shapes to one (same cities in
the same order, same practices, tags, alliances, clusters, awards, counts); a difference
stops the run. Then, request by request in turn, hub then PostGraphile, `--runs` of each
(p50/p95 and the ratio hub/PostGraphile); then `--connections` clients for `--seconds` on each
portal page, the hub's runs first, then PostGraphile's (req/s and the ratio), with the hub's
resident memory before, after and after `--idle` seconds, and PostGraphile's before and
after. Responses are asked for uncompressed (PostGraphile does not compress; the hub would
gzip). The client (httpx) shares the machine's cores with both servers and PostgreSQL, so
throughput figures are a lower bound for either side.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, make_url, select, text

from bench.harness import Timing, bench_settings, fresh_seeded_database
from bench.portal import PORTAL_QUERY, middle_city, middle_cursor
from bench.served import ServedHub, rss_mb
from bench.synthetic import NETWORK_SIZES, SyntheticSize
from gnlc_hub.alliances.enums import PUBLIC_ALLIANCE_STATUSES
from gnlc_hub.cities.models import City
from gnlc_hub.db import Database
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice

POSTGRAPHILE_DIR = Path(__file__).resolve().parent / "postgraphile"
NODE = POSTGRAPHILE_DIR / "node_modules" / ".bin" / "node"
PAGE = 50
CITY_PRACTICES = 50
# Wide enough for the tables when the output goes to a file or a pipe.
console = Console(width=None if sys.stdout.isatty() else 150)

HUB_CITY_QUERY = """
query City($slug: String!, $first: Int!) {
  city(slug: $slug) {
    id slug name admittedYear
    country { iso2 name region { code name } }
    practices(first: $first) {
      totalCount edges { node { slug title summary yearStart sdgs themes { slug } } }
    }
  }
}
"""

PUBLISHED = PracticeStatus.PUBLISHED.name
# The hub's practice order (sort title, then id) and its two tag facets, in PostGraphile terms.
PEER_PRACTICES = f'condition: {{status: "{PUBLISHED}"}}, orderBy: [SORT_TITLE_ASC, PRIMARY_KEY_ASC]'
PEER_TAGS = (
    'sdgs: practiceTagsByPracticeId(condition: {facet: "SDG"}) { nodes { value } } '
    'themes: practiceTagsByPracticeId(condition: {facet: "THEME"}, orderBy: [PRIMARY_KEY_ASC]) '
    "{ nodes { value } }"
)
PEER_COUNTRY = "countryByCountryId { iso2 name regionByRegionId { code name } }"

PEER_PORTAL_QUERY = f"""
query Portal($first: Int!, $after: Cursor) {{
  allCities(first: $first, after: $after, orderBy: [SORT_NAME_ASC, PRIMARY_KEY_ASC]) {{
    totalCount
    edges {{ cursor node {{
      id slug name admittedYear
      {PEER_COUNTRY}
      awardsByCityId(orderBy: [YEAR_ASC]) {{ nodes {{ year }} }}
      practicesByCityId(first: 20, {PEER_PRACTICES}) {{
        edges {{ node {{ slug title {PEER_TAGS} }} }}
      }}
      publicAlliances(first: 20) {{ edges {{ node {{ slug status }} }} }}
      clusterMembershipsByCityId(orderBy: [PRIMARY_KEY_ASC]) {{
        nodes {{ role clusterByClusterId {{ slug }} }}
      }}
    }} }}
  }}
}}
"""

PEER_CITY_QUERY = f"""
query City($slug: String!, $first: Int!) {{
  cityBySlug(slug: $slug) {{
    id slug name admittedYear
    {PEER_COUNTRY}
    practicesByCityId(first: $first, {PEER_PRACTICES}) {{
      totalCount edges {{ node {{ slug title summary yearStart {PEER_TAGS} }} }}
    }}
  }}
}}
"""

# PostGraphile's cursors are its own: the one of the city half-way down the same order.
PEER_CURSOR_QUERY = """
query Cursor($offset: Int!) {
  allCities(first: 1, offset: $offset, orderBy: [SORT_NAME_ASC, PRIMARY_KEY_ASC]) {
    edges { cursor }
  }
}
"""


def public_alliances_function() -> str:
    """A PostGraphile computed column `City.publicAlliances`: the alliances the hub shows an
    anonymous reader on a city (public statuses, by name), from the hub's own status list."""
    statuses = ", ".join(f"'{status.name}'" for status in sorted(PUBLIC_ALLIANCE_STATUSES))
    return f"""
CREATE OR REPLACE FUNCTION public.cities_public_alliances(city public.cities)
RETURNS SETOF public.alliances LANGUAGE sql STABLE AS $$
  SELECT a.* FROM public.alliances a JOIN public.alliance_members m ON m.alliance_id = a.id
  WHERE m.city_id = city.id AND a.status IN ({statuses}) ORDER BY a.name, a.id
$$"""


# --- One shape for both answers -------------------------------------------------------------


def _tags(node: dict[str, Any]) -> dict[str, Any]:
    """PostGraphile's tag rows (strings, one facet each) as the hub's `sdgs` and theme slugs."""
    return {
        "sdgs": sorted(int(tag["value"]) for tag in node["sdgs"]["nodes"]),
        "themes": [tag["value"] for tag in node["themes"]["nodes"]],
    }


def _hub_country(country: dict[str, Any]) -> dict[str, Any]:
    return {"iso2": country["iso2"], "name": country["name"], "region": country["region"]}


def _peer_country(country: dict[str, Any]) -> dict[str, Any]:
    region = country["regionByRegionId"]
    return {"iso2": country["iso2"], "name": country["name"], "region": region}


def hub_portal(body: dict[str, Any]) -> dict[str, Any]:
    """The hub's portal answer, without ids and cursors (each server has its own)."""
    cities = body["data"]["cities"]
    return {
        "totalCount": cities["totalCount"],
        "cities": [
            {
                "slug": city["slug"],
                "name": city["name"],
                "admittedYear": city["admittedYear"],
                "country": _hub_country(city["country"]),
                "awards": [award["year"] for award in city["awards"]],
                "practices": [
                    {
                        "slug": practice["slug"],
                        "title": practice["title"],
                        "sdgs": practice["sdgs"],
                        "themes": [theme["slug"] for theme in practice["themes"]],
                    }
                    for practice in (edge["node"] for edge in city["practices"]["edges"])
                ],
                "alliances": [edge["node"] for edge in city["alliances"]["edges"]],
                "clusters": [
                    {"role": member["role"], "cluster": member["cluster"]["slug"]}
                    for member in city["clusters"]
                ],
            }
            for city in (edge["node"] for edge in cities["edges"])
        ],
    }


def peer_portal(body: dict[str, Any]) -> dict[str, Any]:
    """PostGraphile's portal answer in the hub's shape."""
    cities = body["data"]["allCities"]
    return {
        "totalCount": cities["totalCount"],
        "cities": [
            {
                "slug": city["slug"],
                "name": city["name"],
                "admittedYear": city["admittedYear"],
                "country": _peer_country(city["countryByCountryId"]),
                "awards": [award["year"] for award in city["awardsByCityId"]["nodes"]],
                "practices": [
                    {"slug": practice["slug"], "title": practice["title"], **_tags(practice)}
                    for practice in (edge["node"] for edge in city["practicesByCityId"]["edges"])
                ],
                "alliances": [edge["node"] for edge in city["publicAlliances"]["edges"]],
                "clusters": [
                    {"role": member["role"], "cluster": member["clusterByClusterId"]["slug"]}
                    for member in city["clusterMembershipsByCityId"]["nodes"]
                ],
            }
            for city in (edge["node"] for edge in cities["edges"])
        ],
    }


def hub_city(body: dict[str, Any]) -> dict[str, Any]:
    city = body["data"]["city"]
    practices = city["practices"]
    return {
        "slug": city["slug"],
        "name": city["name"],
        "admittedYear": city["admittedYear"],
        "country": _hub_country(city["country"]),
        "totalCount": practices["totalCount"],
        "practices": [
            {**node, "themes": [theme["slug"] for theme in node["themes"]]}
            for node in (edge["node"] for edge in practices["edges"])
        ],
    }


def peer_city(body: dict[str, Any]) -> dict[str, Any]:
    city = body["data"]["cityBySlug"]
    practices = city["practicesByCityId"]
    plain = ("slug", "title", "summary", "yearStart")
    return {
        "slug": city["slug"],
        "name": city["name"],
        "admittedYear": city["admittedYear"],
        "country": _peer_country(city["countryByCountryId"]),
        "totalCount": practices["totalCount"],
        "practices": [
            {**{key: node[key] for key in plain}, **_tags(node)}
            for node in (edge["node"] for edge in practices["edges"])
        ],
    }


def differences(hub: Any, peer: Any, path: str = "") -> list[str]:
    """Where two normalised answers differ (the first few), as `path: hub ≠ peer`."""
    if isinstance(hub, dict) and isinstance(peer, dict):
        found = []
        for key in sorted(hub.keys() | peer.keys()):
            found += differences(hub.get(key), peer.get(key), f"{path}.{key}")
        return found[:10]
    if isinstance(hub, list) and isinstance(peer, list):
        if len(hub) != len(peer):
            return [f"{path}: {len(hub)} items ≠ {len(peer)}"]
        found = []
        for index, (left, right) in enumerate(zip(hub, peer, strict=True)):
            found += differences(left, right, f"{path}[{index}]")
        return found[:10]
    return [] if hub == peer else [f"{path}: {hub!r} ≠ {peer!r}"]


def summary(portal: dict[str, Any]) -> dict[str, int]:
    """What a reader checks at a glance: how many of each thing the page holds."""
    cities = portal["cities"]
    return {
        "cities": len(cities),
        "practices": sum(len(city["practices"]) for city in cities),
        "tags": sum(len(p["sdgs"]) + len(p["themes"]) for c in cities for p in c["practices"]),
        "alliances": sum(len(city["alliances"]) for city in cities),
        "clusters": sum(len(city["clusters"]) for city in cities),
        "awards": sum(len(city["awards"]) for city in cities),
    }


# --- Servers --------------------------------------------------------------------------------


@dataclass
class ServedPostGraphile:
    """`node server.mjs` (bench/postgraphile/) on 127.0.0.1:``port`` over ``database_url``."""

    port: int
    database_url: str
    log_path: Path
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, wait_seconds: float = 120.0) -> None:
        if not NODE.exists():
            raise SystemExit(f"{NODE} is missing: run `make bench-peer` (it runs npm ci there)")
        env = {
            **os.environ,
            "NODE_ENV": "production",
            "DATABASE_URL": self.database_url,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
        }
        self.process = subprocess.Popen(
            [str(NODE), "server.mjs"],
            cwd=POSTGRAPHILE_DIR,
            env=env,
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"PostGraphile exited with {self.process.returncode}")
            try:
                answer = httpx.post(
                    f"{self.url}/graphql", json={"query": "{ __typename }"}, timeout=1
                )
                if answer.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"PostGraphile did not answer within {wait_seconds}s")

    def rss_mb(self) -> float:
        assert self.process is not None
        return rss_mb(self.process.pid)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# Uncompressed answers from both (PostGraphile does not compress; the hub would gzip).
HEADERS = {"Accept-Encoding": "identity"}


@dataclass(frozen=True)
class Request:
    """One GraphQL POST a client repeats."""

    query: str
    variables: dict[str, Any]

    async def send(self, client: httpx.AsyncClient) -> httpx.Response:
        response = await client.post(
            "/graphql", json={"query": self.query, "variables": self.variables}
        )
        if response.status_code != 200 or b'"errors"' in response.content:
            raise Failure(response)
        return response


class Failure(RuntimeError):
    """An answer that is not a 200 without errors; ``kind`` names it for the tally."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"{response.status_code}: {response.text[:500]}")
        try:
            errors = response.json().get("errors") or [{}]
            message = str(errors[0].get("message", ""))[:70]
        except ValueError:
            message = ""
        self.kind = f"HTTP {response.status_code} {message}".strip()


@dataclass(frozen=True)
class Case:
    """The same read asked of both servers, and how to put each answer in one shape."""

    label: str
    hub: Request
    peer: Request
    hub_shape: Callable[[dict[str, Any]], dict[str, Any]]
    peer_shape: Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class Throughput:
    """Answers per second (and errors) by case on each server; resident memory in MB."""

    hub: dict[str, dict[str, Any]] = field(default_factory=dict)
    peer: dict[str, dict[str, Any]] = field(default_factory=dict)
    rss: dict[str, float] = field(default_factory=dict)


@dataclass
class SizeResult:
    name: str
    facts: str
    checks: list[dict[str, Any]] = field(default_factory=list)
    timings: list[tuple[str, Timing, Timing]] = field(default_factory=list)
    throughput: Throughput = field(default_factory=Throughput)


async def check(case: Case, hub: httpx.AsyncClient, peer: httpx.AsyncClient) -> dict[str, Any]:
    """Both answers in one shape must be equal; what they hold, for the printed check."""
    hub_answer = await case.hub.send(hub)
    peer_answer = await case.peer.send(peer)
    left, right = case.hub_shape(hub_answer.json()), case.peer_shape(peer_answer.json())
    found = differences(left, right)
    if found:
        console.print(f"[red]{case.label}: the answers differ[/red]", *found, sep="\n  ")
        raise SystemExit(1)
    held = summary(left) if "cities" in left else {"practices": len(left["practices"])}
    return {
        "case": case.label,
        **held,
        "hub bytes": len(hub_answer.content),
        "PostGraphile bytes": len(peer_answer.content),
    }


async def alternate(
    case: Case, hub: httpx.AsyncClient, peer: httpx.AsyncClient, runs: int, warmup: int = 5
) -> tuple[Timing, Timing]:
    """Hub, PostGraphile, hub, …: both see the same moments of a noisy machine."""
    samples: dict[str, list[float]] = {"hub": [], "peer": []}
    for run in range(warmup + runs):
        for side, request, client in (("hub", case.hub, hub), ("peer", case.peer, peer)):
            started = time.perf_counter()
            await request.send(client)
            if run >= warmup:
                samples[side].append(time.perf_counter() - started)
    return Timing("hub", samples["hub"]), Timing("PostGraphile", samples["peer"])


async def load(url: str, request: Request, connections: int, seconds: float) -> dict[str, Any]:
    """``connections`` clients back to back for ``seconds``: answers per second, failures."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    done = 0
    failures: Counter[str] = Counter()
    async with httpx.AsyncClient(
        base_url=url, headers=HEADERS, limits=limits, timeout=60
    ) as client:
        # Every connection open before the clock starts.
        warmup = [request.send(client) for _ in range(connections)]
        await asyncio.gather(*warmup, return_exceptions=True)
        deadline = time.monotonic() + seconds

        async def one_client() -> None:
            nonlocal done
            while time.monotonic() < deadline:
                try:
                    await request.send(client)
                    done += 1
                except Failure as failure:
                    failures[failure.kind] += 1
                except httpx.HTTPError as error:
                    failures[type(error).__name__] += 1

        started = time.monotonic()
        await asyncio.gather(*(one_client() for _ in range(connections)))
        elapsed = time.monotonic() - started
    return {"req/s": done / elapsed, "errors": sum(failures.values()), "kinds": failures}


# --- One size -------------------------------------------------------------------------------


async def prepare(name: str, synthetic: SyntheticSize | None) -> tuple[str, dict[str, Any]]:
    """A fresh seeded database of this size, PostGraphile's computed column, and the facts
    the cases need (the middle city, the city with the most published practices)."""
    settings = bench_settings(f"peer-{name}")
    started = time.perf_counter()
    database: Database = await fresh_seeded_database(settings, synthetic)
    try:
        async with database.engine.begin() as connection:
            await connection.execute(text(public_alliances_function()))
        async with database.transaction() as session:
            cities = await session.scalar(select(func.count(City.id)))
            practices = await session.scalar(select(func.count(Practice.id)))
            middle = await middle_city(session, cities)
            busiest = await session.scalar(
                select(City.slug)
                .join(Practice, Practice.city_id == City.id)
                .where(Practice.status == PracticeStatus.PUBLISHED)
                .group_by(City.slug)
                .order_by(func.count().desc(), City.slug)
                .limit(1)
            )
    finally:
        await database.dispose()
    facts = {
        "cities": cities,
        "practices": practices,
        "middle offset": cities // 2,
        "hub after": middle_cursor(middle),
        "city": busiest,
        "built": time.perf_counter() - started,
    }
    return settings.resolved_database_url, facts


def cases(facts: dict[str, Any], peer_after: str) -> list[Case]:
    first = {"first": PAGE}
    city = {"slug": facts["city"], "first": CITY_PRACTICES}
    return [
        Case(
            f"portal: first {PAGE} cities",
            Request(PORTAL_QUERY, first),
            Request(PEER_PORTAL_QUERY, first),
            hub_portal,
            peer_portal,
        ),
        Case(
            f"portal: {PAGE} cities from #{facts['middle offset'] + 2}",
            Request(PORTAL_QUERY, {**first, "after": facts["hub after"]}),
            Request(PEER_PORTAL_QUERY, {**first, "after": peer_after}),
            hub_portal,
            peer_portal,
        ),
        Case(
            f"city by slug: {facts['city']}",
            Request(HUB_CITY_QUERY, city),
            Request(PEER_CITY_QUERY, city),
            hub_city,
            peer_city,
        ),
    ]


async def measure_size(
    hub: ServedHub, peer: ServedPostGraphile, facts: dict[str, Any], args: argparse.Namespace
) -> tuple[list[dict[str, Any]], list[tuple[str, Timing, Timing]], Throughput]:
    async with (
        httpx.AsyncClient(base_url=hub.url, headers=HEADERS, timeout=60) as hub_client,
        httpx.AsyncClient(base_url=peer.url, headers=HEADERS, timeout=60) as peer_client,
    ):
        cursor = await Request(PEER_CURSOR_QUERY, {"offset": facts["middle offset"]}).send(
            peer_client
        )
        peer_after = cursor.json()["data"]["allCities"]["edges"][0]["cursor"]
        chosen = cases(facts, peer_after)
        checks = [await check(case, hub_client, peer_client) for case in chosen]
        print_checks(checks)
        timings = []
        for case in chosen:
            console.print(f"  timing {case.label} ({args.runs} runs each) …")
            timings.append((case.label, *await alternate(case, hub_client, peer_client, args.runs)))
    throughput = Throughput()
    if not args.skip_throughput:
        await measure_throughput(hub, peer, chosen[:2], args, throughput)
    return checks, timings, throughput


async def measure_throughput(
    hub: ServedHub,
    peer: ServedPostGraphile,
    portal: list[Case],
    args: argparse.Namespace,
    into: Throughput,
) -> None:
    """The hub under load on each portal page, idle, then PostGraphile the same way."""
    into.rss["hub before"] = hub.rss_mb()
    for case in portal:
        console.print(f"  load on the hub: {case.label}, {args.seconds:.0f} s …")
        into.hub[case.label] = await load(hub.url, case.hub, args.connections, args.seconds)
    into.rss["hub after"] = hub.rss_mb()
    await asyncio.sleep(args.idle)
    into.rss[f"hub after {args.idle:.0f} s idle"] = hub.rss_mb()
    into.rss["PostGraphile before"] = peer.rss_mb()
    for case in portal:
        console.print(f"  load on PostGraphile: {case.label}, {args.seconds:.0f} s …")
        into.peer[case.label] = await load(peer.url, case.peer, args.connections, args.seconds)
    into.rss["PostGraphile after"] = peer.rss_mb()


def run_size(name: str, args: argparse.Namespace) -> SizeResult:
    database_url, facts = asyncio.run(prepare(name, NETWORK_SIZES[name]))
    result = SizeResult(
        name,
        f"{facts['cities']} cities, {facts['practices']} practices "
        f"(PostgreSQL; built in {facts['built']:.0f} s)",
    )
    console.print(f"[bold]{name}[/bold]: {result.facts}")
    data_dir = bench_settings(f"peer-{name}").data_dir
    shutil.rmtree(data_dir / "index", ignore_errors=True)
    hub = ServedHub(
        args.port,
        {
            "GNLC_DATABASE_URL": database_url,
            "GNLC_DATA_DIR": str(data_dir),
            "GNLC_GRAPHIQL": "false",
            "GNLC_SYNC_WORKER": "false",
            "GNLC_RATE_LIMIT_EXEMPT": "127.0.0.1",
        },
        data_dir / "serve.log",
    )
    peer = ServedPostGraphile(
        args.port + 1,
        make_url(database_url).set(drivername="postgresql").render_as_string(False),
        data_dir / "postgraphile.log",
    )
    try:
        hub.start()
        peer.start()
        result.checks, result.timings, result.throughput = asyncio.run(
            measure_size(hub, peer, facts, args)
        )
    finally:
        hub.stop()
        peer.stop()
    return result


# --- Printing -------------------------------------------------------------------------------


def print_checks(checks: list[dict[str, Any]]) -> None:
    table = Table(title="Same answers (normalised: no ids or cursors, SDGs as sorted numbers)")
    columns = list(dict.fromkeys(key for row in checks for key in row))
    for column in columns:
        table.add_column(column, justify="left" if column == "case" else "right")
    for row in checks:
        table.add_row(*(str(row.get(column, "")) for column in columns))
    console.print(table)
    console.print(f"  answers equal in all {len(checks)} cases: timing them")


def print_size(result: SizeResult) -> None:
    table = Table(title=f"hub vs PostGraphile 5 (PG), ms — {result.name}: {result.facts}")
    columns = ["case"]
    for side in ("hub", "PG"):
        columns += [f"{side} p50", f"{side} p95", f"{side} mean"]
    for column in (*columns, "hub/PG p50", "hub/PG p95"):
        table.add_column(column, justify="left" if column == "case" else "right")
    for label, hub, peer in result.timings:
        figures = [f"{ms:.1f}" for t in (hub, peer) for ms in (t.p50_ms, t.p95_ms, mean_ms(t))]
        table.add_row(
            label,
            *figures,
            f"{hub.p50_ms / peer.p50_ms:.2f}×",
            f"{hub.p95_ms / peer.p95_ms:.2f}×",
        )
    console.print(table)


def mean_ms(timing: Timing) -> float:
    """The mean, beside the median: what one connection's req/s follows, tail included."""
    return 1000 / timing.per_second


def print_throughput(results: list[SizeResult], args: argparse.Namespace) -> None:
    measured = [result for result in results if result.throughput.hub]
    if not measured:
        return
    table = Table(title=f"Throughput: {args.connections} connections, {args.seconds:.0f} s each")
    for column in ("size", "case", "hub req/s", "PostGraphile req/s", "hub/PG", "errors hub/PG"):
        table.add_column(column, justify="left" if column in ("size", "case") else "right")
    for result in measured:
        for label, hub in result.throughput.hub.items():
            peer = result.throughput.peer[label]
            table.add_row(
                result.name,
                label,
                f"{hub['req/s']:.1f}",
                f"{peer['req/s']:.1f}",
                f"{hub['req/s'] / peer['req/s']:.2f}×",
                f"{hub['errors']:.0f}/{peer['errors']:.0f}",
            )
    console.print(table)
    for result in measured:
        for side, figures in (("hub", result.throughput.hub), ("PG", result.throughput.peer)):
            for label, load_figures in figures.items():
                for kind, count in load_figures["kinds"].most_common():
                    console.print(f"  {result.name}, {label}, {side}: {count} × {kind}")
    memory = Table(title="Resident memory (MB): the hub around its load runs, then PostGraphile")
    moments = list(measured[0].throughput.rss)
    memory.add_column("size")
    for moment in moments:
        memory.add_column(moment, justify="right")
    for result in measured:
        memory.add_row(result.name, *(f"{result.throughput.rss[m]:.0f}" for m in moments))
    console.print(memory)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,10k", help="comma-separated: real, 10k")
    parser.add_argument("--runs", type=int, default=300, help="timed requests per server, case")
    parser.add_argument("--seconds", type=float, default=30, help="throughput run per server")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--idle", type=float, default=10, help="seconds idle before the last RSS")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("GNLC_PEER_PORT", 8610)),
        help="the hub's port; PostGraphile listens on the next one",
    )
    args = parser.parse_args()
    url = os.environ.get("GNLC_BENCH_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql")):
        sys.exit(
            "bench.peer needs PostgreSQL: set GNLC_BENCH_DATABASE_URL, e.g. "
            "postgresql://postgres@127.0.0.1:5432/gnlc_bench (its public schema is dropped)"
        )
    unknown = set(args.sizes.split(",")) - NETWORK_SIZES.keys()
    if unknown:
        parser.error(f"unknown sizes {sorted(unknown)}; known: {sorted(NETWORK_SIZES)}")
    results = []
    for name in args.sizes.split(","):
        results.append(run_size(name, args))
        print_size(results[-1])
    console.rule("summary")
    for result in results:
        print_size(result)
    print_throughput(results, args)


if __name__ == "__main__":
    main()
