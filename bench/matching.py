"""Peer-matching benchmark: `peerMatches` p50/p95 on the real network and at 10 000 cities /
100 000 practices (synthetic, see bench/synthetic.py), on the embedded engine.

    python -m bench.matching [--runs 100] [--sizes real,10k]

Each case is timed through the service (searches, facts from the database, scoring, reasons)
and one end-to-end through GraphQL (with evidence practices and alliances resolved), next to the
same searches run alone on the engine: the floor any matcher on this engine pays. "matching ms"
is the difference, the cost of matching itself.
Set GNLC_BENCH_DATABASE_URL to run on PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select
from strawberry.relay import to_base64

from bench.harness import (
    Timing,
    bench_settings,
    console,
    fresh_seeded_database,
    run_async,
)
from bench.synthetic import NETWORK_SIZES, SyntheticSize
from gnlc_hub.app import create_app
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.core.viewer import ANONYMOUS
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.db import Database
from gnlc_hub.matching.queries import SEARCH_READS, peer_matches
from gnlc_hub.matching.validation import MatchFilter, MatchRequest
from gnlc_hub.practices.models import Practice
from gnlc_hub.search.engine import MatchMode, SearchEngine, SearchRequest
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from gnlc_hub.search.indexing.rebuild import reindex

SHORT_NEED = "refugee integration"
LONG_NEED = (
    "Our city wants to involve older adults and young people in neighbourhood learning, "
    "improve digital skills and literacy, and measure progress with indicators; volunteers and "
    "the university should help us reach migrants and families in deprived districts."
)
GRAPHQL = """
query($cityId: ID, $need: String, $filter: PeerMatchFilter) {
  peerMatches(cityId: $cityId, need: $need, filter: $filter, first: 10) {
    matches { score city { slug name } practices { slug title }
              reasons { kind text highlights { snippet } } alliance { slug } }
    userErrors { message }
  }
}
"""


async def profiled_city(database: Database) -> int:
    """A city with profile priorities and challenges (synthetic cities all have them)."""
    async with database.sessions() as session:
        city_id = await session.scalar(
            select(CityProfile.city_id).where(CityProfile.challenges.is_not(None)).limit(1)
        )
        if city_id is None:  # the real network: profiles are empty, so give one a profile
            city_id = await session.scalar(select(City.id).where(City.slug == "larissa"))
            profile = await session.get(CityProfile, city_id)
            assert profile is not None
            profile.priorities = ["refugee integration", "adult literacy"]
            profile.challenges = "Keeping volunteers involved in non-formal learning."
            await session.commit()
        return int(city_id)


def service_case(
    database: Database, engine: SearchEngine, request: MatchRequest
) -> Callable[[], Awaitable[Any]]:
    async def run() -> None:
        async with database.sessions() as session:
            result = await peer_matches(session, engine, viewer=ANONYMOUS, request=request)
        assert result.matches, request

    return run


async def searches_of(database: Database, engine: SearchEngine, request: MatchRequest) -> list[str]:
    async with database.sessions() as session:
        result = await peer_matches(session, engine, viewer=ANONYMOUS, request=request)
    return list(result.need.queries)


def engine_only(engine: SearchEngine, queries: list[str]) -> Callable[[], Awaitable[Any]]:
    """The searches the matcher runs, and nothing else: what any matcher on this engine pays."""
    depth, highlight = SEARCH_READS[0]

    async def run() -> None:
        await asyncio.gather(
            *(
                engine.search(
                    SearchRequest(query=q, limit=depth, match=MatchMode.ANY, highlight=highlight)
                )
                for q in queries
            )
        )

    return run


async def side_by_side(
    label: str, floor: Callable[[], Awaitable[Any]], case: Callable[[], Awaitable[Any]], runs: int
) -> tuple[Timing, Timing]:
    """Alternate the two, so that a busy machine slows both alike."""
    for _ in range(3):
        await floor()
        await case()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for run, found in ((floor, samples[0]), (case, samples[1])):
            started = time.perf_counter()
            await run()
            found.append(time.perf_counter() - started)
    return Timing(f"engine: {label}", samples[0]), Timing(label, samples[1])


def print_cases(title: str, rows: list[tuple[str, int, Timing, Timing]]) -> None:
    table = Table(title=title)
    for column in ("case", "searches", "engine p50", "p50 ms", "p95 ms", "matching ms", "× engine"):
        table.add_column(column, justify="left" if column == "case" else "right", no_wrap=True)
    for label, searches, engine_timing, timing in rows:
        table.add_row(
            label,
            str(searches),
            f"{engine_timing.p50_ms:.1f}",
            f"{timing.p50_ms:.1f}",
            f"{timing.p95_ms:.1f}",
            f"{timing.p50_ms - engine_timing.p50_ms:.1f}",
            f"{timing.p50_ms / engine_timing.p50_ms:.1f}×",
        )
    wide = Console(width=130)
    wide.print(table)


async def bench_size(name: str, synthetic: SyntheticSize | None, runs: int) -> None:
    settings = bench_settings(f"matching-{name}")
    started = time.perf_counter()
    database = await fresh_seeded_database(settings, synthetic)
    engine = EmbeddedEngine(None)
    indexed = await reindex(database, engine)
    async with database.sessions() as session:
        cities = await session.scalar(select(func.count(City.id)))
        practices = await session.scalar(select(func.count(Practice.id)))
    asking = await profiled_city(database)
    console.print(
        f"[bold]{name}[/bold]: {cities} cities, {practices} practices, {indexed} indexed "
        f"({database.dialect}; built in {time.perf_counter() - started:.1f} s)"
    )
    # Real profiles have no population (the sources do not give it): band synthetic ones only.
    band = {"population_min": 50_000, "population_max": 2_000_000} if synthetic else {}
    narrowed = MatchFilter(
        regions=[RegionCode.EUROPE_AND_NORTH_AMERICA, RegionCode.AFRICA],
        exclude_allies=True,
        min_published_practices=2,
        **band,
    )
    cases = {
        "short need": MatchRequest(need=SHORT_NEED),
        "long need (3 searches)": MatchRequest(need=LONG_NEED),
        "city profile, no need": MatchRequest(city_id=asking),
        "city + need + filters": MatchRequest(city_id=asking, need=SHORT_NEED, filter=narrowed),
    }
    rows = []
    for label, request in cases.items():
        queries = await searches_of(database, engine, request)
        floor, timing = await side_by_side(
            label, engine_only(engine, queries), service_case(database, engine, request), runs
        )
        rows.append((f"service: {label}", len(queries), floor, timing))
    graphql_searches = await searches_of(database, engine, MatchRequest(need=SHORT_NEED))
    app = create_app(settings, database=database, search=engine)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        variables = {"cityId": to_base64("City", asking), "need": SHORT_NEED}

        async def graphql() -> None:
            response = await client.post(
                "/graphql", json={"query": GRAPHQL, "variables": variables}
            )
            body = response.json()
            assert "errors" not in body, body
            assert body["data"]["peerMatches"]["matches"], body

        floor, timing = await side_by_side(
            "GraphQL", engine_only(engine, graphql_searches), graphql, runs
        )
        rows.append(("GraphQL: city + need, full answer", len(graphql_searches), floor, timing))
    print_cases(f"peerMatches — {name} (engine: the same searches alone)", rows)
    await engine.close()
    await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--sizes", default="real,10k")
    args = parser.parse_args()

    async def run_all() -> None:
        for name in args.sizes.split(","):
            await bench_size(name, NETWORK_SIZES[name], args.runs)

    run_async(run_all())


if __name__ == "__main__":
    main()
