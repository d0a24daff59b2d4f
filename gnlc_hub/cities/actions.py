"""The secretariat's membership records: adding member cities and correcting their facts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit import actions as audit
from gnlc_hub.auth.rules import Action, require
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.core import clock, validation
from gnlc_hub.core.changes import CITY, announce
from gnlc_hub.core.errors import ErrorCode, Problem
from gnlc_hub.core.locking import check_version, flush, locked
from gnlc_hub.core.slugs import fold, free_slug, slugify
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.core.vocabularies import ISO_ALPHA_2
from gnlc_hub.network.models import Country

SLUG_MAX = 120
NAME_MAX = 200
# The network was founded in 2013; its first members joined in 2015.
FIRST_ADMISSION_YEAR = 2013

FIELDS = frozenset({"name", "country_code", "admitted_year", "source_url"})
REQUIRED = frozenset({"name", "country_code"})
# What the search documents of the city's practices show.
INDEXED = frozenset({"name", "country_id"})


async def _problems(
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


async def create_city(
    session: AsyncSession, *, viewer: Viewer, slug: str | None, changes: Mapping[str, Any]
) -> City:
    """Admit a city to the network: its record and an empty profile."""
    require(viewer, Action.CREATE_CITY)
    values = validation.normalise(changes, editable=FIELDS, required=REQUIRED)
    problems, country_id = await _problems(session, values, creating=True)
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
    problems, country_id = await _problems(session, values, creating=False)
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
