"""Rules for a city's record (the secretariat's) and its profile (the city's own)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core import clock, validation
from gnlc_hub.core.errors import ErrorCode, Problem
from gnlc_hub.core.slugs import fold
from gnlc_hub.core.vocabularies import ISO_ALPHA_2, language_problems
from gnlc_hub.network.models import Country

SLUG_MAX = 120


NAME_MAX = 200


# The network was founded in 2013; its first members joined in 2015.
FIRST_ADMISSION_YEAR = 2013


FIELDS = frozenset({"name", "country_code", "admitted_year", "source_url"})


REQUIRED = frozenset({"name", "country_code"})


async def record_problems(
    session: AsyncSession, values: Mapping[str, Any], *, creating: bool
) -> tuple[list[Problem], int | None]:
    """Every problem of ``values``, and the id of the country they name (if any)."""
    names = set(values) | (REQUIRED if creating else set())
    problems: list[Problem] = []
    if "name" in names:
        problems += validation.text(values.get("name"), "name", required=True, max_length=NAME_MAX)
    if "admitted_year" in names:
        problems += validation.int_range(
            values["admitted_year"],
            "admittedYear",
            minimum=FIRST_ADMISSION_YEAR,
            maximum=clock.now().year + 1,
        )
    if "source_url" in names:
        problems += validation.url(values["source_url"], "sourceUrl")
    country_id = None
    if "country_code" in names:
        code = values.get("country_code")
        where = validation.path("countryCode")
        if code is None:
            problems.append(Problem("countryCode is required.", ErrorCode.REQUIRED, where))
        else:
            if ISO_ALPHA_2.match(code):
                country_id = await session.scalar(
                    select(Country.id).where(Country.iso2 == code.upper()).limit(1)
                )
            if country_id is None:
                problems.append(
                    Problem(
                        "countryCode must be the ISO 3166-1 alpha-2 code of a country in the "
                        "`countries` list.",
                        field=where,
                    )
                )
    return problems, country_id


MAX_POPULATION = 40_000_000  # above the largest metropolitan area on Earth


MAX_PRIORITIES = 20


PRIORITY_MAX = 120


MAX_LANGUAGES = 20


CHALLENGES_MAX = 4000


_SPACES = re.compile(r"\s+")


class ProfileChanges(TypedDict, total=False):
    """Only the fields to change; a field given as None is cleared."""

    population: int | None
    languages: Sequence[str] | None
    priorities: Sequence[str] | None
    challenges: str | None


def _languages(values: Sequence[str]) -> tuple[list[str], list[Problem]]:
    codes = list(dict.fromkeys(value.strip().lower() for value in values if value.strip()))
    where = validation.path("languages")
    problems = language_problems(codes, where)
    if not problems and len(codes) > MAX_LANGUAGES:
        problems = [Problem(f"List at most {MAX_LANGUAGES} languages.", field=where)]
    return codes, problems


def _priorities(values: Sequence[str]) -> tuple[list[str], list[Problem]]:
    """Whitespace tidied, repeats (ignoring case and accents) dropped, order kept."""
    problems = validation.strings(
        values, "priorities", max_items=MAX_PRIORITIES, max_length=PRIORITY_MAX
    )
    unique: dict[str, str] = {}
    for value in values:
        cleaned = _SPACES.sub(" ", value).strip()
        unique.setdefault(fold(cleaned), cleaned)
    return list(unique.values()), problems


def profile_values(changes: ProfileChanges) -> tuple[dict[str, object], list[Problem]]:
    """The column values to write, normalised, and every problem of the input at once."""
    values: dict[str, object] = {}
    problems: list[Problem] = []
    if "population" in changes:
        population = changes["population"]
        problems += validation.int_range(
            population, "population", minimum=1, maximum=MAX_POPULATION
        )
        values["population"] = population
    if "languages" in changes:
        values["languages"], found = _languages(changes["languages"] or ())
        problems += found
    if "priorities" in changes:
        values["priorities"], found = _priorities(changes["priorities"] or ())
        problems += found
    if "challenges" in changes:
        challenges = (changes["challenges"] or "").strip() or None
        problems += validation.text(challenges, "challenges", max_length=CHALLENGES_MAX)
        values["challenges"] = challenges
    return values, problems
