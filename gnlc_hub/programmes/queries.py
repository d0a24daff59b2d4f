"""Reading capacity-building programmes."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, false, func, select, true

from gnlc_hub.cities.models import City
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.programmes.enums import EnrolmentStatus, Modality
from gnlc_hub.programmes.models import Enrolment, Programme, ProgrammeHost

# Most recent first is what a portal shows; undated programmes sort last.
PROGRAMME_SORT_KEY = (func.coalesce(Programme.starts_on, ""), Programme.id)


@dataclass(frozen=True)
class ProgrammeCriteria:
    modalities: Sequence[Modality] = ()
    hosts: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None
    include_examples: bool = True


def select_programmes(criteria: ProgrammeCriteria) -> Select[tuple[Programme]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.modalities:
        conditions.append(Programme.modality.in_(list(criteria.modalities)))
    if criteria.hosts:
        conditions.append(
            Programme.id.in_(
                select(ProgrammeHost.programme_id)
                .join(City, City.id == ProgrammeHost.city_id)
                .where(City.slug.in_(list(criteria.hosts)))
            )
        )
    year = func.substr(Programme.starts_on, 1, 4)
    if criteria.year_from is not None:
        conditions.append(year >= f"{criteria.year_from:04d}")
    if criteria.year_to is not None:
        conditions.append(year <= f"{criteria.year_to:04d}")
    if not criteria.include_examples:
        conditions.append(Programme.is_example.is_(False))
    return select(Programme).where(and_(True, *conditions))


def visible_enrolments(viewer: Viewer) -> ColumnElement[bool]:
    """Who takes part is shared with the secretariat and the enrolled city's editors only;
    everyone sees how many seats are taken."""
    if viewer.is_staff:
        return true()
    if viewer.city_id is not None and not viewer.is_anonymous:
        return Enrolment.city_id == viewer.city_id
    return false()


def enrolled_counts(programme_ids: Sequence[int]) -> Select[tuple[int, int]]:
    """(programme id, seats taken) for the programmes that have enrolled cities."""
    return (
        select(Enrolment.programme_id, func.count())
        .where(
            Enrolment.programme_id.in_(list(programme_ids)),
            Enrolment.status == EnrolmentStatus.ENROLLED,
        )
        .group_by(Enrolment.programme_id)
    )


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
