"""Practices (as far as the viewer may see them), their tags, revisions and the themes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, String, case, cast, select, type_coerce

from gnlc_hub.graphql.core.loaders import LoaderGroup, batched, many, one
from gnlc_hub.graphql.core.sql_json import SqlField
from gnlc_hub.practices import models
from gnlc_hub.practices.enums import TagFacet
from gnlc_hub.practices.queries import visible_practices
from gnlc_hub.practices.tags import PracticeTags


async def _tags(group: LoaderGroup, ids: Sequence[Hashable]) -> list[PracticeTags]:
    tag = models.PracticeTag
    # The facet as the stored name: a page of 500 practices has thousands of tag rows, and
    # PracticeTags groups them by name (TagFacet is a StrEnum) without an Enum per row.
    facet = type_coerce(tag.facet, String)
    statement = select(tag.practice_id, facet, tag.value).where(tag.practice_id.in_(list(ids)))
    grouped: dict[Hashable, list[tuple[Any, str]]] = defaultdict(list)
    for practice_id, facet, value in await group.db.rows(statement):
        grouped[practice_id].append((facet, value))
    return [PracticeTags.from_rows(grouped.get(i, [])) for i in ids]


async def _theme_vocabulary(group: LoaderGroup, keys: Sequence[None]) -> list[dict[str, Any]]:
    """The whole theme vocabulary (a few dozen rows) by slug, read once per request."""
    themes = {theme.slug: theme for theme in await group.db.scalars(select(models.Theme))}
    return [themes for _ in keys]


async def _themes(group: LoaderGroup, ids: Sequence[Hashable]) -> list[list[Any]]:
    """Each practice's themes, from its tags and the vocabulary: no statement of its own (the
    tags load with the other tag fields of the same practices)."""
    tags, vocabulary = group.tags_of_practice, group.theme_vocabulary  # type: ignore[attr-defined]
    if missing := [i for i in ids if i not in tags.loaded]:
        await tags.load_many(missing)
    loaded = vocabulary.loaded
    themes = loaded[None] if None in loaded else await vocabulary.load(None)
    return [[themes[slug] for slug in tags.loaded[i].themes if slug in themes] for i in ids]


class PracticeLoaders(LoaderGroup):
    practice = one(models.Practice.id, visible=visible_practices)
    practice_by_slug = one(models.Practice.slug, visible=visible_practices)
    practices_of_city = many(
        models.Practice.city_id,
        order=[models.Practice.sort_title, models.Practice.id],
        visible=visible_practices,
    )
    tags_of_practice = batched(_tags)
    themes_of_practice = batched(_themes)
    revisions_of_practice = many(
        models.PracticeRevision.practice_id, order=[models.PracticeRevision.version]
    )
    theme = one(models.Theme.id)
    theme_vocabulary = batched(_theme_vocabulary)


def _tags_of(field: SqlField, facet: TagFacet) -> Select[Any]:
    """The parent practice's tag rows of one facet, correlated to it."""
    tag = models.PracticeTag
    statement = select(tag.value).where(tag.practice_id == field.parent.id, tag.facet == facet)
    return statement.correlate(field.parent)


def sdgs_sql(field: SqlField) -> ColumnElement[Any]:
    """``sdgs`` in SQL: the SDG tags as integers, ascending (as ``PracticeTags`` orders them)."""
    value = cast(models.PracticeTag.value, Integer)
    return field.build.array(_tags_of(field, TagFacet.SDG), value, [value])


def enum_tags_sql(facet: TagFacet, members: type[Enum]) -> Callable[[SqlField], ColumnElement]:
    """An enum facet in SQL: its members in declared order (as ``PracticeTags`` orders them);
    the stored value is the member's name, which is its GraphQL name."""
    assert all(member.name == member.value for member in members)
    position = {member.value: index for index, member in enumerate(members)}

    def build(field: SqlField) -> ColumnElement[Any]:
        value = models.PracticeTag.value
        statement = _tags_of(field, facet).where(value.in_(list(position)))
        return field.build.array(statement, value, [case(position, value=value)])

    return build


def themes_sql(field: SqlField) -> ColumnElement[Any]:
    """``themes`` in SQL: the vocabulary's themes the practice is tagged with, by slug in code
    point order (Python's ``sorted``, hence the C collation)."""
    tag, theme = models.PracticeTag, models.Theme
    statement = _tags_of(field, TagFacet.THEME).join(theme, theme.slug == tag.value)
    return field.objects(theme, statement, [tag.value.collate("C")])
