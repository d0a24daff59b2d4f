"""``gnlc-hub reindex`` and ``gnlc-hub worker``, and keeping the index in step after seeding."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.search.engine import PracticeDocument, SearchEngine, SearchEngineError
from gnlc_hub.search.engines.factory import create_search_engine
from gnlc_hub.search.indexing import outbox
from gnlc_hub.search.indexing.documents import count_published, published_document_batches
from gnlc_hub.search.indexing.setup import prepare_engine
from gnlc_hub.search.indexing.sync import OutboxSync, SyncReport

Command = Callable[..., None]

console = Console()
notes = Console(stderr=True)


@asynccontextmanager
async def opened(settings: Settings) -> AsyncIterator[tuple[Database, SearchEngine]]:
    database = Database.from_url(settings.resolved_database_url)
    engine = create_search_engine(settings)
    try:
        yield database, engine
    finally:
        await engine.close()
        await database.dispose()


async def reindex(
    database: Database, engine: SearchEngine, *, on_batch: Callable[[int], None] | None = None
) -> int:
    """Rebuild ``engine``'s index from the published practices of ``database``.

    Outbox entries already pending when it starts are reflected in what it reads, so they are
    marked processed afterwards; later ones stay for the sync worker.
    """
    await prepare_engine(database, engine)
    async with database.sessions() as session:
        covered = await outbox.pending_ids(session)

        async def batches() -> AsyncIterator[Sequence[PracticeDocument]]:
            async for batch in published_document_batches(session):
                yield batch
                if on_batch is not None:
                    on_batch(len(batch))

        count = await engine.replace_all(batches())
    async with database.transaction() as session:
        await outbox.mark_processed(session, covered)
    return count


async def catch_up(database: Database, engine: SearchEngine) -> SyncReport:
    """Drain the whole outbox now (after seeding, or `worker --once`)."""
    if not await engine.claim_writer():
        raise SearchEngineError(
            f"another process writes the {engine.name} index; its sync worker will catch up"
        )
    await prepare_engine(database, engine)
    return await OutboxSync(database, engine).drain()


async def bring_up_to_date(database: Database, engine: SearchEngine) -> None:
    """An empty index over a database with practices is rebuilt; otherwise the outbox drained."""
    await prepare_engine(database, engine)
    health = await engine.health()
    async with database.sessions() as session:
        published = await count_published(session)
    if health.ok and health.documents == 0 and published:
        await reindex(database, engine)
    else:
        await catch_up(database, engine)


def sync_index(settings: Settings) -> None:
    """Best effort, after seeding and before serving: leave the index equal to the database.

    Failing here is not fatal: the outbox keeps every change and a sync worker catches up.
    """

    async def run() -> tuple[str, int | None]:
        async with opened(settings) as (database, engine):
            await bring_up_to_date(database, engine)
            return engine.name.value, (await engine.health()).documents

    try:
        name, documents = asyncio.run(run())
    except SearchEngineError as error:
        notes.print(f"[yellow]search index not updated yet[/yellow] ({error})")
        return
    console.print(f"search index ({name}): {documents} published practices")


def register_search_commands(
    app: typer.Typer,
    guard: Callable[[Command], Command],
    settings: Callable[[], Settings],
    error: type[Exception],
) -> None:
    """Add ``reindex`` and ``worker`` to ``app``; ``guard``/``error`` as for the other commands."""

    @app.command("reindex")
    @guard
    def reindex_command() -> None:
        """Rebuild the search index from the database, with a progress bar."""

        async def run() -> int:
            async with opened(settings()) as (database, engine):
                async with database.sessions() as session:
                    total = await count_published(session)
                with Progress(
                    TextColumn(f"indexing into {engine.name}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeRemainingColumn(),
                    console=console,
                ) as progress:
                    task = progress.add_task("practices", total=total)
                    return await reindex(
                        database, engine, on_batch=lambda n: progress.advance(task, n)
                    )

        try:
            count = asyncio.run(run())
        except SearchEngineError as failure:
            raise error(f"reindex failed: {failure}") from None
        console.print(f"search index rebuilt: {count} published practices")

    @app.command("worker")
    @guard
    def worker_command(
        once: Annotated[
            bool, typer.Option("--once", help="Drain what is due, then exit (for cron jobs).")
        ] = False,
        retry_failed: Annotated[
            bool,
            typer.Option(
                "--retry-failed", help="Retry postponed entries now (after an engine outage)."
            ),
        ] = False,
        poll: Annotated[
            float, typer.Option(min=0.1, help="Seconds between polls of the outbox.")
        ] = 2.0,
    ) -> None:
        """Drain the search outbox into the engine (run with GNLC_SYNC_WORKER=false servers)."""

        async def run() -> SyncReport | None:
            async with opened(settings()) as (database, engine):
                if retry_failed:
                    await OutboxSync(database, engine).retry_now()
                if once:
                    return await catch_up(database, engine)
                if not await engine.claim_writer():
                    raise error(
                        f"another process writes the {engine.name} index; run one worker per "
                        "embedded index (or use Meilisearch to run several)"
                    )
                await _until_stopped(OutboxSync(database, engine, poll_seconds=poll).run())
                return None

        try:
            report = asyncio.run(run())
        except SearchEngineError as failure:
            raise error(f"search sync failed: {failure}") from None
        if report is not None:
            console.print(
                f"{report.entries} outbox entries: {report.upserted} indexed, "
                f"{report.deleted} removed, {report.failed} postponed"
            )


async def _until_stopped(work: Coroutine[Any, Any, None]) -> None:
    """Run ``work`` until SIGINT or SIGTERM, then cancel it cleanly."""
    task = asyncio.ensure_future(work)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, task.cancel)
    notes.print("search sync worker running; Ctrl-C to stop")
    with contextlib.suppress(asyncio.CancelledError):
        await task
