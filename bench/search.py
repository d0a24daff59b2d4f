"""Search benchmark: indexing throughput and query latency at 100 000 practices, vs SQL LIKE.

    python -m bench.search [--practices 100000] [--runs 100]

The data is the real seed network plus a clearly synthetic set of practices (bench.synthetic,
every row flagged is_example and titled from a fixed word list), in a throw-away database
under .gnlc/bench. The embedded engine is measured; set GNLC_MEILI_URL (and GNLC_MEILI_KEY)
to measure Meilisearch in the same run, on the same documents, with a table comparing both.
The floor for every query is a SQL `LIKE` scan over title, summary and body of the same rows
(first page + total count, like a search result), on the same database.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Awaitable, Callable

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import text

from bench.harness import (
    Timing,
    bench_settings,
    console,
    fresh_seeded_database,
    measure,
    run_async,
)
from bench.synthetic import SyntheticSize, seeded_counts
from gnlc_hub.app import create_app
from gnlc_hub.db import Database
from gnlc_hub.search.engine import (
    Facet,
    PracticeDocument,
    SearchEngine,
    SearchFilter,
    SearchRequest,
)
from gnlc_hub.search.engines.embedded import EmbeddedEngine
from gnlc_hub.search.engines.meilisearch import MeilisearchEngine
from gnlc_hub.search.indexing.documents import prepare_engine, published_document_batches
from gnlc_hub.search.indexing.rebuild import reindex

FACETS = [Facet.REGION, Facet.THEME, Facet.SDG]
THEMED = SearchFilter(
    {Facet.REGION: ["AFRICA", "ARAB_STATES"], Facet.THEME: ["literacy", "entrepreneurship"]}
)
# (case, engine request, equivalent LIKE words, LIKE restricted to the same facets?)
CASES: list[tuple[str, SearchRequest, list[str], bool]] = [
    ("plain: 'museum heritage'", SearchRequest("museum heritage"), ["museum", "heritage"], False),
    ("plain: 'apprenticeship'", SearchRequest("apprenticeship"), ["apprenticeship"], False),
    ("typo: 'refugess'", SearchRequest("refugess"), ["refugees"], False),
    ("typo: 'entrepreneurshp'", SearchRequest("entrepreneurshp"), ["entrepreneurship"], False),
    ("prefix: 'intergen'", SearchRequest("intergen"), ["intergen"], False),
    (
        "faceted: 'library' + region/theme + 3 facet counts",
        SearchRequest("library", filter=THEMED, facets=FACETS),
        ["library"],
        True,
    ),
    ("browse + 3 facet counts", SearchRequest("", facets=FACETS), [], False),
]

LIKE_PAGE = """
SELECT p.id FROM practices p WHERE p.status = 'PUBLISHED' {words} {facets}
ORDER BY p.id LIMIT 20
"""
LIKE_COUNT = "SELECT count(*) FROM practices p WHERE p.status = 'PUBLISHED' {words} {facets}"
FACET_CONDITION = """
AND p.city_id IN (SELECT c.id FROM cities c JOIN countries co ON co.id = c.country_id
                  JOIN regions r ON r.id = co.region_id WHERE r.code IN ('AFRICA', 'ARAB_STATES'))
AND p.id IN (SELECT practice_id FROM practice_tags
             WHERE facet = 'THEME' AND value IN ('literacy', 'entrepreneurship'))
"""
LIKE_FACET_COUNTS = """
SELECT t.facet, t.value, count(*) FROM practice_tags t JOIN practices p ON p.id = t.practice_id
WHERE p.status = 'PUBLISHED' {words} {facets} AND t.facet IN ('THEME', 'SDG') GROUP BY 1, 2
"""


def like_condition(words: list[str]) -> str:
    return "".join(
        f" AND (lower(p.title) LIKE '%{w}%' OR lower(p.summary) LIKE '%{w}%'"
        f" OR lower(p.body) LIKE '%{w}%')"
        for w in words
    )


def like_search(database: Database, words: list[str], faceted: bool, counts: bool):
    parts = {"words": like_condition(words), "facets": FACET_CONDITION if faceted else ""}
    statements = [LIKE_PAGE.format(**parts), LIKE_COUNT.format(**parts)]
    if counts:
        statements.append(LIKE_FACET_COUNTS.format(**parts))

    async def run() -> None:
        async with database.engine.connect() as connection:
            for statement in statements:
                await connection.execute(text(statement))

    return run


async def all_documents(database: Database) -> list[PracticeDocument]:
    documents: list[PracticeDocument] = []
    async with database.sessions() as session:
        async for batch in published_document_batches(session, batch_size=2000):
            documents.extend(batch)
    return documents


async def indexing(
    database: Database, engine: SearchEngine, documents: list[PracticeDocument]
) -> list[tuple[str, float]]:
    """Documents per second: pure indexing of prepared documents, and a full reindex."""
    await prepare_engine(database, engine)

    async def batches():
        for start in range(0, len(documents), 2000):
            yield documents[start : start + 2000]

    started = time.perf_counter()
    await engine.replace_all(batches())
    pure = len(documents) / (time.perf_counter() - started)
    started = time.perf_counter()
    count = await reindex(database, engine)
    full = count / (time.perf_counter() - started)
    return [
        (f"{engine.name}: index prepared documents", pure),
        (f"{engine.name}: reindex from the database (read + build + index)", full),
    ]


def print_table(title: str, rows: list[tuple[str, Timing, Timing | None]]) -> None:
    table = Table(title=title)
    for column in ("case", "p50 ms", "p95 ms", "LIKE p50 ms", "LIKE p95 ms", "LIKE / engine"):
        table.add_column(column, justify="left" if column == "case" else "right")
    for label, timing, floor in rows:
        table.add_row(
            label,
            f"{timing.p50_ms:.2f}",
            f"{timing.p95_ms:.2f}",
            f"{floor.p50_ms:.1f}" if floor else "",
            f"{floor.p95_ms:.1f}" if floor else "",
            f"{floor.p50_ms / timing.p50_ms:.0f}×" if floor else "",
        )
    Console(width=140).print(table)


def print_comparison(
    documents: int, rates: dict[str, list[float]], timings: dict[str, list[Timing]]
) -> None:
    """Both engines side by side: indexing rates and query latencies, Meilisearch / embedded."""
    embedded, meili = timings["embedded"], timings["meilisearch"]
    table = Table(title=f"embedded vs Meilisearch over {documents:,} practices")
    for column in ("case", "embedded p50/p95 ms", "Meilisearch p50/p95 ms", "Meili / embedded"):
        table.add_column(column, justify="left" if column == "case" else "right")
    for kind, (own, other) in zip(
        ("index prepared documents (docs/s)", "reindex from the database (docs/s)"),
        zip(rates["embedded"], rates["meilisearch"], strict=True),
        strict=True,
    ):
        table.add_row(kind, f"{own:,.0f}", f"{other:,.0f}", f"{other / own:.2f}×")
    for own, other in zip(embedded, meili, strict=True):
        table.add_row(
            own.label,
            f"{own.p50_ms:.2f} / {own.p95_ms:.2f}",
            f"{other.p50_ms:.2f} / {other.p95_ms:.2f}",
            f"{other.p50_ms / own.p50_ms:.2f}×",
        )
    Console(width=140).print(table)


async def main(practices: int, runs: int, like_runs: int) -> None:
    settings = bench_settings("search")
    console.print(f"building the benchmark database ({practices} practices, synthetic)…")
    # Synthetic practices make up the rest, about 100 to a synthetic city.
    added = practices - seeded_counts()[1]
    size = SyntheticSize(cities=max(1, practices // 100), practices=added, alliances=0)
    database = await fresh_seeded_database(settings, size)
    started = time.perf_counter()
    documents = await all_documents(database)
    console.print(
        f"{len(documents)} published practices; documents built from the database at "
        f"{len(documents) / (time.perf_counter() - started):,.0f}/s"
    )
    engines: list[SearchEngine] = [EmbeddedEngine(settings.index_dir)]
    if os.environ.get("GNLC_MEILI_URL"):
        engines.append(
            MeilisearchEngine(
                os.environ["GNLC_MEILI_URL"], os.environ.get("GNLC_MEILI_KEY"), "gnlc_bench"
            )
        )
    else:
        console.print("Meilisearch not measured: set GNLC_MEILI_URL to a Meilisearch server")
    rates: dict[str, list[float]] = {}
    for engine in engines:
        for label, rate in await indexing(database, engine, documents):
            console.print(f"{label}: [bold]{rate:,.0f} documents/s[/bold]")
            rates.setdefault(engine.name, []).append(rate)

    floors: dict[str, Timing] = {}
    for label, request, words, faceted in CASES:
        run = like_search(database, words, faceted, counts=bool(request.facets))
        floors[label] = await measure(label, run, runs=like_runs, warmup=1)

    timings: dict[str, list[Timing]] = {}
    for engine in engines:
        rows = []
        for label, request, _, _ in CASES:
            timing = await measure(label, _searcher(engine, request), runs=runs)
            rows.append((label, timing, floors[label]))
            timings.setdefault(engine.name, []).append(timing)
        print_table(
            f"{engine.name} search over {len(documents):,} practices (20 hits, highlights)", rows
        )
    if len(engines) == 2:
        print_comparison(len(documents), rates, timings)

    app = create_app(settings, database=database, search=engines[0])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        body = {
            "query": '{ searchPractices(query: "refugess", facets: [REGION, THEME]) { totalHits'
            " edges { score highlights { snippet } node { slug title city { name } } }"
            " facetDistribution { facet values { value count } } } }"
        }

        async def over_http() -> None:
            response = await client.post("/graphql", json=body)
            assert "errors" not in response.json()

        timing = await measure("GraphQL searchPractices", over_http, runs=runs)
    print_table(
        "end to end over HTTP (typo query, 20 hits hydrated, 2 facets)",
        [("GraphQL searchPractices 'refugess'", timing, floors["typo: 'refugess'"])],
    )
    for engine in engines:
        await engine.close()
    await database.dispose()


def _searcher(engine: SearchEngine, request: SearchRequest) -> Callable[[], Awaitable[object]]:
    return lambda: engine.search(request)


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--like-runs", type=int, default=20)
    arguments = parser.parse_args()
    run_async(main(arguments.practices, arguments.runs, arguments.like_runs))


if __name__ == "__main__":
    cli()
