"""Root fields for member cities."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gnlc_hub.cities.queries import CITY_SORT_KEYS, CityCriteria, select_cities
from gnlc_hub.graphql.cities.inputs import CityFilter, CityOrder
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
from gnlc_hub.graphql.core.pagination import Connection, paginate
from gnlc_hub.graphql.core.relations import with_relations


@strawberry.type
class CityQuery:
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
        key = sort(f"cities:{order.field.value}", CITY_SORT_KEYS[order.field], order.direction)
        connection = await paginate(
            info.context.db, select_cities(criteria), key, page(first, after, last, before)
        )
        return await with_relations(info, connection)

    @strawberry.field(description="A member city by slug; null when there is none.")
    async def city(self, info: Info, slug: SlugArg) -> City | None:
        return await with_relations(info, await info.context.loaders.city_by_slug.load(slug))
