"""The secretariat's programme catalogue: adding capacity-building programmes and editing them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit import actions as audit
from gnlc_hub.audit.actions import record, snapshot
from gnlc_hub.auth import rules
from gnlc_hub.auth.rules import Action, require
from gnlc_hub.cities.models import City
from gnlc_hub.core import clock, validation
from gnlc_hub.core.errors import DomainError, ErrorCode, not_found
from gnlc_hub.core.locking import check_version, flush, locked
from gnlc_hub.core.slugs import fold, free_slug, slugify
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.programmes.enums import EnrolmentStatus
from gnlc_hub.programmes.models import Enrolment, Programme, ProgrammeHost
from gnlc_hub.programmes.queries import (
    enrolled_counts,
    enrolment_closed_reason,
    last_day,
    seats_left,
)
from gnlc_hub.programmes.validation import (
    COLUMNS,
    FIELDS,
    LISTS,
    REQUIRED,
    SLUG_MAX,
    programme_problems,
)


def _add_hosts(session: AsyncSession, programme_id: int, city_ids: Sequence[int]) -> None:
    session.add_all(ProgrammeHost(programme_id=programme_id, city_id=cid) for cid in city_ids)


async def _set_hosts(session: AsyncSession, programme_id: int, city_ids: Sequence[int]) -> None:
    await session.execute(delete(ProgrammeHost).where(ProgrammeHost.programme_id == programme_id))
    _add_hosts(session, programme_id, city_ids)


async def _hosts_of(session: AsyncSession, programme_id: int) -> list[int]:
    statement = select(ProgrammeHost.city_id).where(ProgrammeHost.programme_id == programme_id)
    return sorted(await session.scalars(statement))


def _snapshot(programme: Programme, host_city_ids: Sequence[int]) -> audit.Snapshot:
    return audit.snapshot(programme, host_city_ids=sorted(host_city_ids))


def _normalised(changes: Mapping[str, Any]) -> dict[str, Any]:
    return validation.normalise(changes, editable=FIELDS, required=REQUIRED, lists=LISTS)


def _typed(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validated input as column values (the deadline arrives as ISO text)."""
    deadline = values.get("enrolment_deadline")
    if deadline is None:
        return dict(values)
    return {**values, "enrolment_deadline": date.fromisoformat(deadline)}


async def create_programme(
    session: AsyncSession, *, viewer: Viewer, slug: str | None, changes: Mapping[str, Any]
) -> Programme:
    """Add a programme to the catalogue."""
    require(viewer, Action.CREATE_PROGRAMME)
    values = _normalised(changes)
    problems = await programme_problems(session, values, current=None)
    derived = slugify(values.get("title") or "")
    problems += await validation.new_slug(
        session, Programme.slug, slug, derived=derived, source="title", earlier=problems
    )
    validation.ensure(problems)
    values = _typed(values)
    columns = {name: values.get(name) for name in COLUMNS}
    columns["themes"] = list(values.get("themes") or ())
    programme = Programme(
        slug=slug or await free_slug(session, Programme.slug, derived, max_length=SLUG_MAX),
        sort_title=fold(values["title"]),
        is_example=False,
        **columns,
    )
    session.add(programme)
    await flush(session)
    hosts = values.get("host_city_ids") or []
    _add_hosts(session, programme.id, hosts)
    await audit.record(
        session, viewer, "programme.create", programme, None, _snapshot(programme, hosts)
    )
    await flush(session)
    return programme


async def update_programme(
    session: AsyncSession,
    *,
    viewer: Viewer,
    programme_id: int,
    version: int,
    changes: Mapping[str, Any],
) -> Programme:
    """Edit a programme; absent fields stay as they are."""
    require(viewer, Action.UPDATE_PROGRAMME)
    programme = await locked(session, Programme, programme_id, "The programme")
    check_version(programme, version, "The programme")
    values = _normalised(changes)
    validation.ensure(await programme_problems(session, values, current=programme))
    values = _typed(values)

    hosts = await _hosts_of(session, programme.id)
    new_hosts = sorted(set(values.get("host_city_ids", hosts)))
    before = _snapshot(programme, hosts)
    for name in COLUMNS:
        if name in values:
            setattr(programme, name, values[name])
    programme.sort_title = fold(programme.title)
    after = _snapshot(programme, new_hosts)
    if before == after:
        return programme
    programme.updated_at = clock.now()
    if new_hosts != hosts:
        await _set_hosts(session, programme.id, new_hosts)
    await flush(session)
    await audit.record(session, viewer, "programme.update", programme, before, after)
    await flush(session)
    return programme


async def _programme_city_enrolment(
    session: AsyncSession, viewer: Viewer, programme_id: int, city_id: int
) -> tuple[Programme, City, Enrolment | None]:
    """What enrolling and withdrawing both start from, once the viewer may act for the city:
    the programme (locked), the city and its enrolment, if any."""
    rules.require(viewer, rules.Action.ENROL_CITY, city_id)
    city = await session.get(City, city_id)
    if city is None:
        raise not_found("The city", validation.path("cityId"))
    # The programme row is the lock every enrolment takes: seats are counted after it, so two
    # cities can never both take the last seat.
    programme = await locked(session, Programme, programme_id, "The programme", field="programmeId")
    statement = (
        select(Enrolment)
        .where(Enrolment.programme_id == programme.id, Enrolment.city_id == city.id)
        .execution_options(populate_existing=True)
    )
    return programme, city, await session.scalar(statement)


async def enrol_in_programme(
    session: AsyncSession,
    *,
    viewer: Viewer,
    programme_id: int,
    city_id: int,
    today: date | None = None,
) -> Enrolment:
    """Give ``city_id`` a seat in ``programme_id``, or say why not (duplicate, closed, full)."""
    programme, city, enrolment = await _programme_city_enrolment(
        session, viewer, programme_id, city_id
    )
    if enrolment is not None and enrolment.status is EnrolmentStatus.ENROLLED:
        raise DomainError.single(
            f"{city.name} is already enrolled in '{programme.title}'.",
            ErrorCode.DUPLICATE,
            validation.path("programmeId"),
        )
    closed = enrolment_closed_reason(programme, today or clock.today())
    if closed:
        raise DomainError.single(closed, ErrorCode.CLOSED, validation.path("programmeId"))
    taken = dict((await session.execute(enrolled_counts([programme.id]))).all())
    if seats_left(programme, taken.get(programme.id, 0)) == 0:
        raise DomainError.single(
            f"'{programme.title}' is full: all {programme.seats} seats are taken.",
            ErrorCode.FULL,
            validation.path("programmeId"),
        )
    before = snapshot(enrolment) if enrolment is not None else None
    now = clock.now()
    if enrolment is None:
        enrolment = Enrolment(programme_id=programme.id, city_id=city.id)
        session.add(enrolment)
    enrolment.status = EnrolmentStatus.ENROLLED
    enrolment.enrolled_at = now
    enrolment.withdrawn_at = None
    await session.flush()
    await record(session, viewer, "programme.enrol", enrolment, before, snapshot(enrolment))
    return enrolment


async def withdraw_enrolment(
    session: AsyncSession,
    *,
    viewer: Viewer,
    programme_id: int,
    city_id: int,
    today: date | None = None,
) -> Enrolment:
    """Give up a city's seat, which becomes free for others, until the programme has ended."""
    programme, city, enrolment = await _programme_city_enrolment(
        session, viewer, programme_id, city_id
    )
    if enrolment is None:
        raise not_found(
            f"An enrolment of {city.name} in '{programme.title}'", validation.path("programmeId")
        )
    if enrolment.status is EnrolmentStatus.WITHDRAWN:
        raise DomainError.single(
            f"{city.name} has already withdrawn from '{programme.title}'.",
            ErrorCode.INVALID_TRANSITION,
            validation.path("programmeId"),
        )
    if programme.ends_on and (today or clock.today()) > last_day(programme.ends_on):
        raise DomainError.single(
            f"'{programme.title}' ended in {programme.ends_on}; its enrolments are final.",
            ErrorCode.CLOSED,
            validation.path("programmeId"),
        )
    before = snapshot(enrolment)
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.withdrawn_at = clock.now()
    await session.flush()
    await record(session, viewer, "programme.withdraw", enrolment, before, snapshot(enrolment))
    return enrolment
