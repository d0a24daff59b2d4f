"""Expected answers computed straight from the seed files, independently of the hub's code."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def toml_tables(relative: str, table: str) -> list[dict[str, Any]]:
    with (SEEDS / relative).open("rb") as handle:
        return tomllib.load(handle).get(table, [])


def cities() -> list[dict[str, str]]:
    return rows("cities.csv")


def region_of_country() -> dict[str, str]:
    return {row["iso2"]: row["region"] for row in rows("countries.csv")}


def practices_of(city_slug: str) -> list[dict[str, Any]]:
    return toml_tables(f"practices/{city_slug}.toml", "practice")


def all_practices() -> list[dict[str, Any]]:
    found = []
    for path in sorted((SEEDS / "practices").glob("*.toml")):
        found.extend(toml_tables(f"practices/{path.name}", "practice"))
    return found
