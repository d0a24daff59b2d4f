"""Root fields for member cities."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gnlc_hub.cities.queries import CITY_SORT_KEYS, CityCriteria, select_cities
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.graphql.cities.inputs import CityFilter, CityOrder
from gnlc_hub.graphql.cities.loaders import CityLoaders
from gnlc_hub.graphql.cities.types import City
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


def city_rows(
    _viewer: Viewer,
    filter: CityFilter | None = None,
    order_by: CityOrder | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> RootRows:
    """The page of cities ``cities`` answers, for its resolver and for SQL-built answers."""
    criteria = filter.to_criteria() if filter else CityCriteria()
    order = order_by or CityOrder()
    key = sort(f"cities:{order.field.value}", CITY_SORT_KEYS[order.field], order.direction)
    return RootRows(select_cities(criteria), key, page(first, after, last, before))


def city_by_slug_rows(viewer: Viewer, slug: str) -> RootRows:
    return RootRows(CityLoaders.city_by_slug.rows(slug, viewer))


@strawberry.type
class CityQuery:
    @strawberry.field(description="Member cities.", metadata=sql_root(city_rows))
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
        rows = city_rows(info.context.viewer, filter, order_by, first, after, last, before)
        return await connection_of(info, rows)

    @strawberry.field(
        description="A member city by slug; null when there is none.",
        metadata=sql_root(city_by_slug_rows),
    )
    async def city(self, info: Info, slug: SlugArg) -> City | None:
        return await with_relations(info, await info.context.loaders.city_by_slug.load(slug))
