"""The network records the secretariat keeps: awards, events and their yearly editions,
clusters and their members, publications and the cities they feature, focal-point contacts, and
the practices alliances transferred.

Every write checks the rule table first, validates the whole input (every problem at once),
checks the version it was read at where the record has one, and lands in the audit trail.
Actions take a session and never commit.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.models import Alliance, AllianceMember, AlliancePractice
from gnlc_hub.audit.actions import record, snapshot
from gnlc_hub.auth import rules
from gnlc_hub.cities.models import City, CityContact
from gnlc_hub.core import clock, validation
from gnlc_hub.core.errors import DomainError, ErrorCode, Problem, not_found
from gnlc_hub.core.locking import check_version, flush, locked
from gnlc_hub.core.slugs import free_slug, slugify
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.db import Base, Versioned
from gnlc_hub.network.enums import ClusterRole, EventFrequency, EventKind
from gnlc_hub.network.models import (
    Award,
    Cluster,
    ClusterMembership,
    Event,
    EventEdition,
    Publication,
    PublicationFeature,
)
from gnlc_hub.practices.models import Practice

FIRST_YEAR = 1900  # before any learning-city record; a bound for typos, not history
LONG_TEXT = 4000


def _last_year() -> int:
    return clock.today().year + 5


@dataclass(frozen=True)
class Spec:
    """What one kind of record accepts: the single description its validation reads."""

    model: type[Any]
    what: str  # "The event", for messages
    action: str  # audit prefix, e.g. "event"
    texts: Mapping[str, int] = field(default_factory=dict)  # column -> max length
    required: tuple[str, ...] = ()
    urls: tuple[str, ...] = ("source_url",)
    dates: tuple[str, ...] = ()
    years: tuple[str, ...] = ()
    enums: Mapping[str, type[enum.Enum]] = field(default_factory=dict)
    cities: tuple[str, ...] = ()  # columns holding a city id that must exist
    slug_from: str | None = None
    rule: rules.Action = rules.Action.MANAGE_NETWORK_RECORDS

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.texts, *self.urls, *self.dates, *self.years, *self.enums, *self.cities)


EVENT = Spec(
    Event,
    "The event",
    "event",
    texts={"name": 300, "theme": 2000, "typical_months": 120, "summary": LONG_TEXT},
    required=("kind", "name"),
    dates=("starts_on", "ends_on"),
    years=("edition",),
    enums={"kind": EventKind, "frequency": EventFrequency},
    cities=("city_id",),
    slug_from="name",
)
EDITION = Spec(
    EventEdition,
    "The edition",
    "event_edition",
    texts={"summary": LONG_TEXT},
    dates=("starts_on", "ends_on"),
)
CLUSTER = Spec(
    Cluster,
    "The cluster",
    "cluster",
    texts={"name": 200, "summary": LONG_TEXT},
    required=("name",),
    slug_from="name",
)
MEMBER = Spec(
    ClusterMembership,
    "The membership",
    "cluster_member",
    texts={"note": 2000},
    required=("role",),
    enums={"role": ClusterRole},
)
PUBLICATION = Spec(
    Publication,
    "The publication",
    "publication",
    texts={"title": 300, "publisher": 200},
    required=("title",),
    years=("year",),
    slug_from="title",
)
FEATURE = Spec(PublicationFeature, "The feature", "publication_feature", texts={"note": 2000})
AWARD = Spec(
    Award,
    "The award",
    "award",
    texts={"name": 120},
    required=("city_id", "year"),
    years=("year",),
    cities=("city_id",),
)
CONTACT = Spec(
    CityContact,
    "The contact",
    "city_contact",
    texts={"name": 200, "role": 200, "email": 320, "phone": 60},
    required=("name",),
    urls=(),
    rule=rules.Action.MANAGE_CONTACTS,
)
TRANSFER = Spec(
    AlliancePractice,
    "The link",
    "alliance_practice",
    texts={"note": 2000},
    rule=rules.Action.LINK_ALLIANCE_PRACTICES,
)


def _problems(spec: Spec, values: Mapping[str, Any], current: Any | None) -> list[Problem]:
    def given(name: str) -> Any:
        if name in values:
            return values[name]
        return getattr(current, name, None) if current is not None else None

    problems: list[Problem] = []
    for name in spec.required:
        if (name in values or current is None) and given(name) in (None, ""):
            label = validation.camel(name)
            problems.append(
                Problem(f"{label} is required.", ErrorCode.REQUIRED, validation.path(label))
            )
    for name, limit in spec.texts.items():
        if name not in spec.required or given(name) not in (None, ""):
            problems += validation.text(values.get(name), validation.camel(name), max_length=limit)
    for name in spec.urls:
        problems += validation.url(values.get(name), validation.camel(name))
    for name in spec.dates:
        problems += validation.partial_date(values.get(name), validation.camel(name))
    if "starts_on" in spec.dates:
        problems += validation.not_before(given("starts_on"), given("ends_on"), "endsOn")
    for name in spec.years:
        low = 1 if name == "edition" else FIRST_YEAR
        high = 1000 if name == "edition" else _last_year()
        problems += validation.int_range(
            values.get(name), validation.camel(name), minimum=low, maximum=high
        )
    for name, enum_cls in spec.enums.items():
        if values.get(name) is not None:
            problems += validation.members([values[name]], enum_cls, validation.camel(name))
    if spec.model is CityContact and values.get("email") and "@" not in values["email"]:
        problems.append(Problem("email must be an e-mail address.", field=validation.path("email")))
    return problems


async def _city_problems(
    session: AsyncSession, spec: Spec, values: Mapping[str, Any]
) -> list[Problem]:
    problems = []
    for name in spec.cities:
        city_id = values.get(name)
        if city_id is not None and await session.get(City, city_id) is None:
            label = validation.camel(name)
            problems.append(
                Problem("The city does not exist.", ErrorCode.NOT_FOUND, validation.path(label))
            )
    return problems


def _normalised(spec: Spec, changes: Mapping[str, Any], extra: tuple[str, ...] = ()) -> dict:
    values = validation.normalise(changes, editable=(*spec.columns, *extra), required=spec.required)
    for name, enum_cls in spec.enums.items():
        if values.get(name) is not None:
            values[name] = enum_cls(getattr(values[name], "value", values[name]))
    return values


async def _validated(
    session: AsyncSession, spec: Spec, changes: Mapping[str, Any], current: Any | None
) -> dict[str, Any]:
    values = _normalised(spec, changes)
    problems = _problems(spec, values, current)
    problems += await _city_problems(session, spec, values)
    validation.ensure(problems)
    return values


async def create(
    session: AsyncSession,
    spec: Spec,
    *,
    viewer: Viewer,
    changes: Mapping[str, Any],
    slug: str | None = None,
    **fixed: Any,
) -> Any:
    """A new record of ``spec``'s kind; ``fixed`` holds keys the caller has already checked."""
    rules.require(viewer, spec.rule)
    values = await _validated(session, spec, changes, None)
    if spec.slug_from is not None:
        derived = slugify(values.get(spec.slug_from) or "")
        column = spec.model.slug
        validation.ensure(
            await validation.new_slug(
                session, column, slug, derived=derived, source=spec.slug_from, earlier=()
            )
        )
        fixed["slug"] = slug or await free_slug(
            session, column, derived, max_length=column.type.length
        )
    row = spec.model(**fixed, **values)
    if isinstance(row, (Event, Cluster)):
        row.is_example = False
    session.add(row)
    await flush(session)
    await record(session, viewer, f"{spec.action}.create", row, None, snapshot(row))
    return row


async def update(
    session: AsyncSession,
    spec: Spec,
    *,
    viewer: Viewer,
    pk: int,
    version: int | None,
    changes: Mapping[str, Any],
) -> Any:
    """Edit a record; absent fields stay as they are, null clears one."""
    rules.require(viewer, spec.rule)
    row = await locked(session, spec.model, pk, spec.what)
    if isinstance(row, Versioned) and version is not None:
        check_version(row, version, spec.what)
    values = await _validated(session, spec, changes, row)
    return await _changed(session, spec, viewer, row, values)


async def _changed(
    session: AsyncSession, spec: Spec, viewer: Viewer, row: Any, values: Mapping[str, Any]
) -> Any:
    """Apply validated values to a row, auditing the update when anything changed."""
    before = snapshot(row)
    for name, value in values.items():
        setattr(row, name, value)
    after = snapshot(row)
    if before != after:
        await flush(session)
        await record(session, viewer, f"{spec.action}.update", row, before, after)
    return row


async def remove(
    session: AsyncSession, spec: Spec, *, viewer: Viewer, pk: int, version: int | None = None
) -> int:
    """Delete a record (after checking the version it was read at, where it has one)."""
    rules.require(viewer, spec.rule)
    row = await locked(session, spec.model, pk, spec.what)
    if isinstance(row, Versioned) and version is not None:
        check_version(row, version, spec.what)
    await record(session, viewer, f"{spec.action}.delete", row, snapshot(row), None)
    await session.delete(row)
    await flush(session)
    return pk


async def existing(
    session: AsyncSession, model: type[Base], pk: int, what: str, field_name: str
) -> Any:
    row = await session.get(model, pk)
    if row is None:
        raise not_found(what, validation.path(field_name))
    return row


async def create_award(
    session: AsyncSession, *, viewer: Viewer, changes: Mapping[str, Any]
) -> Award:
    """Record a Learning City Award; one per city and year."""
    rules.require(viewer, AWARD.rule)
    city_id, year = changes.get("city_id"), changes.get("year")
    if city_id is not None and year is not None:
        taken = await session.scalar(
            select(Award.id).where(Award.city_id == city_id, Award.year == year)
        )
        if taken is not None:
            raise DomainError.single(
                f"The city already has the {year} award.", ErrorCode.DUPLICATE, ["input", "year"]
            )
    values = dict(changes)
    values.setdefault("name", None)
    if not values["name"]:
        values["name"] = "UNESCO Learning City Award"
    return await create(session, AWARD, viewer=viewer, changes=values)


async def _by_keys(session: AsyncSession, model: type[Any], keys: Mapping[str, int]) -> Any:
    return await session.scalar(
        select(model).where(*(getattr(model, k) == v for k, v in keys.items()))
    )


async def set_association(
    session: AsyncSession,
    spec: Spec,
    *,
    viewer: Viewer,
    keys: Mapping[str, int],
    changes: Mapping[str, Any],
) -> Any:
    """Add or change an association row (cluster member, featured city, edition, transfer)
    found by ``keys``; the parent rows must exist."""
    rules.require(viewer, spec.rule)
    model = spec.model
    existing = await _by_keys(session, model, keys)
    values = await _validated(session, spec, changes, existing)
    if existing is None:
        row = model(**keys, **values)
        session.add(row)
        await flush(session)
        await record(session, viewer, f"{spec.action}.create", row, None, snapshot(row))
        return row
    return await _changed(session, spec, viewer, existing, values)


async def remove_association(
    session: AsyncSession, spec: Spec, *, viewer: Viewer, keys: Mapping[str, int]
) -> bool:
    """Remove an association row; NOT_FOUND when there is none."""
    rules.require(viewer, spec.rule)
    model = spec.model
    row = await _by_keys(session, model, keys)
    if row is None:
        raise not_found(spec.what)
    await record(session, viewer, f"{spec.action}.delete", row, snapshot(row), None)
    await session.delete(row)
    await flush(session)
    return True


# Parents of each association, checked before it is written: (model, key, what, input field).
PARENTS: dict[str, tuple[type[Base], str, str]] = {
    "cluster_id": (Cluster, "The cluster", "clusterId"),
    "city_id": (City, "The city", "cityId"),
    "publication_id": (Publication, "The publication", "publicationId"),
    "event_id": (Event, "The event", "eventId"),
    "alliance_id": (Alliance, "The alliance", "allianceId"),
    "practice_id": (Practice, "The practice", "practiceId"),
}


async def check_parents(session: AsyncSession, keys: Mapping[str, int]) -> None:
    """Every parent of an association exists; callers check the rule first, so that refusals
    do not reveal what exists."""
    for name, pk in keys.items():
        model, what, field_name = PARENTS[name]
        await existing(session, model, pk, what, field_name)


async def check_transfer(session: AsyncSession, alliance_id: int, practice_id: int) -> None:
    """An alliance transfers practices of its own cities only."""
    practice = await session.get(Practice, practice_id)
    members = set(
        await session.scalars(
            select(AllianceMember.city_id).where(AllianceMember.alliance_id == alliance_id)
        )
    )
    if practice is not None and practice.city_id not in members:
        raise DomainError.single(
            "The practice belongs to a city that is not in the alliance.",
            ErrorCode.INVALID,
            ["input", "practiceId"],
        )


def check_edition_year(year: int) -> None:
    validation.ensure(validation.int_range(year, "year", minimum=FIRST_YEAR, maximum=2100))
