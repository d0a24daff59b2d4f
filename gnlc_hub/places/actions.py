"""Writing learning places: a city's editors manage their own city's places, the secretariat all.

Actions take a session and never commit; every refusal is raised before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit.actions import record, snapshot
from gnlc_hub.auth import rules
from gnlc_hub.cities.models import City
from gnlc_hub.core import clock, validation
from gnlc_hub.core.errors import ErrorCode, Problem, not_found
from gnlc_hub.core.geo import point_problems
from gnlc_hub.core.locking import check_version, flush, locked
from gnlc_hub.core.slugs import free_slug, slugify
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.core.vocabularies import language_problems
from gnlc_hub.places import validation as rules_of_places
from gnlc_hub.places.enums import PlaceKind
from gnlc_hub.places.models import LearningPlace, PlacePractice, PlaceProgramme
from gnlc_hub.practices.enums import TargetGroup
from gnlc_hub.practices.models import Practice
from gnlc_hub.programmes.models import Programme

SLUG_MAX = 160
COLUMNS = (
    "kind",
    "name",
    "address",
    "latitude",
    "longitude",
    "target_groups",
    "languages",
    "opening",
    "summary",
    "website",
    "source_url",
)
LISTS = ("target_groups", "languages", "practice_ids", "programme_ids")
EDITABLE = (*COLUMNS, "practice_ids", "programme_ids")


def _problems(values: Mapping[str, Any], current: LearningPlace | None) -> list[Problem]:
    """Every problem of the values at once (``current`` supplies what an update leaves out)."""
    problems: list[Problem] = []
    if "kind" in values or current is None:
        kind = values.get("kind")
        if kind is None:
            problems.append(
                Problem("kind is required.", ErrorCode.REQUIRED, validation.path("kind"))
            )
        else:
            problems += validation.members([kind], PlaceKind, "kind")
    if "name" in values or current is None:
        problems += validation.text(
            values.get("name"), "name", required=True, max_length=rules_of_places.NAME_MAX
        )
    for name, limit in (
        ("address", rules_of_places.ADDRESS_MAX),
        ("opening", rules_of_places.OPENING_MAX),
        ("summary", rules_of_places.SUMMARY_MAX),
    ):
        problems += validation.text(values.get(name), name, max_length=limit)
    if "latitude" in values or "longitude" in values:
        latitude = values.get("latitude", current.latitude if current else None)
        longitude = values.get("longitude", current.longitude if current else None)
        problems += point_problems(latitude, longitude, ["input"])
    problems += validation.members(values.get("target_groups") or (), TargetGroup, "targetGroups")
    problems += language_problems(values.get("languages") or (), validation.path("languages"))
    problems += validation.url(values.get("website"), "website")
    problems += validation.url(values.get("source_url"), "sourceUrl")
    for name in ("practice_ids", "programme_ids"):
        if len(values.get(name) or ()) > rules_of_places.MAX_LINKS:
            field = validation.camel(name)
            problems.append(
                Problem(
                    f"{field} takes at most {rules_of_places.MAX_LINKS} entries.",
                    field=validation.path(field),
                )
            )
    return problems


async def _link_problems(
    session: AsyncSession, city_id: int, values: Mapping[str, Any]
) -> list[Problem]:
    """Linked practices must be the city's own; programmes must exist."""
    problems = []
    practice_ids = values.get("practice_ids") or []
    if practice_ids:
        found = set(
            await session.scalars(
                select(Practice.id).where(
                    Practice.id.in_(practice_ids), Practice.city_id == city_id
                )
            )
        )
        if set(practice_ids) - found:
            problems.append(
                Problem(
                    "practiceIds must name practices of the place's own city.",
                    ErrorCode.NOT_FOUND,
                    validation.path("practiceIds"),
                )
            )
    programme_ids = values.get("programme_ids") or []
    if programme_ids:
        found = set(
            await session.scalars(select(Programme.id).where(Programme.id.in_(programme_ids)))
        )
        if set(programme_ids) - found:
            problems.append(
                Problem(
                    "programmeIds name programmes that do not exist.",
                    ErrorCode.NOT_FOUND,
                    validation.path("programmeIds"),
                )
            )
    return problems


async def _links(session: AsyncSession, place_id: int) -> dict[str, list[int]]:
    practices = await session.scalars(
        select(PlacePractice.practice_id).where(PlacePractice.place_id == place_id)
    )
    programmes = await session.scalars(
        select(PlaceProgramme.programme_id).where(PlaceProgramme.place_id == place_id)
    )
    return {"practice_ids": sorted(practices), "programme_ids": sorted(programmes)}


async def _set_links(session: AsyncSession, place_id: int, values: Mapping[str, Any]) -> None:
    if "practice_ids" in values:
        await session.execute(delete(PlacePractice).where(PlacePractice.place_id == place_id))
        session.add_all(
            PlacePractice(place_id=place_id, practice_id=pk) for pk in values["practice_ids"]
        )
    if "programme_ids" in values:
        await session.execute(delete(PlaceProgramme).where(PlaceProgramme.place_id == place_id))
        session.add_all(
            PlaceProgramme(place_id=place_id, programme_id=pk) for pk in values["programme_ids"]
        )


def _normalised(changes: Mapping[str, Any]) -> dict[str, Any]:
    values = validation.normalise(changes, editable=EDITABLE, required=("name",), lists=LISTS)
    if "languages" in values:
        values["languages"] = [code.lower() for code in values["languages"]]
    if "target_groups" in values:
        values["target_groups"] = [str(getattr(g, "value", g)) for g in values["target_groups"]]
    return values


async def create_place(
    session: AsyncSession,
    *,
    viewer: Viewer,
    city_id: int,
    slug: str | None,
    changes: Mapping[str, Any],
) -> LearningPlace:
    """Add a learning place to a city's map."""
    rules.require(viewer, rules.Action.MANAGE_PLACES, city_id)
    if await session.get(City, city_id) is None:
        raise not_found("The city", validation.path("cityId"))
    values = _normalised(changes)
    problems = _problems(values, None)
    problems += await _link_problems(session, city_id, values)
    derived = slugify(values.get("name") or "")
    problems += await validation.new_slug(
        session, LearningPlace.slug, slug, derived=derived, source="name", earlier=problems
    )
    validation.ensure(problems)
    place = LearningPlace(
        slug=slug or await free_slug(session, LearningPlace.slug, derived, max_length=SLUG_MAX),
        city_id=city_id,
        is_example=False,
        **{name: values.get(name) for name in COLUMNS},
    )
    place.target_groups = list(values.get("target_groups") or ())
    place.languages = list(values.get("languages") or ())
    session.add(place)
    await flush(session)
    await _set_links(session, place.id, values)
    await flush(session)
    await record(
        session,
        viewer,
        "place.create",
        place,
        None,
        snapshot(place, **await _links(session, place.id)),
    )
    return place


async def _writable(
    session: AsyncSession, viewer: Viewer, place_id: int, version: int | None
) -> LearningPlace:
    """The place, locked, once the viewer may manage its city's places."""
    rules.require_signed_in(viewer, rules.Action.MANAGE_PLACES)
    place = await locked(session, LearningPlace, place_id, "The learning place")
    rules.require(viewer, rules.Action.MANAGE_PLACES, place.city_id)
    if version is not None:
        check_version(place, version, "The learning place")
    return place


async def update_place(
    session: AsyncSession,
    *,
    viewer: Viewer,
    place_id: int,
    version: int,
    changes: Mapping[str, Any],
) -> LearningPlace:
    """Edit a learning place; absent fields stay as they are, null clears one."""
    place = await _writable(session, viewer, place_id, version)
    values = _normalised(changes)
    problems = _problems(values, place)
    problems += await _link_problems(session, place.city_id, values)
    validation.ensure(problems)
    links = await _links(session, place.id)
    before = snapshot(place, **links)
    for name in COLUMNS:
        if name in values:
            value = values[name]
            setattr(place, name, list(value or ()) if name in LISTS else value)
    await _set_links(session, place.id, values)
    after_links = {name: sorted(values.get(name, links[name])) for name in links}
    after = snapshot(place, **after_links)
    if before == after:
        return place
    place.updated_at = clock.now()
    await flush(session)
    await record(session, viewer, "place.update", place, before, after)
    return place


async def delete_place(
    session: AsyncSession, *, viewer: Viewer, place_id: int, version: int
) -> int:
    """Remove a learning place from the map; returns the id it had."""
    place = await _writable(session, viewer, place_id, version)
    before = snapshot(place, **await _links(session, place.id))
    await record(session, viewer, "place.delete", place, before, None)
    await session.delete(place)
    await flush(session)
    return place_id
