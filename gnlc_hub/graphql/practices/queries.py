"""Root fields for practices and the theme vocabulary."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

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
from gnlc_hub.graphql.core.pagination import Connection, paginate
from gnlc_hub.graphql.core.relations import with_relations
from gnlc_hub.graphql.practices.inputs import PracticeFilter, PracticeOrder
from gnlc_hub.graphql.practices.types import Practice, Theme
from gnlc_hub.practices.queries import (
    PRACTICE_SORT_KEYS,
    PracticeCriteria,
    select_practices,
    select_themes,
)


@strawberry.type
class PracticeQuery:
    @strawberry.field(description="Practices you may see.")
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
        criteria = filter.to_criteria() if filter else PracticeCriteria()
        order = order_by or PracticeOrder()
        key = sort(
            f"practices:{order.field.value}", PRACTICE_SORT_KEYS[order.field], order.direction
        )
        statement = select_practices(criteria, info.context.viewer)
        connection = await paginate(
            info.context.db, statement, key, page(first, after, last, before)
        )
        return await with_relations(info, connection)

    @strawberry.field(description="A practice by slug; null when there is none you may see.")
    async def practice(self, info: Info, slug: SlugArg) -> Practice | None:
        return await with_relations(info, await info.context.loaders.practice_by_slug.load(slug))

    @strawberry.field(description="The controlled theme vocabulary of practices, by name.")
    async def themes(self, info: Info) -> list[Theme]:
        return list(await info.context.db.scalars(select_themes()))
