"""``gnlc-hub reindex`` and ``gnlc-hub worker``, and keeping the index in step after seeding."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from gnlc_hub.config import Settings
from gnlc_hub.search.engine import SearchEngineError
from gnlc_hub.search.indexing.documents import count_published
from gnlc_hub.search.indexing.rebuild import bring_up_to_date, catch_up, opened, reindex
from gnlc_hub.search.indexing.sync import OutboxSync, SyncReport

Command = Callable[..., None]

console = Console()
notes = Console(stderr=True)


def sync_index(settings: Settings, *, heal_in_background: bool = False) -> None:
    """Best effort, after seeding and before serving: leave the index equal to the database.

    Failing here is not fatal: the outbox keeps every change and a sync worker catches up.
    Before serving (``heal_in_background``) a damaged index is left to the sync worker, which
    rebuilds it while the server already answers.
    """

    async def run() -> tuple[str, int | None]:
        async with opened(settings) as (database, engine):
            health = await engine.health()
            if heal_in_background and not health.ok:
                raise SearchEngineError(f"{health.detail}; the sync worker rebuilds it")
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
        # One line per event on stderr: batches synced, and failure streaks (start and end).
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

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
