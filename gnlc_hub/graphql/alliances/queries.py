"""Root fields for alliances between cities."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gnlc_hub.alliances.queries import ALLIANCE_SORT_KEY, AllianceCriteria, select_alliances
from gnlc_hub.graphql.alliances.inputs import AllianceFilter
from gnlc_hub.graphql.alliances.types import Alliance
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
from gnlc_hub.graphql.core.relations import with_relations


@strawberry.type
class AllianceQuery:
    @strawberry.field(description="Alliances you may see, by name.")
    async def alliances(
        self,
        info: Info,
        filter: FilterArg[AllianceFilter] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[Alliance]:
        criteria = filter.to_criteria() if filter else AllianceCriteria()
        statement = select_alliances(criteria, info.context.viewer)
        key = sort("alliances:NAME", ALLIANCE_SORT_KEY, OrderDirection.ASC)
        connection = await paginate(
            info.context.db, statement, key, page(first, after, last, before)
        )
        return await with_relations(info, connection)

    @strawberry.field(description="An alliance by slug; null when there is none you may see.")
    async def alliance(self, info: Info, slug: SlugArg) -> Alliance | None:
        return await with_relations(info, await info.context.loaders.alliance_by_slug.load(slug))
