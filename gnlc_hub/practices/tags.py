"""A practice's tags as one value object, stored as rows of ``practice_tags``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.practices.enums import BuildingBlock, GuidelineArea, TagFacet, TargetGroup
from gnlc_hub.practices.models import PracticeTag


@dataclass(frozen=True)
class PracticeTags:
    themes: tuple[str, ...] = ()
    sdgs: tuple[int, ...] = ()
    building_blocks: tuple[BuildingBlock, ...] = ()
    guideline_areas: tuple[GuidelineArea, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()

    @classmethod
    def from_seed(cls, row: Mapping[str, Any]) -> PracticeTags:
        return cls(
            themes=tuple(row.get("themes", ())),
            sdgs=tuple(sorted(int(sdg) for sdg in row.get("sdgs", ()))),
            building_blocks=tuple(BuildingBlock(v) for v in row.get("building_blocks", ())),
            guideline_areas=tuple(GuidelineArea(v) for v in row.get("guideline_areas", ())),
            target_groups=tuple(TargetGroup(v) for v in row.get("target_groups", ())),
        )

    @classmethod
    def from_rows(cls, rows: Iterable[PracticeTag | tuple[TagFacet, str]]) -> PracticeTags:
        # Runs once per practice on every page of practices: kept to plain dict and list work.
        grouped: dict[str, list[str]] = {facet: [] for facet in TagFacet}
        for row in rows:
            facet, value = (row.facet, row.value) if isinstance(row, PracticeTag) else row
            grouped[facet].append(value)
        return cls(
            themes=tuple(sorted(grouped[TagFacet.THEME])),
            sdgs=tuple(sorted(map(int, grouped[TagFacet.SDG]))),
            building_blocks=_ordered(BuildingBlock, grouped[TagFacet.BUILDING_BLOCK]),
            guideline_areas=_ordered(GuidelineArea, grouped[TagFacet.GUIDELINE_AREA]),
            target_groups=_ordered(TargetGroup, grouped[TagFacet.TARGET_GROUP]),
        )

    def as_pairs(self) -> list[tuple[TagFacet, str]]:
        return [
            *((TagFacet.THEME, v) for v in self.themes),
            *((TagFacet.SDG, str(v)) for v in self.sdgs),
            *((TagFacet.BUILDING_BLOCK, v.value) for v in self.building_blocks),
            *((TagFacet.GUIDELINE_AREA, v.value) for v in self.guideline_areas),
            *((TagFacet.TARGET_GROUP, v.value) for v in self.target_groups),
        ]


EnumT = TypeVar("EnumT", bound=Enum)
_DECLARED_ORDER: dict[Enum, int] = {
    member: position
    for enum_cls in (BuildingBlock, GuidelineArea, TargetGroup)
    for position, member in enumerate(enum_cls)
}


def _ordered(enum_cls: type[EnumT], values: list[str]) -> tuple[EnumT, ...]:
    """Enum members in their declared order, so API output is stable."""
    if not values:
        return ()
    return tuple(sorted({enum_cls(v) for v in values}, key=_DECLARED_ORDER.__getitem__))


def add_tags(session: AsyncSession, practice_id: int, tags: PracticeTags) -> None:
    """Tags of a practice that has none yet (a new one)."""
    session.add_all(
        PracticeTag(practice_id=practice_id, facet=facet, value=value)
        for facet, value in dict.fromkeys(tags.as_pairs())
    )


async def replace_tags(session: AsyncSession, practice_id: int, tags: PracticeTags) -> None:
    await session.execute(delete(PracticeTag).where(PracticeTag.practice_id == practice_id))
    add_tags(session, practice_id, tags)


_TAG_TYPES: Mapping[str, Callable[[Any], Any]] = {
    "themes": str,
    "sdgs": int,
    "building_blocks": BuildingBlock,
    "guideline_areas": GuidelineArea,
    "target_groups": TargetGroup,
}


def with_changes(tags: PracticeTags, changes: Mapping[str, Iterable[Any]]) -> PracticeTags:
    """``tags`` with the facets named in ``changes`` replaced, in the canonical order."""
    updated = replace(
        tags,
        **{
            facet: tuple(convert(value) for value in changes[facet])
            for facet, convert in _TAG_TYPES.items()
            if facet in changes
        },
    )
    return PracticeTags.from_rows(updated.as_pairs())


def as_json(tags: PracticeTags) -> dict[str, list[Any]]:
    """The tags as plain lists (enum values as names), e.g. for the audit trail."""
    return {
        facet: [getattr(value, "value", value) for value in getattr(tags, facet)]
        for facet in _TAG_TYPES
    }
