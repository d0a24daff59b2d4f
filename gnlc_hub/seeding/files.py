"""Reading seed files: CSV for plain tables, TOML for anything with prose."""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_toml_tables(path: Path, table: str) -> list[dict[str, Any]]:
    """The ``[[table]]`` entries of a TOML file, or nothing when the file does not exist."""
    if not path.exists():
        return []
    with path.open("rb") as handle:
        return list(tomllib.load(handle).get(table, []))


def read_practice_files(directory: Path) -> Iterator[dict[str, Any]]:
    """Practices live in one file per city, named after the city's slug."""
    for path in sorted(directory.glob("*.toml")):
        for row in read_toml_tables(path, "practice"):
            yield {"city": path.stem, **row}
