"""Root query fields of the network: thin resolvers that turn arguments into criteria."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

import strawberry
from sqlalchemy import ColumnElement, select
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.alliances.queries import ALLIANCE_SORT_KEY, AllianceCriteria, select_alliances
from gnlc_hub.cities.queries import CITY_SORT_KEYS, CityCriteria, select_cities
from gnlc_hub.graphql.alliances.types import Alliance, AllianceFilter
from gnlc_hub.graphql.auth.types import ViewerType
from gnlc_hub.graphql.cities.types import City, CityFilter, CityOrder
from gnlc_hub.graphql.core.enums import OrderDirection
from gnlc_hub.graphql.core.pagination import Connection, PageRequest, SortKey, paginate
from gnlc_hub.graphql.network.enums import Region
from gnlc_hub.graphql.network.types import (
    Cluster,
    Country,
    Event,
    EventFilter,
    NetworkStats,
    Publication,
    UnescoRegion,
)
from gnlc_hub.graphql.practices.types import Practice, PracticeFilter, PracticeOrder, Theme
from gnlc_hub.graphql.programmes.types import Programme, ProgrammeFilter
from gnlc_hub.network import queries as network_service
from gnlc_hub.network.models import Cluster as ClusterRow
from gnlc_hub.network.models import Publication as PublicationRow
from gnlc_hub.network.models import Region as RegionRow
from gnlc_hub.network.queries import EVENT_SORT_KEY, EventCriteria, select_countries, select_events
from gnlc_hub.practices.models import Theme as ThemeRow
from gnlc_hub.practices.queries import PRACTICE_SORT_KEYS, PracticeCriteria, select_practices
from gnlc_hub.programmes.queries import PROGRAMME_SORT_KEY, ProgrammeCriteria, select_programmes

T = TypeVar("T")

FirstArg = Annotated[
    int | None,
    strawberry.argument(
        description="Return the first n items (0–100; 20 when neither first nor last is given)."
    ),
]
AfterArg = Annotated[str | None, strawberry.argument(description="Return items after this cursor.")]
LastArg = Annotated[int | None, strawberry.argument(description="Return the last n items (0–100).")]
SlugArg = Annotated[str, strawberry.argument(description="Human-readable identifier.")]
FilterArg = Annotated[
    T | None, strawberry.argument(description="Only items matching all of these conditions.")
]
OrderArg = Annotated[T | None, strawberry.argument(description="Sort order.")]
BeforeArg = Annotated[
    str | None, strawberry.argument(description="Return items before this cursor.")
]


def _page(
    first: int | None, after: str | None, last: int | None, before: str | None
) -> PageRequest:
    return PageRequest(first=first, after=after, last=last, before=before)


def _sort(name: str, columns: tuple[ColumnElement[Any], ...], direction: OrderDirection) -> SortKey:
    return SortKey(
        name=f"{name}:{direction.value}",
        columns=columns,
        descending=direction is OrderDirection.DESC,
    )


@strawberry.type(description="Reading the network: cities, practices, alliances, programmes…")
class NetworkQuery:
    node: relay.Node | None = relay.node(description="Fetch any object by its global ID.")
    nodes: list[relay.Node | None] = relay.node(
        description="Fetch objects by global IDs; null for IDs you cannot see."
    )

    @strawberry.field(description="Who you are, as far as this API is concerned.")
    def viewer(self, info: Info) -> ViewerType:
        return info.context.viewer

    @strawberry.field(description="UNESCO's five regions.")
    async def regions(self, info: Info) -> list[UnescoRegion]:
        return list(await info.context.db.scalars(select(RegionRow).order_by(RegionRow.id)))

    @strawberry.field(description="Countries with member cities, by name.")
    async def countries(
        self,
        info: Info,
        region: Annotated[
            Region | None, strawberry.argument(description="Only countries of this region.")
        ] = None,
    ) -> list[Country]:
        return list(await info.context.db.scalars(select_countries(region)))

    @strawberry.field(description="Member cities.")
    async def cities(
        self,
        info: Info,
        filter: FilterArg[CityFilter] = None,
        order_by: OrderArg[CityOrder] = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[City]:
        criteria = filter.to_criteria() if filter else CityCriteria()
        order = order_by or CityOrder()
        sort = _sort(f"cities:{order.field.value}", CITY_SORT_KEYS[order.field], order.direction)
        return await paginate(
            info.context.db, select_cities(criteria), sort, _page(first, after, last, before)
        )

    @strawberry.field(description="A member city by slug; null when there is none.")
    async def city(self, info: Info, slug: SlugArg) -> City | None:
        return await info.context.loaders.city_by_slug.load(slug)

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
        sort = _sort(
            f"practices:{order.field.value}", PRACTICE_SORT_KEYS[order.field], order.direction
        )
        statement = select_practices(criteria, info.context.viewer)
        return await paginate(info.context.db, statement, sort, _page(first, after, last, before))

    @strawberry.field(description="A practice by slug; null when there is none you may see.")
    async def practice(self, info: Info, slug: SlugArg) -> Practice | None:
        return await info.context.loaders.practice_by_slug.load(slug)

    @strawberry.field(description="The controlled theme vocabulary of practices, by name.")
    async def themes(self, info: Info) -> list[Theme]:
        return list(await info.context.db.scalars(select(ThemeRow).order_by(ThemeRow.name)))

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
        sort = _sort("alliances:NAME", ALLIANCE_SORT_KEY, OrderDirection.ASC)
        return await paginate(info.context.db, statement, sort, _page(first, after, last, before))

    @strawberry.field(description="An alliance by slug; null when there is none you may see.")
    async def alliance(self, info: Info, slug: SlugArg) -> Alliance | None:
        return await info.context.loaders.alliance_by_slug.load(slug)

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
        sort = _sort("programmes:START", PROGRAMME_SORT_KEY, OrderDirection.DESC)
        return await paginate(
            info.context.db, select_programmes(criteria), sort, _page(first, after, last, before)
        )

    @strawberry.field(description="A programme by slug; null when there is none.")
    async def programme(self, info: Info, slug: SlugArg) -> Programme | None:
        return await info.context.loaders.programme_by_slug.load(slug)

    @strawberry.field(description="Thematic clusters, by name.")
    async def clusters(self, info: Info) -> list[Cluster]:
        return list(await info.context.db.scalars(select(ClusterRow).order_by(ClusterRow.name)))

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
        sort = _sort("events:START", EVENT_SORT_KEY, OrderDirection.ASC)
        return await paginate(
            info.context.db, select_events(criteria), sort, _page(first, after, last, before)
        )

    @strawberry.field(description="Case-study publications, newest first.")
    async def publications(self, info: Info) -> list[Publication]:
        statement = select(PublicationRow).order_by(PublicationRow.year.desc(), PublicationRow.id)
        return list(await info.context.db.scalars(statement))

    @strawberry.field(description="Headline counts by region, country and year of admission.")
    async def network_stats(self, info: Info) -> NetworkStats:
        return await info.context.db.run(network_service.network_stats)
