"""Turning database rows into index documents: the only place that decides what is indexed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.models import City
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.db import Database
from gnlc_hub.network.models import Country, Region
from gnlc_hub.practices.enums import PracticeStatus, TagFacet
from gnlc_hub.practices.models import Practice, PracticeTag, Theme
from gnlc_hub.search.engine import (
    IndexSettings,
    PracticeDocument,
    SearchEngine,
)

# Words every deployment needs whatever the theme vocabulary says (lower-case).
FIXED_SYNONYM_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"esd", "education for sustainable development"}),
    frozenset(
        {
            "clc",
            "clcs",
            "community learning centre",
            "community learning centres",
            "community learning center",
            "community learning centers",
        }
    ),
)


@dataclass(frozen=True)
class DocumentBatch:
    """What the index should hold for some practice ids: documents to upsert, ids to drop."""

    documents: list[PracticeDocument]
    removed: list[int]


# Columns, not ORM objects: a reindex reads every published practice, and rows are much
# cheaper to load than four mapped entities each.
DOCUMENT_COLUMNS = (
    Practice.id,
    Practice.status,
    Practice.slug,
    Practice.title,
    Practice.summary,
    Practice.body,
    Practice.keywords,
    Practice.year_start,
    Practice.year_end,
    Practice.language,
    Practice.published_at,
    Practice.updated_at,
    City.slug.label("city"),
    City.name.label("city_name"),
    Country.iso2.label("country"),
    Country.name.label("country_name"),
    Region.code.label("region"),
)


def is_indexed(status: PracticeStatus) -> bool:
    """Published practices only: drafts, submissions and archived ones never reach search."""
    return status is PracticeStatus.PUBLISHED


async def load_documents(session: AsyncSession, practice_ids: Sequence[int]) -> DocumentBatch:
    """The current state of ``practice_ids`` as documents, in three statements whatever the size."""
    wanted = sorted(set(practice_ids))
    if not wanted:
        return DocumentBatch([], [])
    rows = (await session.execute(_document_query().where(Practice.id.in_(wanted)))).all()
    published = [row for row in rows if is_indexed(row.status)]
    documents = await _documents(session, published, await _theme_names(session))
    indexed = {document.id for document in documents}
    return DocumentBatch(documents, [pid for pid in wanted if pid not in indexed])


def build_document(
    row: Row[Any], tags: Mapping[TagFacet, list[str]], theme_names: dict[str, str]
) -> PracticeDocument:
    """One document from a row of ``DOCUMENT_COLUMNS`` and the practice's tags by facet."""
    published_at = row.published_at or row.updated_at
    themes = tuple(sorted(tags.get(TagFacet.THEME, ())))
    return PracticeDocument(
        id=row.id,
        slug=row.slug,
        title=row.title,
        summary=row.summary,
        body=row.body,
        keywords=tuple(row.keywords or ()),
        city=row.city,
        city_name=row.city_name,
        country=row.country,
        country_name=row.country_name,
        region=RegionCode(row.region).value,
        themes=themes,
        theme_names=tuple(theme_names.get(slug, slug) for slug in themes),
        sdgs=tuple(sorted(tags.get(TagFacet.SDG, ()), key=int)),
        building_blocks=tuple(sorted(tags.get(TagFacet.BUILDING_BLOCK, ()))),
        guideline_areas=tuple(sorted(tags.get(TagFacet.GUIDELINE_AREA, ()))),
        target_groups=tuple(sorted(tags.get(TagFacet.TARGET_GROUP, ()))),
        year=row.year_start if row.year_start is not None else row.year_end,
        language=row.language,
        published_at=int(published_at.timestamp()),
    )


async def published_document_batches(
    session: AsyncSession, *, batch_size: int = 500
) -> AsyncIterator[list[PracticeDocument]]:
    """Every published practice as documents, ``batch_size`` at a time, in id order.

    Two statements a batch (rows, tags); theme names are read once for the whole walk.
    """
    theme_names = await _theme_names(session)
    after = 0
    while True:
        rows = (
            await session.execute(
                _document_query()
                .where(Practice.status == PracticeStatus.PUBLISHED, Practice.id > after)
                .order_by(Practice.id)
                .limit(batch_size)
            )
        ).all()
        if not rows:
            return
        yield await _documents(session, rows, theme_names)
        after = rows[-1].id


async def count_published(session: AsyncSession) -> int:
    return int(
        await session.scalar(
            select(func.count(Practice.id)).where(Practice.status == PracticeStatus.PUBLISHED)
        )
        or 0
    )


async def index_settings(session: AsyncSession) -> IndexSettings:
    """Synonyms: each theme's list from the vocabulary, plus the fixed groups."""
    groups = list(FIXED_SYNONYM_GROUPS)
    for synonyms in await session.scalars(select(Theme.synonyms).order_by(Theme.slug)):
        group = frozenset(term.strip().lower() for term in synonyms or () if term.strip())
        if len(group) > 1:
            groups.append(group)
    return IndexSettings(synonym_groups=tuple(groups))


def _document_query() -> Select[Any]:
    """``DOCUMENT_COLUMNS`` of practices with their city, country and region."""
    return (
        select(*DOCUMENT_COLUMNS)
        .join(City, City.id == Practice.city_id)
        .join(Country, Country.id == City.country_id)
        .join(Region, Region.id == Country.region_id)
    )


async def _documents(
    session: AsyncSession, rows: Sequence[Row[Any]], theme_names: dict[str, str]
) -> list[PracticeDocument]:
    """Documents of ``rows`` (published practices), their tags read in one statement."""
    tags = await _tags_of(session, [row.id for row in rows])
    return [build_document(row, tags[row.id], theme_names) for row in rows]


async def _tags_of(
    session: AsyncSession, practice_ids: list[int]
) -> dict[int, dict[TagFacet, list[str]]]:
    grouped: dict[int, dict[TagFacet, list[str]]] = defaultdict(lambda: defaultdict(list))
    if practice_ids:
        rows = await session.execute(
            select(PracticeTag.practice_id, PracticeTag.facet, PracticeTag.value).where(
                PracticeTag.practice_id.in_(practice_ids)
            )
        )
        for practice_id, facet, value in rows:
            grouped[practice_id][facet].append(value)
    return grouped


async def _theme_names(session: AsyncSession) -> dict[str, str]:
    rows = await session.execute(select(Theme.slug, Theme.name))
    return {str(slug): str(name) for slug, name in rows.all()}


async def prepare_engine(database: Database, engine: SearchEngine) -> None:
    """Create the index if needed and apply the current settings (idempotent, cheap)."""
    async with database.sessions() as session:
        settings = await index_settings(session)
    await engine.ensure_index(settings)
