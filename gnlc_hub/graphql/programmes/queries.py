"""Root fields for capacity-building programmes."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gnlc_hub.graphql.core.arguments import (
    AfterArg,
    BeforeArg,
    FilterArg,
    FirstArg,
    LastArg,
    SlugArg,
    page,
    sort,
)
from gnlc_hub.graphql.core.enums import OrderDirection
from gnlc_hub.graphql.core.pagination import Connection, paginate
from gnlc_hub.graphql.programmes.inputs import ProgrammeFilter
from gnlc_hub.graphql.programmes.types import Programme
from gnlc_hub.programmes.queries import PROGRAMME_SORT_KEY, ProgrammeCriteria, select_programmes


@strawberry.type
class ProgrammeQuery:
    @strawberry.field(description="Capacity-building programmes, most recent first.")
    async def programmes(
        self,
        info: Info,
        filter: FilterArg[ProgrammeFilter] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[Programme]:
        criteria = filter.to_criteria() if filter else ProgrammeCriteria()
        key = sort("programmes:START", PROGRAMME_SORT_KEY, OrderDirection.DESC)
        return await paginate(
            info.context.db, select_programmes(criteria), key, page(first, after, last, before)
        )

    @strawberry.field(description="A programme by slug; null when there is none.")
    async def programme(self, info: Info, slug: SlugArg) -> Programme | None:
        return await info.context.loaders.programme_by_slug.load(slug)
