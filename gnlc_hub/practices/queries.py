"""Reading practices: who may see which, and filters over their tags, in one place."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true

from gnlc_hub.cities.models import City
from gnlc_hub.cities.queries import CityCriteria, city_conditions
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.practices.enums import (
    BuildingBlock,
    GuidelineArea,
    PracticeStatus,
    TagFacet,
    TargetGroup,
)
from gnlc_hub.practices.models import Practice, PracticeTag, Theme


class PracticeOrderField(enum.StrEnum):
    TITLE = "TITLE"
    RECENTLY_PUBLISHED = "RECENTLY_PUBLISHED"
    YEAR = "YEAR"


PRACTICE_SORT_KEYS: dict[PracticeOrderField, tuple[ColumnElement[object], ...]] = {
    PracticeOrderField.TITLE: (Practice.sort_title, Practice.id),
    PracticeOrderField.RECENTLY_PUBLISHED: (
        func.coalesce(Practice.published_at, Practice.created_at),
        Practice.id,
    ),
    PracticeOrderField.YEAR: (
        func.coalesce(Practice.year_end, Practice.year_start, 0),
        Practice.sort_title,
        Practice.id,
    ),
}


@dataclass(frozen=True)
class PracticeCriteria:
    cities: Sequence[str] = ()
    city_ids: Sequence[int] = ()
    regions: Sequence[RegionCode] = ()
    countries: Sequence[str] = ()
    themes: Sequence[str] = ()
    sdgs: Sequence[int] = ()
    building_blocks: Sequence[BuildingBlock] = ()
    guideline_areas: Sequence[GuidelineArea] = ()
    target_groups: Sequence[TargetGroup] = ()
    statuses: Sequence[PracticeStatus] = ()
    year_from: int | None = None
    year_to: int | None = None
    include_examples: bool = True

    def tag_filters(self) -> dict[TagFacet, list[str]]:
        return {
            facet: values
            for facet, values in (
                (TagFacet.THEME, list(self.themes)),
                (TagFacet.SDG, [str(v) for v in self.sdgs]),
                (TagFacet.BUILDING_BLOCK, [v.value for v in self.building_blocks]),
                (TagFacet.GUIDELINE_AREA, [v.value for v in self.guideline_areas]),
                (TagFacet.TARGET_GROUP, [v.value for v in self.target_groups]),
            )
            if values
        }


def visible_practices(viewer: Viewer) -> ColumnElement[bool]:
    """The one rule for reading practices: published for all, the rest for their owners."""
    if viewer.is_staff:
        return true()
    published = Practice.status == PracticeStatus.PUBLISHED
    if viewer.city_id is not None and not viewer.is_anonymous:
        return or_(published, Practice.city_id == viewer.city_id)
    return published


def practice_conditions(criteria: PracticeCriteria) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.cities:
        conditions.append(
            Practice.city_id.in_(select(City.id).where(City.slug.in_(list(criteria.cities))))
        )
    if criteria.city_ids:
        conditions.append(Practice.city_id.in_(list(criteria.city_ids)))
    if criteria.regions or criteria.countries:
        place = CityCriteria(regions=criteria.regions, countries=criteria.countries)
        conditions.append(Practice.city_id.in_(select(City.id).where(*city_conditions(place))))
    for facet, values in criteria.tag_filters().items():
        conditions.append(
            Practice.id.in_(
                select(PracticeTag.practice_id).where(
                    PracticeTag.facet == facet, PracticeTag.value.in_(values)
                )
            )
        )
    if criteria.statuses:
        conditions.append(Practice.status.in_(list(criteria.statuses)))
    if criteria.year_from is not None:
        conditions.append(
            func.coalesce(Practice.year_end, Practice.year_start) >= criteria.year_from
        )
    if criteria.year_to is not None:
        conditions.append(func.coalesce(Practice.year_start, Practice.year_end) <= criteria.year_to)
    if not criteria.include_examples:
        conditions.append(Practice.is_example.is_(False))
    return conditions


def select_practices(criteria: PracticeCriteria, viewer: Viewer) -> Select[tuple[Practice]]:
    return select(Practice).where(and_(visible_practices(viewer), *practice_conditions(criteria)))


def select_themes() -> Select[tuple[Theme]]:
    """The theme vocabulary, by name."""
    return select(Theme).order_by(Theme.name)
