"""Root fields for practices and the theme vocabulary."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gnlc_hub.core.viewer import Viewer
from gnlc_hub.graphql.core.arguments import (
    AfterArg,
    BeforeArg,
    FilterArg,
    FirstArg,
    LastArg,
    OrderArg,
    SlugArg,
    page,
    sort,
)
from gnlc_hub.graphql.core.pagination import Connection
from gnlc_hub.graphql.core.relations import connection_of, with_relations
from gnlc_hub.graphql.core.sql_json import RootRows, sql_root
from gnlc_hub.graphql.practices.inputs import PracticeFilter, PracticeOrder
from gnlc_hub.graphql.practices.loaders import PracticeLoaders
from gnlc_hub.graphql.practices.types import Practice, Theme
from gnlc_hub.practices.queries import (
    PRACTICE_SORT_KEYS,
    PracticeCriteria,
    select_practices,
    select_themes,
)


def practice_rows(
    viewer: Viewer,
    filter: PracticeFilter | None = None,
    order_by: PracticeOrder | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> RootRows:
    """The page of practices ``practices`` answers, for its resolver and for SQL answers."""
    criteria = filter.to_criteria() if filter else PracticeCriteria()
    order = order_by or PracticeOrder()
    key = sort(f"practices:{order.field.value}", PRACTICE_SORT_KEYS[order.field], order.direction)
    return RootRows(select_practices(criteria, viewer), key, page(first, after, last, before))


def practice_by_slug_rows(viewer: Viewer, slug: str) -> RootRows:
    return RootRows(PracticeLoaders.practice_by_slug.rows(slug, viewer))


@strawberry.type
class PracticeQuery:
    @strawberry.field(description="Practices you may see.", metadata=sql_root(practice_rows))
    async def practices(
        self,
        info: Info,
        filter: FilterArg[PracticeFilter] = None,
        order_by: OrderArg[PracticeOrder] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[Practice]:
        rows = practice_rows(info.context.viewer, filter, order_by, first, after, last, before)
        return await connection_of(info, rows)

    @strawberry.field(
        description="A practice by slug; null when there is none you may see.",
        metadata=sql_root(practice_by_slug_rows),
    )
    async def practice(self, info: Info, slug: SlugArg) -> Practice | None:
        return await with_relations(info, await info.context.loaders.practice_by_slug.load(slug))

    @strawberry.field(description="The controlled theme vocabulary of practices, by name.")
    async def themes(self, info: Info) -> list[Theme]:
        return list(await info.context.db.scalars(select_themes()))
