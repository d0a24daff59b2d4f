"""The command line fails with one actionable line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from gnlc_hub.cli import app

runner = CliRunner()


def run(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    result = runner.invoke(app, args, env=env)
    return result.exit_code, result.output


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    code, output = run(
        ["migrate"],
        {
            "GNLC_DATA_DIR": str(tmp_path),
            "GNLC_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
        },
    )
    assert code == 1
    assert "GNLC_DATABASE_URL" in output
    assert "Traceback" not in output


def test_invalid_setting_is_named(tmp_path: Path) -> None:
    code, output = run(
        ["migrate"], {"GNLC_DATA_DIR": str(tmp_path), "GNLC_SEARCH_ENGINE": "elastic"}
    )
    assert code == 1
    assert "GNLC_SEARCH_ENGINE" in output
    assert "Traceback" not in output


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_seed_on_a_fresh_sqlite_database_is_idempotent(tmp_path: Path) -> None:
    env = {"GNLC_DATA_DIR": str(tmp_path), "GNLC_DATABASE_URL": ""}
    first_code, first = run(["seed"], env)
    second_code, second = run(["seed"], env)
    assert first_code == second_code == 0, first + second
    assert "cities" in first
    assert first == second


def test_export_schema_writes_the_sdl(tmp_path: Path) -> None:
    target = tmp_path / "schema.graphql"
    code, output = run(["export-schema", "--path", str(target)], {})
    assert code == 0, output
    assert "type Query" in target.read_text(encoding="utf-8")
