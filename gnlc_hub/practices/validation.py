"""Every rule a practice's fields must follow, in one place; problems are collected, not raised
one at a time, so a writer sees all of them at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core import validation
from gnlc_hub.core.errors import ErrorCode, Problem
from gnlc_hub.core.validation import camel
from gnlc_hub.core.vocabularies import ISO_639_1
from gnlc_hub.practices.enums import SDG_RANGE, BuildingBlock, GuidelineArea, TargetGroup
from gnlc_hub.practices.models import Practice, Theme
from gnlc_hub.practices.tags import PracticeTags

TITLE_MAX = 200
SUMMARY_MAX = 600
BODY_MAX = 20_000
PERIOD_MAX = 60
CITATION_MAX = 500
KEYWORDS_MAX = 30
KEYWORD_MAX = 60
TAGS_MAX = 20
YEAR_MIN, YEAR_MAX = 1900, 2100

# Changes to these are kept as revisions of the practice's text.
TEXT_FIELDS = ("title", "summary", "body")
COLUMN_FIELDS = (
    *TEXT_FIELDS,
    "period",
    "year_start",
    "year_end",
    "language",
    "keywords",
    "source_url",
    "source_citation",
)
TAG_FIELDS = ("themes", "sdgs", "building_blocks", "guideline_areas", "target_groups")
# Also the order in which problems are reported, as the fields appear in a form.
EDITABLE_FIELDS = (*COLUMN_FIELDS, *TAG_FIELDS)
REQUIRED_FIELDS = (*TEXT_FIELDS, "language")
LIST_FIELDS = frozenset(("keywords", *TAG_FIELDS))
DEFAULTS: Mapping[str, Any] = {"language": "en"}


def normalised(changes: Mapping[str, Any]) -> dict[str, Any]:
    return validation.normalise(
        changes, editable=EDITABLE_FIELDS, required=REQUIRED_FIELDS, lists=LIST_FIELDS
    )


def _field_problems(name: str, value: Any) -> list[Problem]:
    field = camel(name)
    required = name in REQUIRED_FIELDS
    match name:
        case "title":
            return validation.text(value, field, required=required, max_length=TITLE_MAX)
        case "summary":
            return validation.text(value, field, required=required, max_length=SUMMARY_MAX)
        case "body":
            return validation.text(value, field, required=required, max_length=BODY_MAX)
        case "period":
            return validation.text(value, field, max_length=PERIOD_MAX)
        case "source_citation":
            return validation.text(value, field, max_length=CITATION_MAX)
        case "source_url":
            return validation.url(value, field)
        case "year_start" | "year_end":
            return validation.int_range(value, field, minimum=YEAR_MIN, maximum=YEAR_MAX)
        case "language":
            if value is None:
                return [
                    Problem(f"{field} is required.", ErrorCode.REQUIRED, validation.path(field))
                ]
            if value not in ISO_639_1:
                return [
                    Problem(
                        f"{field} must be a two-letter ISO 639-1 code such as `en`.",
                        field=validation.path(field),
                    )
                ]
            return []
        case "keywords":
            return validation.strings(value, field, max_items=KEYWORDS_MAX, max_length=KEYWORD_MAX)
        case "themes":
            return validation.strings(value, field, max_items=TAGS_MAX, max_length=120)
        case "sdgs":
            return validation.each(
                value, field, minimum=SDG_RANGE.start, maximum=SDG_RANGE.stop - 1
            )
        case "building_blocks":
            return validation.members(value, BuildingBlock, field)
        case "guideline_areas":
            return validation.members(value, GuidelineArea, field)
        case "target_groups":
            return validation.members(value, TargetGroup, field)
    raise ValueError(f"no rule for practice field {name!r}")


async def _unknown_themes(session: AsyncSession, themes: list[str]) -> list[Problem]:
    if not themes:
        return []
    known = set(await session.scalars(select(Theme.slug).where(Theme.slug.in_(themes))))
    unknown = [theme for theme in themes if theme not in known]
    if unknown:
        return [
            Problem(
                f"themes has unknown theme slugs {unknown}; see the `themes` query.",
                field=validation.path("themes"),
            )
        ]
    return []


async def practice_problems(
    session: AsyncSession, changes: Mapping[str, Any], *, current: Practice | None
) -> list[Problem]:
    """Problems of ``changes`` (normalised) to ``current``, or of a new practice (its defaults
    applied) when None."""
    names = set(changes) if current is not None else set(changes) | set(REQUIRED_FIELDS)
    problems = [
        problem
        for name in sorted(names, key=EDITABLE_FIELDS.index)
        for problem in _field_problems(name, changes.get(name))
    ]
    if "themes" in changes and not any(p.field == validation.path("themes") for p in problems):
        problems += await _unknown_themes(session, changes["themes"])
    start = changes.get("year_start", current.year_start if current else None)
    end = changes.get("year_end", current.year_end if current else None)
    if isinstance(start, int) and isinstance(end, int) and end < start:
        problems.append(
            Problem("yearEnd may not be before yearStart.", field=validation.path("yearEnd"))
        )
    return problems


def review_problems(practice: Practice, tags: PracticeTags) -> list[Problem]:
    """What a practice needs before it is submitted for review, or published."""
    missing = [
        what
        for what, present in (
            ("at least one theme", tags.themes),
            ("at least one SDG", tags.sdgs),
            (
                "a source (sourceUrl or sourceCitation)",
                practice.source_url or practice.source_citation,
            ),
        )
        if not present
    ]
    return [
        Problem(
            f"Add {what}: a practice needs it to be submitted or published.", ErrorCode.REQUIRED
        )
        for what in missing
    ]
