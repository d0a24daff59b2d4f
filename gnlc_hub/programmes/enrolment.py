"""Enrolling member cities in programmes: seat limits that hold under concurrency, deadlines,
withdrawals, and who may see whose enrolments."""

from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit.actions import record, snapshot
from gnlc_hub.auth import rules
from gnlc_hub.cities.models import City
from gnlc_hub.core import clock, validation
from gnlc_hub.core.errors import DomainError, ErrorCode, not_found
from gnlc_hub.core.locking import locked
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.programmes.enums import EnrolmentStatus
from gnlc_hub.programmes.models import Enrolment, Programme
from gnlc_hub.programmes.queries import enrolled_counts


def first_day(partial: str) -> date:
    """The first day a partial ISO date ("2020", "2020-03", "2020-03-05") can mean."""
    year, month, day = [*partial.split("-"), "1", "1"][:3]
    return date(int(year), int(month), int(day))


def last_day(partial: str) -> date:
    """The last day a partial ISO date can mean."""
    parts = partial.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 12
    day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return date(year, month, day)


def enrolment_closed_reason(programme: Programme, today: date) -> str | None:
    """Why ``programme`` takes no enrolments on ``today``, or None while it does.

    The deadline decides when there is one; otherwise enrolment closes when the programme starts.
    """
    if programme.enrolment_deadline is not None:
        if today > programme.enrolment_deadline:
            return f"Enrolment in '{programme.title}' closed on {programme.enrolment_deadline}."
        return None
    if programme.starts_on and today >= first_day(programme.starts_on):
        return f"'{programme.title}' started in {programme.starts_on}; enrolment is closed."
    return None


def seats_left(programme: Programme, taken: int) -> int | None:
    """Free seats; None when the programme has no seat limit."""
    return None if programme.seats is None else max(programme.seats - taken, 0)


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
