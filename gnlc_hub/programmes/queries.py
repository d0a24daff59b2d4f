"""Reading capacity-building programmes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
