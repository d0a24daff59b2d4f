"""Monitoring benchmark: `reportingStatus` and a city `benchmark` at 10 000 cities x 3 cycles.

    python -m bench.monitoring [--runs 50] [--cities 10000]

The network is the real seeds plus synthetic cities (bench/synthetic.py) up to ``--cities``;
three biennial cycles are opened and most expected cities get a report (synthetic, flagged
``is_example``): 75 % accepted, 8 % submitted, 7 % drafts or returned, 10 % none. Every report
rates the twelve areas; accepted ones give the three example indicators. Requests go through
GraphQL as the secretariat, next to the cheapest authenticated request (the floor).
Set GNLC_BENCH_DATABASE_URL to run on PostgreSQL.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, date, datetime, time
from typing import Any

import httpx
from sqlalchemy import func, select

from bench.harness import (
    bench_settings,
    console,
    fresh_seeded_database,
    measure,
    print_timings,
    run_async,
)
from bench.synthetic import SyntheticSize, _insert_batches
from gnlc_hub.app import create_app
from gnlc_hub.auth.tokens import issue_token
from gnlc_hub.cities.models import City
from gnlc_hub.core.clock import Clock
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import Database, utcnow
from gnlc_hub.monitoring.enums import ReportStatus
from gnlc_hub.monitoring.models import (
    AreaRating,
    Indicator,
    IndicatorValue,
    KeyFeatureArea,
    ProgressReport,
    ReportingCycle,
)

TODAY = date(2026, 3, 1)  # every cycle has closed: missing reports are overdue
CYCLES = [("2020–2021", 2020), ("2022–2023", 2022), ("2024–2025", 2024)]
STATUS_QUERY = """query($filter: ReportingStatusFilter) {
  reportingStatus(cycle: "2024-2025", filter: $filter, first: 50) {
    totalCount
    edges { node { standing expectation overdueDays city { slug name country { iso2 } }
                   report { status submittedAt } } }
  } }"""
BENCHMARK_QUERY = """query($city: String!) { benchmark(city: $city, cycle: "2024-2025") {
  report { status }
  areas { area { number } cityRating groups { group count median lowerQuartile upperQuartile
          withheld statement } }
  indicators { indicator { slug } cityValue groups { group count median } } } }"""
TRENDS_QUERY = """query($city: String!) { benchmark(city: $city, cycle: "2024-2025") {
  trends { area { number } points { cycle { slug } cityRating network { median count } } } } }"""


async def generate_reports(database: Database, *, seed: int = 2026) -> dict[str, int]:
    """Three cycles and their reports; returns row counts."""
    rng = random.Random(seed)
    now = utcnow()
    async with database.transaction() as session:
        areas = list(await session.scalars(select(KeyFeatureArea.id)))
        indicators = list(await session.scalars(select(Indicator.id)))
        cities = (
            await session.execute(select(City.id, City.admitted_year).order_by(City.id))
        ).all()
        first_report = int(
            await session.scalar(select(func.coalesce(func.max(ProgressReport.id), 0)))
        )
        cycles = []
        for name, year in CYCLES:
            cycle = ReportingCycle(
                slug=f"{year}-{year + 1}",
                name=name,
                opens_on=date(year, 4, 1),
                closes_on=date(year + 1, 12, 31),
                is_example=True,
            )
            session.add(cycle)
            cycles.append((cycle, year))
        await session.flush()
        reports, ratings, values = [], [], []
        statuses = [ReportStatus.ACCEPTED] * 75 + [ReportStatus.SUBMITTED] * 8
        statuses += [ReportStatus.DRAFT] * 4 + [ReportStatus.RETURNED] * 3 + [None] * 10
        report_id = first_report
        for cycle, year in cycles:
            for city_id, admitted in cities:
                status = rng.choice(statuses)
                if status is None or (admitted is not None and admitted >= year):
                    continue
                report_id += 1
                reports.append(
                    {
                        "id": report_id,
                        "city_id": city_id,
                        "cycle_id": cycle.id,
                        "status": status.name,
                        "narrative": "Synthetic report.",
                        "is_public": rng.random() < 0.5,
                        "submitted_at": now if status is not ReportStatus.DRAFT else None,
                        "accepted_at": now if status is ReportStatus.ACCEPTED else None,
                        "is_example": True,
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                ratings.extend(
                    {
                        "report_id": report_id,
                        "area_id": area,
                        "rating": rng.randint(1, 5),
                        "justification": "Synthetic.",
                    }
                    for area in areas
                )
                if status is ReportStatus.ACCEPTED:
                    values.extend(
                        {
                            "report_id": report_id,
                            "indicator_id": indicator,
                            "value": round(rng.uniform(0, 100), 1),
                            "year": year + 1,
                        }
                        for indicator in indicators
                    )
        await _insert_batches(session, ProgressReport, reports)
        await _insert_batches(session, AreaRating, ratings)
        await _insert_batches(session, IndicatorValue, values)
    await database.refresh_statistics()
    return {"reports": len(reports), "ratings": len(ratings), "indicator values": len(values)}


async def bench(runs: int, cities: int) -> None:
    settings = bench_settings("monitoring")
    size = SyntheticSize.up_to(cities=cities, practices=0, alliances=0)
    database = await fresh_seeded_database(settings, size)
    counts = await generate_reports(database)
    async with database.transaction() as session:
        total = await session.scalar(select(func.count()).select_from(City))
        subject = await session.scalar(
            select(City.slug)
            .join(ProgressReport, ProgressReport.city_id == City.id)
            .where(ProgressReport.status == ReportStatus.ACCEPTED, City.is_example.is_(True))
            .limit(1)
        )
        staff = await issue_token(session, role=Role.SECRETARIAT, name="bench staff")
    console.print(f"{total} cities, 3 cycles, " + ", ".join(f"{v} {k}" for k, v in counts.items()))

    app = create_app(
        settings, database=database, clock=Clock(datetime.combine(TODAY, time(12), UTC))
    )
    headers = {"Authorization": f"Bearer {staff.secret}"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:

        def request(query: str, variables: dict[str, Any] | None = None, check=None) -> Any:
            async def run() -> None:
                response = await http.post(
                    "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
                )
                body = response.json()
                assert "errors" not in body, body
                if check:
                    check(body["data"])

            return run

        def has_edges(data: dict) -> None:
            assert data["reportingStatus"]["edges"], data

        def has_groups(data: dict) -> None:
            assert not data["benchmark"]["areas"][0]["groups"][0]["withheld"], data

        floor = await measure(
            "floor: { viewer { role } }", request("{ viewer { role } }"), runs=runs
        )
        timings = [
            floor,
            await measure(
                "reportingStatus, first 50",
                request(STATUS_QUERY, {}, has_edges),
                runs=runs,
            ),
            await measure(
                "reportingStatus, OVERDUE in one region",
                request(
                    STATUS_QUERY,
                    {"filter": {"standings": ["OVERDUE"], "regions": ["EUROPE_AND_NORTH_AMERICA"]}},
                    has_edges,
                ),
                runs=runs,
            ),
            await measure(
                "benchmark: 12 areas x 3 groups + indicators",
                request(BENCHMARK_QUERY, {"city": subject}, has_groups),
                runs=runs,
            ),
            await measure(
                "benchmark trends: 12 areas x 3 cycles",
                request(TRENDS_QUERY, {"city": subject}),
                runs=runs,
            ),
        ]
    print_timings(
        f"monitoring at {total} cities x 3 cycles ({database.dialect})", timings, baseline=floor
    )
    await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--cities", type=int, default=10_000)
    args = parser.parse_args()
    run_async(bench(args.runs, args.cities))


if __name__ == "__main__":
    main()
