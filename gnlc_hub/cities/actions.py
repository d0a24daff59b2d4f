"""Writing cities: the secretariat's membership records, and the profile a city keeps itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit import actions as audit
from gnlc_hub.audit.actions import record, snapshot
from gnlc_hub.auth import rules
from gnlc_hub.auth.rules import Action, require
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.cities.validation import (
    FIELDS,
    REQUIRED,
    SLUG_MAX,
    ProfileChanges,
    profile_values,
    record_problems,
)
from gnlc_hub.core import clock, validation
from gnlc_hub.core.changes import CITY, announce
from gnlc_hub.core.errors import not_found
from gnlc_hub.core.locking import check_version, flush, locked
from gnlc_hub.core.slugs import fold, free_slug, slugify
from gnlc_hub.core.viewer import Viewer

# What the search documents of the city's practices show.
INDEXED = frozenset({"name", "country_id"})


async def create_city(
    session: AsyncSession, *, viewer: Viewer, slug: str | None, changes: Mapping[str, Any]
) -> City:
    """Admit a city to the network: its record and an empty profile."""
    require(viewer, Action.CREATE_CITY)
    values = validation.normalise(changes, editable=FIELDS, required=REQUIRED)
    problems, country_id = await record_problems(session, values, creating=True)
    derived = slugify(values.get("name") or "")
    problems += await validation.new_slug(
        session, City.slug, slug, derived=derived, source="name", earlier=problems
    )
    validation.ensure(problems)
    assert country_id is not None
    city = City(
        slug=slug or await free_slug(session, City.slug, derived, max_length=SLUG_MAX),
        name=values["name"],
        sort_name=fold(values["name"]),
        country_id=country_id,
        admitted_year=values.get("admitted_year"),
        source_url=values.get("source_url"),
        is_example=False,
    )
    session.add(city)
    await flush(session)
    session.add(CityProfile(city_id=city.id, languages=[], priorities=[]))
    await audit.record(session, viewer, "city.create", city, None, audit.snapshot(city))
    await flush(session)
    return city


async def update_city(
    session: AsyncSession,
    *,
    viewer: Viewer,
    city_id: int,
    version: int,
    changes: Mapping[str, Any],
) -> City:
    """Correct a city's membership record; absent fields stay as they are."""
    require(viewer, Action.UPDATE_CITY)
    city = await locked(session, City, city_id, "The city")
    check_version(city, version, "The city")
    values = validation.normalise(changes, editable=FIELDS, required=REQUIRED)
    problems, country_id = await record_problems(session, values, creating=False)
    validation.ensure(problems)

    before = audit.snapshot(city)
    if "name" in values:
        city.name = values["name"]
        city.sort_name = fold(city.name)
    if country_id is not None:
        city.country_id = country_id
    for name in ("admitted_year", "source_url"):
        if name in values:
            setattr(city, name, values[name])
    after = audit.snapshot(city)
    if before == after:
        return city
    city.updated_at = clock.now()
    await flush(session)
    await audit.record(session, viewer, "city.update", city, before, after)
    if any(before[name] != after[name] for name in INDEXED):
        announce(session, CITY, [city.id])
    await flush(session)
    return city


async def update_city_profile(
    session: AsyncSession, *, viewer: Viewer, city_id: int, changes: ProfileChanges
) -> CityProfile:
    """Apply ``changes`` to the city's profile: its editors or the secretariat."""
    rules.require(viewer, rules.Action.EDIT_CITY_PROFILE, city_id)
    values, problems = profile_values(changes)
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
    await session.flush()
    await record(session, viewer, "city.update_profile", profile, before, snapshot(profile))
    return profile
