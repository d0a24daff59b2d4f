"""Reading capacity-building programmes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, case, func, select

from gnlc_hub.cities.models import City
from gnlc_hub.programmes.enums import Modality
from gnlc_hub.programmes.models import Programme, ProgrammeHost

# Most recent first is what a portal shows; undated programmes and examples (which are dated in
# the future to stay open for trying out) sort last.
PROGRAMME_SORT_KEY = (
    case((Programme.is_example, ""), else_=func.coalesce(Programme.starts_on, "")),
    Programme.id,
)


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
