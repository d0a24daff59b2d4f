"""`make bench-geo`: geo queries at 10 000 cities / 100 000 learning places (synthetic).

Times, on the configured backend (SQLite by default; ``GNLC_BENCH_DATABASE_URL`` for
PostgreSQL): cities within 500 km of a point, learning places within 50 km and inside a 10° box,
each against the floor of reading every located row and measuring distances in Python (what a
query without the (latitude, longitude) index prefilter costs).
"""

from __future__ import annotations

import itertools
import random

from sqlalchemy import select

from bench.harness import bench_settings, fresh_seeded_database, measure, print_timings, run_async
from bench.synthetic import SyntheticSize
from gnlc_hub.cities.models import CityProfile
from gnlc_hub.core.geo import BoundingBox, GeoPoint, distance_km
from gnlc_hub.db import Database
from gnlc_hub.places import queries
from gnlc_hub.seeding.files import SEEDS_DIR, read_csv

RUNS = 200
SIZE = SyntheticSize.up_to(cities=10_000, practices=0, alliances=0)
SIZE = SyntheticSize(cities=SIZE.cities, practices=0, alliances=0, places=100_000)


def centres(count: int) -> list[GeoPoint]:
    rng = random.Random(14)
    return [GeoPoint(rng.uniform(-60, 70), rng.uniform(-180, 180)) for _ in range(count)]


async def bench(database: Database, label: str) -> None:
    points = itertools.cycle(centres(50))
    boxes = itertools.cycle(
        BoundingBox(p.latitude - 5, p.longitude - 5, p.latitude + 5, p.longitude + 5)
        for p in centres(50)
        if -175 < p.longitude < 175
    )
    counts: dict[str, list[int]] = {"cities": [], "places": []}

    async def cities_500() -> None:
        async with database.sessions() as session:
            found = await queries.cities_near(session, next(points), 500, first=500)
            counts["cities"].append(len(found))

    async def places_50() -> None:
        async with database.sessions() as session:
            found = await queries.places_near(session, next(points), 50, first=500)
            counts["places"].append(len(found))

    async def places_box() -> None:
        async with database.sessions() as session:
            await queries.places_in_box(session, next(boxes), first=500)

    async def floor_scan() -> None:
        centre = next(points)
        async with database.sessions() as session:
            rows = await session.execute(
                select(CityProfile.city_id, CityProfile.latitude, CityProfile.longitude).where(
                    CityProfile.latitude.is_not(None)
                )
            )
            near = [c for c, lat, lon in rows if distance_km(centre, GeoPoint(lat, lon)) <= 500]
            sorted(near)

    floor = await measure("floor: scan all cities, distances in Python", floor_scan, runs=RUNS)
    timings = [
        await measure("citiesNear 500 km (index prefilter + haversine)", cities_500, runs=RUNS),
        await measure("learningPlacesNear 50 km", places_50, runs=RUNS),
        await measure("learningPlacesInBox 10° × 10°", places_box, runs=RUNS),
        floor,
    ]
    print_timings(f"Geo queries, {label} ({database.dialect})", timings, baseline=floor)
    mean = {k: sum(v) / len(v) for k, v in counts.items() if v}
    print(
        f"mean results: cities within 500 km {mean['cities']:.1f}, places within 50 km "
        f"{mean['places']:.2f}"
    )


async def main() -> None:
    settings = bench_settings("geo")
    database = await fresh_seeded_database(settings, SIZE)
    try:
        seeded = len(read_csv(SEEDS_DIR / "cities.csv"))
        await bench(database, f"{seeded + SIZE.cities} cities / {SIZE.places} places")
    finally:
        await database.dispose()


if __name__ == "__main__":
    run_async(main())
