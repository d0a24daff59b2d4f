"""``gnlc-hub evaluate-matching``: precision@k and MRR of peer matching on the labelled set."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from gnlc_hub.config import Settings
from gnlc_hub.matching.evaluation import (
    EVALUATION_SET,
    EvaluationError,
    EvaluationReport,
    evaluate,
    load_cases,
)
from gnlc_hub.search.engine import SearchEngineError
from gnlc_hub.search.indexing.documents import prepare_engine
from gnlc_hub.search.indexing.rebuild import opened

Command = Callable[..., None]

console = Console()


def print_report(report: EvaluationReport, *, verbose: bool) -> None:
    if verbose:
        table = Table(title=f"Peer matching on {len(report.results)} labelled needs")
        for column in ("need", "asked by", f"top {report.k}", f"P@{report.k}", "RR"):
            table.add_column(column, justify="right" if column in ("RR",) else "left")
        for result in report.results:
            top = [
                f"[green]{slug}[/green]" if slug in result.case.relevant else slug
                for slug in result.ranked[: report.k]
            ]
            table.add_row(
                result.case.need,
                result.case.city or "",
                ", ".join(top) or "(none)",
                f"{result.hits_at_k}/{report.k}",
                f"{result.reciprocal_rank:.2f}",
            )
        console.print(table)
    console.print(
        f"engine {report.engine}: precision@{report.k} = {report.precision:.3f} "
        f"(ceiling {report.ceiling:.3f}, {report.precision / report.ceiling:.0%} of it), "
        f"MRR = {report.mrr:.3f} over {len(report.results)} needs"
    )


def register_matching_commands(
    app: typer.Typer,
    guard: Callable[[Command], Command],
    settings: Callable[[], Settings],
    error: type[Exception],
) -> None:
    """Add ``evaluate-matching`` to ``app``; ``guard``/``error`` as for the other commands."""

    @app.command("evaluate-matching")
    @guard
    def evaluate_matching(
        cases: Annotated[
            Path, typer.Option(help="Labelled set (TOML) of needs and the cities answering them.")
        ] = EVALUATION_SET,
        k: Annotated[int, typer.Option(min=1, max=10, help="Cut-off of precision@k.")] = 3,
        verbose: Annotated[bool, typer.Option(help="Show every need and its top cities.")] = True,
    ) -> None:
        """Measure peer matching on the labelled set against the configured database and engine."""

        async def run() -> EvaluationReport:
            labelled = load_cases(cases)
            async with opened(settings()) as (database, engine):
                await prepare_engine(database, engine)
                health = await engine.health()
                if not health.documents:
                    raise error(
                        "the search index is empty: run `gnlc-hub seed` (or `gnlc-hub reindex`)"
                    )
                async with database.sessions() as session:
                    return await evaluate(session, engine, labelled, k=k)

        try:
            report = asyncio.run(run())
        except (EvaluationError, SearchEngineError) as failure:
            raise error(str(failure)) from None
        print_report(report, verbose=verbose)
