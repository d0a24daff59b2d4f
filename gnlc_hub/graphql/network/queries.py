"""Root fields for the network's frame: regions, countries, clusters, events, publications."""

from __future__ import annotations

from typing import Annotated

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
from gnlc_hub.graphql.network.enums import Region
from gnlc_hub.graphql.network.inputs import EventFilter
from gnlc_hub.graphql.network.types import (
    Cluster,
    Country,
    Event,
    NetworkStats,
    Publication,
    UnescoRegion,
)
from gnlc_hub.network import queries
from gnlc_hub.network.queries import EVENT_SORT_KEY, EventCriteria


@strawberry.type
class GeographyQuery:
    @strawberry.field(description="UNESCO's five regions.")
    async def regions(self, info: Info) -> list[UnescoRegion]:
        return list(await info.context.db.scalars(queries.select_regions()))

    @strawberry.field(description="Countries with member cities, by name.")
    async def countries(
        self,
        info: Info,
        region: Annotated[
            Region | None, strawberry.argument(description="Only countries of this region.")
        ] = None,
    ) -> list[Country]:
        return list(await info.context.db.scalars(queries.select_countries(region)))


@strawberry.type
class NetworkQuery:
    @strawberry.field(description="Thematic clusters, by name.")
    async def clusters(self, info: Info) -> list[Cluster]:
        return list(await info.context.db.scalars(queries.select_clusters()))

    @strawberry.field(description="A cluster by slug; null when there is none.")
    async def cluster(self, info: Info, slug: SlugArg) -> Cluster | None:
        return await info.context.loaders.cluster_by_slug.load(slug)

    @strawberry.field(description="Conferences and festivals, oldest first.")
    async def events(
        self,
        info: Info,
        filter: FilterArg[EventFilter] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[Event]:
        criteria = filter.to_criteria() if filter else EventCriteria()
        key = sort("events:START", EVENT_SORT_KEY, OrderDirection.ASC)
        return await paginate(
            info.context.db, queries.select_events(criteria), key, page(first, after, last, before)
        )

    @strawberry.field(description="Case-study publications, newest first.")
    async def publications(self, info: Info) -> list[Publication]:
        return list(await info.context.db.scalars(queries.select_publications()))

    @strawberry.field(description="Headline counts by region, country and year of admission.")
    async def network_stats(self, info: Info) -> NetworkStats:
        return await info.context.db.run(queries.network_stats)
