"""Reading seed files: CSV for plain tables, TOML for anything with prose."""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from gnlc_hub import resources

SEEDS_DIR = resources.seeds_dir()


class SeedError(ValueError):
    """A seed file is missing or refers to something that does not exist; the message names it."""


def _existing(path: Path) -> Path:
    """Every seed file or folder the loader names must be there, or it would load nothing."""
    if not path.exists():
        raise SeedError(f"{path} is missing")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    with _existing(path).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_toml_tables(path: Path, table: str) -> list[dict[str, Any]]:
    """The ``[[table]]`` entries of a TOML file."""
    with _existing(path).open("rb") as handle:
        return list(tomllib.load(handle).get(table, []))


def read_practice_files(directory: Path) -> Iterator[dict[str, Any]]:
    """Practices live in one file per city, named after the city's slug."""
    for path in sorted(_existing(directory).glob("*.toml")):
        for row in read_toml_tables(path, "practice"):
            yield {"city": path.stem, **row}
