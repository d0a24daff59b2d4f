"""`gnlc-hub seed | reindex | worker` keep a real data folder's index equal to its database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gnlc_hub.cli import app
from gnlc_hub.search.engines.embedded import EmbeddedEngine

runner = CliRunner()


def run(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    result = runner.invoke(app, args, env=env)
    return result.exit_code, result.output


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_seed_reindex_and_worker_on_a_fresh_data_folder(tmp_path: Path):
    env = {"GNLC_DATA_DIR": str(tmp_path), "GNLC_DATABASE_URL": "", "GNLC_MEILI_URL": ""}
    code, output = run(["seed"], env)
    assert code == 0, output
    assert "search index (embedded): 73 published practices" in output

    code, output = run(["reindex"], env)
    assert code == 0, output
    assert "search index rebuilt: 73 published practices" in output

    code, output = run(["worker", "--once"], env)
    assert code == 0, output
    assert "0 outbox entries" in output

    holder = EmbeddedEngine(tmp_path / "index")
    try:
        assert asyncio.run(holder.claim_writer())
        code, output = run(["reindex"], env)
    finally:
        asyncio.run(holder.close())
    assert code == 1
    assert "another process" in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"GNLC_SEARCH_ENGINE": "meilisearch"}, "GNLC_MEILI_URL"),
        ({"GNLC_MEILI_URL": "http://127.0.0.1:9"}, "Meilisearch at http://127.0.0.1:9"),
    ],
)
def test_a_misconfigured_or_unreachable_engine_is_one_line(
    tmp_path: Path, settings: dict[str, str], expected: str
):
    env = {
        "GNLC_DATA_DIR": str(tmp_path),
        "GNLC_DATABASE_URL": "",
        "GNLC_MEILI_URL": "",
        **settings,
    }
    assert run(["migrate"], env)[0] == 0
    code, output = run(["reindex"], env)
    assert code == 1
    assert expected in output
    assert "Traceback" not in output
