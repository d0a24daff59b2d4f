"""Portal-query benchmark: the hub's GraphQL vs hand-written SQL + JSON of the same data.

    python -m bench.portal [--runs 200] [--page 50] [--sizes real,10k] [--default-gc]

`real` is the seeded GNLC network; `10k` adds synthetic cities and practices up to 10 000
cities and 100 000 practices. Set GNLC_BENCH_DATABASE_URL to run on PostgreSQL. The garbage
collector is tuned as the served hub tunes it at start-up (``--default-gc`` leaves CPython's
defaults, to compare); the peak RSS of the process is printed after each size.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict
from typing import Any

import httpx
import orjson
from sqlalchemy import Row, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bench.harness import (
    bench_settings,
    console,
    fresh_seeded_database,
    measure,
    print_timings,
    run_async,
)
from bench.served import rss_mb
from bench.synthetic import NETWORK_SIZES, SyntheticSize
from gnlc_hub.app import create_app
from gnlc_hub.cities.models import City
from gnlc_hub.db import Database
from gnlc_hub.gc_tuning import tune_garbage_collector
from gnlc_hub.practices.models import Practice

PORTAL_QUERY = """
query Portal($first: Int!, $after: String) {
  cities(first: $first, after: $after) {
    totalCount
    edges { cursor node {
      id slug name admittedYear
      country { iso2 name region { code name } }
      awards { year }
      practices(first: 20) { edges { node { slug title sdgs themes { slug } } } }
      alliances(first: 20) { edges { node { slug status } } }
      clusters { role cluster { slug } }
    } }
  }
}
"""

FLOOR_CITIES = """
SELECT c.id, c.slug, c.name, c.admitted_year, c.sort_name, co.iso2, co.name AS country,
       r.code AS region_code, r.name AS region_name
FROM cities c JOIN countries co ON co.id = c.country_id JOIN regions r ON r.id = co.region_id
WHERE (c.sort_name, c.id) > (:sort_name, :id)
ORDER BY c.sort_name, c.id LIMIT :limit
"""
FLOOR_PRACTICES = """
SELECT p.city_id, p.id, p.slug, p.title, t.facet, t.value
FROM practices p LEFT JOIN practice_tags t ON t.practice_id = p.id AND t.facet IN ('SDG', 'THEME')
WHERE p.city_id IN :ids AND p.status = 'PUBLISHED' ORDER BY p.sort_title, p.id
"""
FLOOR_ALLIANCES = """
SELECT m.city_id, a.slug, a.status FROM alliance_members m JOIN alliances a ON a.id = m.alliance_id
WHERE m.city_id IN :ids AND a.status IN ('ACTIVE', 'CONCLUDED') ORDER BY a.name, a.id
"""
FLOOR_CLUSTERS = """
SELECT m.city_id, m.role, c.slug FROM cluster_memberships m JOIN clusters c ON c.id = m.cluster_id
WHERE m.city_id IN :ids ORDER BY m.id
"""
FLOOR_AWARDS = "SELECT city_id, year FROM awards WHERE city_id IN :ids ORDER BY year"
FLOOR_COUNT = "SELECT count(*) FROM cities"


async def floor_page(database: Database, start: tuple[str, int], size: int) -> bytes:
    """The same data as PORTAL_QUERY with hand-written SQL and orjson: the speed floor."""
    from sqlalchemy import bindparam

    async with database.engine.connect() as connection:
        cities = (
            await connection.execute(
                text(FLOOR_CITIES), {"sort_name": start[0], "id": start[1], "limit": size}
            )
        ).all()
        ids = [row.id for row in cities]
        bound = {"ids": ids}

        def expanding(sql: str) -> Any:
            return text(sql).bindparams(bindparam("ids", expanding=True))

        practices: dict[int, dict[int, dict]] = defaultdict(dict)
        for row in await connection.execute(expanding(FLOOR_PRACTICES), bound):
            practice = practices[row.city_id].setdefault(
                row.id, {"slug": row.slug, "title": row.title, "sdgs": [], "themes": []}
            )
            if row.facet == "SDG":
                practice["sdgs"].append(int(row.value))
            elif row.facet == "THEME":
                practice["themes"].append({"slug": row.value})
        grouped: dict[str, dict[int, list]] = {
            "alliances": defaultdict(list),
            "clusters": defaultdict(list),
            "awards": defaultdict(list),
        }
        for row in await connection.execute(expanding(FLOOR_ALLIANCES), bound):
            grouped["alliances"][row.city_id].append({"slug": row.slug, "status": row.status})
        for row in await connection.execute(expanding(FLOOR_CLUSTERS), bound):
            grouped["clusters"][row.city_id].append(
                {"role": row.role, "cluster": {"slug": row.slug}}
            )
        for row in await connection.execute(expanding(FLOOR_AWARDS), bound):
            grouped["awards"][row.city_id].append({"year": row.year})
        total = (await connection.execute(text(FLOOR_COUNT))).scalar_one()
    edges = [
        {
            "cursor": f"{row.sort_name}:{row.id}",
            "node": {
                "id": row.id,
                "slug": row.slug,
                "name": row.name,
                "admittedYear": row.admitted_year,
                "country": {
                    "iso2": row.iso2,
                    "name": row.country,
                    "region": {"code": row.region_code, "name": row.region_name},
                },
                "awards": grouped["awards"][row.id],
                "practices": [{**p, "sdgs": sorted(p["sdgs"])} for p in practices[row.id].values()],
                "alliances": grouped["alliances"][row.id],
                "clusters": grouped["clusters"][row.id],
            },
        }
        for row in cities
    ]
    return orjson.dumps({"data": {"cities": {"totalCount": total, "edges": edges}}})


async def middle_city(session: AsyncSession, cities: int) -> Row[tuple[str, int]]:
    """Sort key of the city half-way down the list: a portal deep in its pagination starts
    its page after it."""
    statement = (
        select(City.sort_name, City.id).order_by(City.sort_name, City.id).offset(cities // 2)
    )
    return (await session.execute(statement.limit(1))).one()


def middle_cursor(middle: Row[tuple[str, int]]) -> str:
    """The hub's `after` cursor of that city (the portal's default order, by name)."""
    from gnlc_hub.graphql.core.pagination import encode_cursor

    return encode_cursor("cities:NAME:ASC", [middle.sort_name, middle.id])


async def bench_size(
    name: str, synthetic: SyntheticSize | None, runs: int, page: int, tune_gc: bool
) -> None:
    settings = bench_settings(f"portal-{name}")
    started = time.perf_counter()
    database = await fresh_seeded_database(settings, synthetic)
    async with database.transaction() as session:
        cities = await session.scalar(select(func.count(City.id)))
        practices = await session.scalar(select(func.count(Practice.id)))
        middle = await middle_city(session, cities)
    console.print(
        f"[bold]{name}[/bold]: {cities} cities, {practices} practices "
        f"({database.dialect}; built in {time.perf_counter() - started:.1f} s)"
    )
    app = create_app(settings, database=database)
    if tune_gc:
        tune_garbage_collector()  # as the app's lifespan does once started
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        first = await client.post(
            "/graphql", json={"query": PORTAL_QUERY, "variables": {"first": page}}
        )
        assert "errors" not in first.json(), first.text
        variables = {"first": page, "after": middle_cursor(middle)}

        async def graphql() -> None:
            response = await client.post(
                "/graphql", json={"query": PORTAL_QUERY, "variables": variables}
            )
            assert response.status_code == 200
            assert len(response.json()["data"]["cities"]["edges"]) == page

        async def floor() -> None:
            body = await floor_page(database, (middle.sort_name, middle.id), page)
            assert len(orjson.loads(body)["data"]["cities"]["edges"]) == page

        baseline = await measure("hand-written SQL + orjson (floor)", floor, runs=runs)
        hub = await measure(f"GraphQL portal query, {page} cities", graphql, runs=runs)
    gc_mode = "tuned" if tune_gc else "CPython defaults"
    print_timings(f"Portal query — {name}", [baseline, hub], baseline)
    console.print(f"RSS after the runs {rss_mb(os.getpid()):.0f} MB (GC {gc_mode})")
    await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--page", type=int, default=50)
    parser.add_argument("--sizes", default="real,10k")
    parser.add_argument("--default-gc", action="store_true", help="leave the GC untuned")
    args = parser.parse_args()

    async def run_all() -> None:
        for name in args.sizes.split(","):
            await bench_size(
                name, NETWORK_SIZES[name], args.runs, args.page, tune_gc=not args.default_gc
            )

    run_async(run_all())


if __name__ == "__main__":
    main()
