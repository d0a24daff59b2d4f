"""Practices (as far as the viewer may see them), their tags, revisions and the themes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

from sqlalchemy import String, select, type_coerce

from gnlc_hub.graphql.core.loaders import LoaderGroup, batched, many, one
from gnlc_hub.practices import models
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
