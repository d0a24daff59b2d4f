"""Reading alliances: anonymous readers see agreements, members see their negotiations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, or_, select, true

from gnlc_hub.alliances.enums import PUBLIC_ALLIANCE_STATUSES, AllianceKind, AllianceStatus
from gnlc_hub.alliances.models import Alliance, AllianceMember
from gnlc_hub.cities.models import City
from gnlc_hub.core.viewer import Viewer

ALLIANCE_SORT_KEY = (Alliance.name, Alliance.id)


@dataclass(frozen=True)
class AllianceCriteria:
    kinds: Sequence[AllianceKind] = ()
    statuses: Sequence[AllianceStatus] = ()
    cities: Sequence[str] = ()
    include_examples: bool = True


def visible_alliances(viewer: Viewer) -> ColumnElement[bool]:
    """Proposed and declined alliances stay between their cities and the secretariat."""
    if viewer.is_staff:
        return true()
    public = Alliance.status.in_(list(PUBLIC_ALLIANCE_STATUSES))
    if viewer.city_id is not None and not viewer.is_anonymous:
        own = Alliance.id.in_(
            select(AllianceMember.alliance_id).where(AllianceMember.city_id == viewer.city_id)
        )
        return or_(public, own)
    return public


def alliance_conditions(criteria: AllianceCriteria) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.kinds:
        conditions.append(Alliance.kind.in_(list(criteria.kinds)))
    if criteria.statuses:
        conditions.append(Alliance.status.in_(list(criteria.statuses)))
    if criteria.cities:
        conditions.append(
            Alliance.id.in_(
                select(AllianceMember.alliance_id)
                .join(City, City.id == AllianceMember.city_id)
                .where(City.slug.in_(list(criteria.cities)))
            )
        )
    if not criteria.include_examples:
        conditions.append(Alliance.is_example.is_(False))
    return conditions


def select_alliances(criteria: AllianceCriteria, viewer: Viewer) -> Select[tuple[Alliance]]:
    return select(Alliance).where(and_(visible_alliances(viewer), *alliance_conditions(criteria)))
