"""Matching quality on the labelled set (seeds/evaluation/matching.toml) may not regress."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from gnlc_hub.cli import app
from gnlc_hub.matching.evaluation import (
    EVALUATION_SET,
    CaseResult,
    EvaluationCase,
    evaluate,
    load_cases,
)
from gnlc_hub.search.engine import SearchEngine
from tests import seedfacts

# Measured on the seeds with the embedded engine: precision@3 0.733 (ceiling 0.920) and MRR
# 0.960. The floors leave room for engines ranking close calls differently, and no more.
PRECISION_FLOOR = 0.65
MRR_FLOOR = 0.90


def test_the_labelled_set_names_cities_with_practices() -> None:
    cases = load_cases()
    assert len(cases) >= 20
    with_practices = {path.stem for path in (seedfacts.SEEDS / "practices").glob("*.toml")}
    for case in cases:
        assert set(case.relevant) <= with_practices, case.need
        assert case.city not in case.relevant
        assert case.why
    needs = {case.need for case in cases}
    assert {"refugee integration", "youth entrepreneurship"} <= needs


async def test_quality_stays_above_its_floor(session: AsyncSession, seeded: SearchEngine) -> None:
    report = await evaluate(session, seeded, load_cases())
    assert report.mrr >= MRR_FLOOR, [(r.case.need, r.ranked[:3]) for r in report.results]
    assert report.precision >= PRECISION_FLOOR
    for result in report.results:
        if result.case.city:
            assert result.case.city not in result.ranked


def test_metrics() -> None:
    case = EvaluationCase(need="n", relevant=("a", "b"))
    result = CaseResult(case, ranked=("x", "a", "y", "b"), k=3)
    assert result.precision == pytest.approx(1 / 3)
    assert result.ceiling == pytest.approx(2 / 3)
    assert result.reciprocal_rank == 0.5
    assert CaseResult(case, ranked=("x",), k=3).reciprocal_rank == 0.0


runner = CliRunner()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_command_reports_precision_and_mrr(tmp_path: Path) -> None:
    env = {"GNLC_DATA_DIR": str(tmp_path), "GNLC_DATABASE_URL": "", "GNLC_MEILI_URL": ""}
    seeded = runner.invoke(app, ["seed"], env=env)
    assert seeded.exit_code == 0, seeded.output
    result = runner.invoke(app, ["evaluate-matching", "--no-verbose"], env=env)
    assert result.exit_code == 0, result.output
    assert "engine embedded: precision@3 = " in result.output
    assert "MRR = " in result.output


def test_a_missing_labelled_set_is_one_line(tmp_path: Path) -> None:
    env = {"GNLC_DATA_DIR": str(tmp_path), "GNLC_DATABASE_URL": ""}
    missing = tmp_path / "nope.toml"
    result = runner.invoke(app, ["evaluate-matching", "--cases", str(missing)], env=env)
    assert result.exit_code == 1
    assert "cannot read" in result.output
    assert "Traceback" not in result.output
    assert EVALUATION_SET.exists()
