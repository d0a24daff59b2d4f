"""Query parameters of the feeds, validated with the same rules as the GraphQL arguments; bad
values answer 400 with every problem named, never a 500."""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from starlette.datastructures import QueryParams
from starlette.responses import JSONResponse

from gnlc_hub.core import geo as geo_rules
from gnlc_hub.core.errors import Problem

E = TypeVar("E", bound=enum.Enum)

WORLD = geo_rules.BoundingBox(-90.0, -180.0, 90.0, 180.0)
MAX_VALUES = 100


class BadParameters(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)

    def response(self) -> JSONResponse:
        return JSONResponse(
            {
                "errors": [
                    {"message": p.message, "parameter": p.field[-1] if p.field else None}
                    for p in self.problems
                ]
            },
            status_code=400,
        )


@dataclass
class Reader:
    """Reads parameters, collecting problems so that one answer names all of them."""

    params: QueryParams
    allowed: frozenset[str]

    def __post_init__(self) -> None:
        self.problems: list[Problem] = []
        unknown = sorted(set(self.params) - self.allowed)
        if unknown:
            self.problems.append(
                Problem(
                    f"Unknown parameters {unknown}; use {sorted(self.allowed)}.",
                    field=[unknown[0]],
                )
            )

    def strings(self, name: str) -> list[str]:
        values = [v for raw in self.params.getlist(name) for v in raw.split(",") if v.strip()]
        if len(values) > MAX_VALUES:
            self.problems.append(
                Problem(f"{name} takes at most {MAX_VALUES} values.", field=[name])
            )
            return []
        return [v.strip() for v in values]

    def members(self, name: str, enum_cls: type[E]) -> list[E]:
        values = self.strings(name)
        known = {member.value: member for member in enum_cls}
        bad = sorted({v.upper() for v in values} - set(known))
        if bad:
            self.problems.append(
                Problem(f"{name} has unknown values {bad}; use {sorted(known)}.", field=[name])
            )
            return []
        return [known[v.upper()] for v in values]

    def flag(self, name: str, default: bool) -> bool:
        raw = self.params.get(name)
        if raw is None:
            return default
        if raw.lower() in ("true", "1", "yes"):
            return True
        if raw.lower() in ("false", "0", "no"):
            return False
        self.problems.append(Problem(f"{name} must be true or false.", field=[name]))
        return default

    def numbers(self, name: str, count: int) -> list[float] | None:
        raw = self.params.get(name)
        if raw is None:
            return None
        try:
            values = [float(part) for part in raw.split(",")]
        except ValueError:
            values = []
        if len(values) != count or not all(math.isfinite(v) for v in values):
            self.problems.append(
                Problem(f"{name} must be {count} numbers, comma-separated.", field=[name])
            )
            return None
        return values

    def area(self) -> tuple[geo_rules.BoundingBox, tuple[geo_rules.GeoPoint, float] | None]:
        """``bbox=west,south,east,north`` (GeoJSON order) or ``near=lat,lon&radiusKm=…``."""
        box = self.numbers("bbox", 4)
        near = self.numbers("near", 2)
        radius = self.numbers("radiusKm", 1)
        if box is not None and near is not None:
            self.problems.append(Problem("Give bbox or near, not both.", field=["bbox"]))
            return WORLD, None
        if near is not None:
            if radius is None:
                self.problems.append(Problem("near needs radiusKm.", field=["radiusKm"]))
                return WORLD, None
            centre = geo_rules.GeoPoint(near[0], near[1])
            self.problems += geo_rules.circle_problems(centre, radius[0], [])
            return WORLD, (centre, radius[0])
        if radius is not None:
            self.problems.append(Problem("radiusKm needs near=lat,lon.", field=["near"]))
        if box is not None:
            west, south, east, north = box
            area = geo_rules.BoundingBox(south, west, north, east)
            self.problems += geo_rules.box_problems(area, [])
            return area, None
        return WORLD, None

    def done(self) -> None:
        if self.problems:
            raise BadParameters(self.problems)
