"""Field rules of monitoring inputs; each returns every Problem at once, nothing is written.

References (area numbers, indicator slugs, practice ids) are resolved here in one statement
each, so that actions write with ids they know to be valid.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core import validation
from gnlc_hub.core.errors import ErrorCode, Problem
from gnlc_hub.monitoring.enums import RoadmapStage
from gnlc_hub.monitoring.models import Indicator, KeyFeatureArea
from gnlc_hub.practices.enums import GuidelineArea
from gnlc_hub.practices.models import Practice

RATING_MIN, RATING_MAX = 1, 5
JUSTIFICATION_MAX = 1000
NARRATIVE_MAX = 20_000
NEXT_STEPS_MAX = 2000
SOURCE_MAX = 500
EVIDENCE_MAX = 50
NOTE_MAX = 2000
NAME_MAX = 200
UNIT_MAX = 60
DESCRIPTION_MAX = 2000
CYCLE_NAME_MAX = 120
VALUE_YEAR_MIN = 1990
CONTENT_FIELDS = ("narrative", "ratings", "indicator_values", "roadmap", "evidence")


@dataclass(frozen=True)
class Rating:
    area: str  # the area's number, e.g. "2.1"
    rating: int
    justification: str


@dataclass(frozen=True)
class Value:
    indicator: str  # the indicator's slug
    value: float
    year: int
    source: str | None = None


@dataclass(frozen=True)
class Roadmap:
    guideline_area: GuidelineArea
    stage: RoadmapStage
    next_steps: str | None = None


@dataclass
class Resolved:
    """Ids behind the references of a valid input."""

    areas: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, int] = field(default_factory=dict)


def _at(*parts: str | int) -> list[str]:
    return validation.path(*(str(part) for part in parts))


def _duplicates(keys: Sequence[Any], name: str, what: str) -> list[Problem]:
    seen: set[Any] = set()
    problems = []
    for index, key in enumerate(keys):
        if key in seen:
            problems.append(
                Problem(f"{what} {key} is given twice.", ErrorCode.DUPLICATE, _at(name, index))
            )
        seen.add(key)
    return problems


def _text(
    value: str | None, where: list[str], label: str, *, required: bool, max_length: int
) -> list[Problem]:
    """``validation.text`` with the field path of a list item."""
    return [
        Problem(problem.message, problem.code, where)
        for problem in validation.text(value, label, required=required, max_length=max_length)
    ]


async def rating_problems(
    session: AsyncSession, ratings: Sequence[Rating], resolved: Resolved
) -> list[Problem]:
    numbers = {rating.area for rating in ratings}
    rows = await session.execute(
        select(KeyFeatureArea.number, KeyFeatureArea.id).where(
            KeyFeatureArea.number.in_(list(numbers))
        )
    )
    resolved.areas = dict(rows.all())
    problems = _duplicates([r.area for r in ratings], "ratings", "Area")
    for index, rating in enumerate(ratings):
        if rating.area not in resolved.areas:
            problems.append(
                Problem(
                    f"There is no Key Features area {rating.area!r} (areas are 1.1–3.3).",
                    ErrorCode.NOT_FOUND,
                    _at("ratings", index, "area"),
                )
            )
        if not RATING_MIN <= rating.rating <= RATING_MAX:
            problems.append(
                Problem(
                    f"Ratings are from {RATING_MIN} to {RATING_MAX} (got {rating.rating}).",
                    ErrorCode.INVALID,
                    _at("ratings", index, "rating"),
                )
            )
        problems += _text(
            rating.justification,
            _at("ratings", index, "justification"),
            "justification",
            required=True,
            max_length=JUSTIFICATION_MAX,
        )
    return problems


async def value_problems(
    session: AsyncSession, values: Sequence[Value], resolved: Resolved, today: date
) -> list[Problem]:
    slugs = {value.indicator for value in values}
    rows = (
        await session.execute(
            select(Indicator.slug, Indicator.id, Indicator.retired_at).where(
                Indicator.slug.in_(list(slugs))
            )
        )
    ).all()
    known = {slug: (pk, retired_at) for slug, pk, retired_at in rows}
    resolved.indicators = {slug: pk for slug, (pk, _) in known.items()}
    problems = _duplicates([v.indicator for v in values], "indicatorValues", "Indicator")
    for index, value in enumerate(values):
        where = ("indicatorValues", index)
        if value.indicator not in known:
            problems.append(
                Problem(
                    f"There is no indicator {value.indicator!r}.",
                    ErrorCode.NOT_FOUND,
                    _at(*where, "indicator"),
                )
            )
        elif known[value.indicator][1] is not None:
            problems.append(
                Problem(
                    f"The indicator {value.indicator!r} is retired: it takes no new values.",
                    ErrorCode.INVALID,
                    _at(*where, "indicator"),
                )
            )
        if not math.isfinite(value.value):
            problems.append(Problem("value must be a finite number.", field=_at(*where, "value")))
        if not VALUE_YEAR_MIN <= value.year <= today.year:
            problems.append(
                Problem(
                    f"year must be between {VALUE_YEAR_MIN} and {today.year}.",
                    field=_at(*where, "year"),
                )
            )
        problems += _text(
            value.source, _at(*where, "source"), "source", required=False, max_length=SOURCE_MAX
        )
    return problems


def roadmap_problems(entries: Sequence[Roadmap]) -> list[Problem]:
    problems = _duplicates(
        [entry.guideline_area.value for entry in entries], "roadmap", "Guideline area"
    )
    for index, entry in enumerate(entries):
        problems += _text(
            entry.next_steps,
            _at("roadmap", index, "nextSteps"),
            "nextSteps",
            required=False,
            max_length=NEXT_STEPS_MAX,
        )
    return problems


async def evidence_problems(
    session: AsyncSession, practice_ids: Sequence[int], city_id: int
) -> list[Problem]:
    """Evidence is the city's own practices (any state: the report is read by the secretariat,
    and readers only ever see the practices they may see)."""
    if len(practice_ids) > EVIDENCE_MAX:
        return [Problem(f"evidence takes at most {EVIDENCE_MAX} practices.", field=_at("evidence"))]
    own = set(
        await session.scalars(
            select(Practice.id).where(
                Practice.id.in_(list(practice_ids)), Practice.city_id == city_id
            )
        )
    )
    problems = _duplicates(list(practice_ids), "evidence", "Practice")
    problems += [
        Problem(
            "Evidence must be a practice of the reporting city.",
            ErrorCode.NOT_FOUND,
            _at("evidence", index),
        )
        for index, pk in enumerate(practice_ids)
        if pk not in own
    ]
    return problems


async def content_problems(
    session: AsyncSession, changes: Mapping[str, Any], *, city_id: int, today: date
) -> tuple[list[Problem], Resolved]:
    """Problems with the parts of a report that ``changes`` sets (absent parts are kept)."""
    resolved = Resolved()
    problems = validation.text(
        changes.get("narrative"), "narrative", required=False, max_length=NARRATIVE_MAX
    )
    if changes.get("ratings") is not None:
        problems += await rating_problems(session, changes["ratings"], resolved)
    if changes.get("indicator_values") is not None:
        problems += await value_problems(session, changes["indicator_values"], resolved, today)
    if changes.get("roadmap") is not None:
        problems += roadmap_problems(changes["roadmap"])
    if changes.get("evidence") is not None:
        problems += await evidence_problems(session, changes["evidence"], city_id)
    return problems, resolved


def cycle_problems(name: str, opens_on: date, closes_on: date) -> list[Problem]:
    problems = validation.text(name, "name", required=True, max_length=CYCLE_NAME_MAX)
    if closes_on <= opens_on:
        problems.append(
            Problem("closesOn must be after opensOn.", field=validation.path("closesOn"))
        )
    return problems


def indicator_problems(values: Mapping[str, Any]) -> list[Problem]:
    return [
        *validation.text(values.get("name"), "name", required=True, max_length=NAME_MAX),
        *validation.text(
            values.get("description"), "description", required=True, max_length=DESCRIPTION_MAX
        ),
        *validation.text(values.get("unit"), "unit", required=True, max_length=UNIT_MAX),
        *validation.url(values.get("source_url"), "sourceUrl"),
    ]
