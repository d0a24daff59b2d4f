"""Root fields for alliances between cities."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gnlc_hub.alliances.queries import ALLIANCE_SORT_KEY, AllianceCriteria, select_alliances
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.graphql.alliances.inputs import AllianceFilter
from gnlc_hub.graphql.alliances.loaders import AllianceLoaders
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
from gnlc_hub.graphql.core.pagination import Connection
from gnlc_hub.graphql.core.relations import connection_of, with_relations
from gnlc_hub.graphql.core.sql_json import RootRows, sql_root


def alliance_rows(
    viewer: Viewer,
    filter: AllianceFilter | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> RootRows:
    """The page of alliances ``alliances`` answers, for its resolver and for SQL answers."""
    criteria = filter.to_criteria() if filter else AllianceCriteria()
    key = sort("alliances:NAME", ALLIANCE_SORT_KEY, OrderDirection.ASC)
    return RootRows(select_alliances(criteria, viewer), key, page(first, after, last, before))


def alliance_by_slug_rows(viewer: Viewer, slug: str) -> RootRows:
    return RootRows(AllianceLoaders.alliance_by_slug.rows(slug, viewer))


@strawberry.type
class AllianceQuery:
    @strawberry.field(
        description="Alliances you may see, by name.", metadata=sql_root(alliance_rows)
    )
    async def alliances(
        self,
        info: Info,
        filter: FilterArg[AllianceFilter] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[Alliance]:
        rows = alliance_rows(info.context.viewer, filter, first, after, last, before)
        return await connection_of(info, rows)

    @strawberry.field(
        description="An alliance by slug; null when there is none you may see.",
        metadata=sql_root(alliance_by_slug_rows),
    )
    async def alliance(self, info: Info, slug: SlugArg) -> Alliance | None:
        return await with_relations(info, await info.context.loaders.alliance_by_slug.load(slug))
