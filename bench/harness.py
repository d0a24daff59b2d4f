"""Shared benchmark plumbing: fresh databases, timing and printing."""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import text

from bench.synthetic import SyntheticSize, generate
from gnlc_hub import migrate
from gnlc_hub.config import Settings, normalise_database_url
from gnlc_hub.db import Database
from gnlc_hub.seeding.loader import load_seeds

BENCH_DIR = Path(__file__).resolve().parent.parent / ".gnlc" / "bench"
console = Console()


def bench_settings(name: str) -> Settings:
    """Settings of a throw-away benchmark database (``GNLC_BENCH_DATABASE_URL`` for PostgreSQL)."""
    data_dir = BENCH_DIR / name
    url = os.environ.get("GNLC_BENCH_DATABASE_URL")
    if not url:
        shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    database_url = normalise_database_url(url) if url else None
    return Settings(data_dir=data_dir, database_url=database_url, sync_worker=False)


async def fresh_seeded_database(
    settings: Settings, synthetic: SyntheticSize | None = None
) -> Database:
    """The real seeds in an empty database, plus a synthetic network of ``synthetic`` size."""
    database = Database.from_url(settings.resolved_database_url)
    if database.dialect == "postgresql":
        async with database.engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    await migrate.upgrade(database.engine)
    async with database.transaction() as session:
        await load_seeds(session)
        if synthetic is not None:
            await generate(session, synthetic)
    await database.refresh_statistics()
    return database


@dataclass(frozen=True)
class Timing:
    label: str
    samples: list[float]

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.samples) * 1000

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.samples, n=20)[18] * 1000

    @property
    def per_second(self) -> float:
        return len(self.samples) / sum(self.samples)


async def measure(
    label: str, run: Callable[[], Awaitable[object]], *, runs: int, warmup: int = 5
) -> Timing:
    for _ in range(warmup):
        await run()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await run()
        samples.append(time.perf_counter() - started)
    return Timing(label, samples)


def print_timings(title: str, timings: list[Timing], baseline: Timing | None = None) -> None:
    table = Table(title=title)
    for column in ("case", "p50 ms", "p95 ms", "req/s", "× floor (p50)"):
        table.add_column(column, justify="right" if column != "case" else "left")
    for timing in timings:
        ratio = f"{timing.p50_ms / baseline.p50_ms:.1f}×" if baseline else ""
        table.add_row(
            timing.label,
            f"{timing.p50_ms:.2f}",
            f"{timing.p95_ms:.2f}",
            f"{timing.per_second:.0f}",
            ratio,
        )
    console.print(table)


def run_async(main: Awaitable[None]) -> None:
    asyncio.run(main)  # type: ignore[arg-type]
