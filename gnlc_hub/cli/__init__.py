"""``gnlc-hub``: serve, migrate, seed, export the schema.

Expected failures (bad configuration, unreachable database) end with one actionable line and
a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError
from pydantic_settings import SettingsError
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, OperationalError

from gnlc_hub import migrate as migrations
from gnlc_hub.cities.models import City
from gnlc_hub.cli.matching import register_matching_commands
from gnlc_hub.cli.search import register_search_commands, sync_index
from gnlc_hub.cli.tokens import token_commands
from gnlc_hub.config import Settings
from gnlc_hub.db import Database
from gnlc_hub.search.indexing import outbox
from gnlc_hub.seeding.loader import SeedError, SeedReport, load_seeds

app = typer.Typer(help="GNLC Hub: the GraphQL hub of the UNESCO Global Network of Learning Cities.")
console = Console()
# soft_wrap: an error stays one line however narrow the terminal (or a log) is.
errors = Console(stderr=True, soft_wrap=True)

T = TypeVar("T")


class CommandError(Exception):
    """A failure the user can fix; its message says how."""


def _settings() -> Settings:
    try:
        settings = Settings()
    except ValidationError as error:
        first = error.errors()[0]
        raise CommandError(
            f"invalid setting GNLC_{str(first['loc'][0]).upper()}: {first['msg']}"
        ) from None
    except SettingsError as error:  # a value pydantic-settings could not even decode
        raise CommandError(f"invalid settings: {str(error).splitlines()[0]}") from None
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return settings


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def friendly_errors(command: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except CommandError as error:
            errors.print(f"[red]error:[/red] {error}")
            raise typer.Exit(1) from None
        except (OperationalError, DBAPIError, OSError) as error:
            reason = str(getattr(error, "orig", error)).splitlines()[0]
            errors.print(
                f"[red]error:[/red] database error ({reason}); check GNLC_DATABASE_URL, that "
                "the server is running and that `gnlc-hub migrate` has run."
            )
            raise typer.Exit(1) from None
        except SeedError as error:
            errors.print(f"[red]error:[/red] bad seed data: {error}")
            raise typer.Exit(1) from None

    return wrapper


async def _migrate(settings: Settings, revision: str = "heads") -> str:
    database = Database.from_url(settings.resolved_database_url)
    try:
        if revision.startswith("-") or revision == "base":
            await migrations.downgrade(database.engine, revision)
        else:
            await migrations.upgrade(database.engine, revision)
        return ", ".join(await migrations.current_revisions(database.engine)) or "base"
    finally:
        await database.dispose()


async def _seed(settings: Settings, *, only_if_empty: bool, examples: bool) -> SeedReport | None:
    database = Database.from_url(settings.resolved_database_url)
    try:
        async with database.transaction() as session:
            if only_if_empty and await session.scalar(select(func.count(City.id))):
                return None
            report = await load_seeds(session, examples=examples)
            # In the seed's own transaction: the index can never miss what was loaded.
            await outbox.enqueue_all_practices(session)
        await database.refresh_statistics()
        return report
    finally:
        await database.dispose()


def _first_seed() -> None:
    """Seed an empty database in a forked child: the gazetteer read while seeding peaks at
    about 650 MB, which a long-running server would otherwise keep in its heap. The child
    prints its report or its one-line error itself. Forking (not a new interpreter) works
    wherever the server runs; without fork the seed runs in-process."""
    if "fork" not in multiprocessing.get_all_start_methods():
        _seed_if_empty()
        return
    child = multiprocessing.get_context("fork").Process(target=_seed_if_empty_in_child)
    child.start()
    child.join()
    if child.exitcode != 0:
        raise typer.Exit(1)


@friendly_errors
def _seed_if_empty() -> None:
    report = _run(_seed(_settings(), only_if_empty=True, examples=True))
    if report is not None:
        _print_report(report)


def _seed_if_empty_in_child() -> None:
    try:
        _seed_if_empty()
    except typer.Exit as error:
        sys.exit(error.exit_code)


def _print_report(report: SeedReport) -> None:
    table = Table("table", "rows", title="Seed data loaded")
    for name, count in report.counts.items():
        table.add_row(name, str(count))
    console.print(table)
    if report.profiles is not None:
        profiles = report.profiles
        console.print(
            f"open data located {len(profiles.located)} member cities "
            f"({profiles.share_located:.1%}; {profiles.linked} by reviewed links in "
            f"seeds/gazetteer_links.csv), {profiles.with_population} with population; not located: "
            f"{', '.join(sorted(profiles.not_located)) or 'none'} (see seeds/README.md)"
        )


@app.command()
@friendly_errors
def migrate(
    revision: Annotated[
        str, typer.Argument(help="Target revision: heads (default), base, -1, or an id.")
    ] = "heads",
) -> None:
    """Apply (or roll back) database migrations."""
    current = _run(_migrate(_settings(), revision))
    console.print(f"database at revision [bold]{current}[/bold]")


@app.command()
@friendly_errors
def seed(
    examples: Annotated[
        bool, typer.Option(help="Also load the illustrative example data (isExample).")
    ] = True,
) -> None:
    """Load the real GNLC seed data (idempotent: running it twice changes nothing)."""
    settings = _settings()
    _run(_migrate(settings))
    report = _run(_seed(settings, only_if_empty=False, examples=examples))
    assert report is not None
    _print_report(report)
    sync_index(settings)


@app.command()
@friendly_errors
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    no_seed: Annotated[bool, typer.Option("--no-seed", help="Do not load seed data.")] = False,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Migrate, seed an empty database, and serve /graphql (GraphiQL in a browser)."""
    import uvicorn

    settings = _settings()
    _run(_migrate(settings))
    if not no_seed:
        _first_seed()
    if settings.sync_worker:
        sync_index(settings, heal_in_background=True)
    # Otherwise `gnlc-hub worker` is the only process writing the index (tantivy allows one).
    console.print(f"GNLC Hub on [bold]http://{host}:{port}/graphql[/bold]")
    uvicorn.run(
        "gnlc_hub.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


@app.command("export-schema")
@friendly_errors
def export_schema_command(
    path: Annotated[Path | None, typer.Option(help="Where to write the SDL.")] = None,
) -> None:
    """Write the GraphQL SDL to schema/schema.graphql."""
    from gnlc_hub.schema_file import SCHEMA_FILE, export_schema

    written = export_schema(path or SCHEMA_FILE)
    console.print(f"schema written to {written}")


app.add_typer(token_commands(friendly_errors, _settings, CommandError), name="token")
register_search_commands(app, friendly_errors, _settings, CommandError)
register_matching_commands(app, friendly_errors, _settings, CommandError)


def main() -> None:
    app()
