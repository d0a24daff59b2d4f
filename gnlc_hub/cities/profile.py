"""Editing what a city says about itself: the priorities and challenges peer matching reads."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub import validation
from gnlc_hub.audit.service import record, snapshot
from gnlc_hub.auth import rules
from gnlc_hub.auth.roles import Viewer
from gnlc_hub.cities.languages import language_problems
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.errors import Problem, not_found
from gnlc_hub.places.enums import ProfileFact
from gnlc_hub.places.profiles import edited_source
from gnlc_hub.places.validation import point_problems, time_zone_value
from gnlc_hub.slugs import fold

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
    latitude: float | None
    longitude: float | None
    time_zone: str | None


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


def _validated(changes: ProfileChanges) -> tuple[dict[str, object], list[Problem]]:
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
    if "latitude" in changes or "longitude" in changes:
        latitude, longitude = changes.get("latitude"), changes.get("longitude")
        problems += point_problems(latitude, longitude, ["input"])
        values["latitude"], values["longitude"] = latitude, longitude
    if "time_zone" in changes:
        values["time_zone"], found = time_zone_value(changes["time_zone"])
        problems += found
    return values, problems


# Which sourced fact each editable column belongs to: editing one marks its source as an edit.
FACT_OF = {
    "latitude": ProfileFact.LOCATION,
    "longitude": ProfileFact.LOCATION,
    "population": ProfileFact.POPULATION,
    "time_zone": ProfileFact.TIME_ZONE,
    "languages": ProfileFact.LANGUAGES,
}


async def update_city_profile(
    session: AsyncSession, *, viewer: Viewer, city_id: int, changes: ProfileChanges
) -> CityProfile:
    """Apply ``changes`` to the city's profile: its editors or the secretariat."""
    rules.require(viewer, rules.Action.EDIT_CITY_PROFILE, city_id)
    values, problems = _validated(changes)
    validation.ensure(problems)
    if await session.get(City, city_id) is None:
        raise not_found("The city", validation.path("cityId"))
    profile = await session.get(CityProfile, city_id, populate_existing=True)
    if profile is None:
        profile = CityProfile(city_id=city_id, languages=[], priorities=[])
        session.add(profile)
        await session.flush()
    before = snapshot(profile)
    for name, value in values.items():
        setattr(profile, name, value)
    edited = {FACT_OF[name].value for name in values if name in FACT_OF}
    if edited:
        source = edited_source(viewer.name or viewer.role.value)
        profile.sources = {**(profile.sources or {}), **dict.fromkeys(edited, source)}
    if "population" in values:
        profile.population_year = None  # an edited figure is the editor's, undated
    await session.flush()
    await record(session, viewer, "city.update_profile", profile, before, snapshot(profile))
    return profile
