"""Root fields of the map: learning places, and cities or places near a point or in a box."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from gnlc_hub.graphql.core.arguments import AfterArg, BeforeArg, FirstArg, LastArg, SlugArg
from gnlc_hub.graphql.core.pagination import Connection, PageRequest, SortKey, paginate
from gnlc_hub.graphql.places.inputs import (
    DEFAULT_MAP_RESULTS,
    MAX_MAP_RESULTS,
    BoundingBoxInput,
    CityMapFilter,
    GeoCircleInput,
    LearningPlaceFilter,
    map_limit,
)
from gnlc_hub.graphql.places.types import (
    CityOnMap,
    LearningPlace,
    LearningPlaceOnMap,
    city_on_map,
    place_on_map,
)
from gnlc_hub.places import queries
from gnlc_hub.places.queries import CityMapCriteria, OnMap, PlaceCriteria

MapFirst = Annotated[
    int,
    strawberry.argument(description=f"At most this many results (1–{MAX_MAP_RESULTS})."),
]
Circle = Annotated[
    GeoCircleInput, strawberry.argument(description="Centre and radius of the search.")
]
Box = Annotated[BoundingBoxInput, strawberry.argument(description="The box to look in.")]
CityFilterArg = Annotated[
    CityMapFilter | None, strawberry.argument(description="Only cities matching these.")
]
PlaceFilterArg = Annotated[
    LearningPlaceFilter | None, strawberry.argument(description="Only places matching these.")
]


async def _on_map(
    info: Info, work: Callable[[AsyncSession], Awaitable[list[OnMap[Any]]]], shown: Any
) -> list[Any]:
    """Run a geo query with the request's session and wrap each row for GraphQL."""
    return [shown(item) for item in await info.context.db.run(work)]


def _cities(filter: CityMapFilter | None) -> CityMapCriteria:
    return filter.to_criteria() if filter else CityMapCriteria()


def _places(filter: LearningPlaceFilter | None) -> PlaceCriteria:
    return filter.to_criteria() if filter else PlaceCriteria()


@strawberry.type(description="The network on a map.")
class PlacesQuery:
    @strawberry.field(description="Learning places (the maps of learning provision): real first.")
    async def learning_places(
        self,
        info: Info,
        filter: PlaceFilterArg = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[LearningPlace]:
        sort = SortKey(name="places:NAME:ASC", columns=queries.PLACE_SORT_KEY)
        page = PageRequest(first=first, after=after, last=last, before=before)
        return await paginate(info.context.db, queries.select_places(_places(filter)), sort, page)

    @strawberry.field(description="A learning place by slug; null when there is none.")
    async def learning_place(self, info: Info, slug: SlugArg) -> LearningPlace | None:
        return await info.context.loaders.place_by_slug.load(slug)

    @strawberry.field(
        description="Located member cities within a radius of a point, nearest first."
    )
    async def cities_near(
        self,
        info: Info,
        near: Circle,
        filter: CityFilterArg = None,
        first: MapFirst = DEFAULT_MAP_RESULTS,
    ) -> list[CityOnMap]:
        centre, radius = near.validated("near")
        return await _on_map(
            info,
            lambda s: queries.cities_near(
                s, centre, radius, first=map_limit(first), criteria=_cities(filter)
            ),
            city_on_map,
        )

    @strawberry.field(description="Located member cities inside a box, by name.")
    async def cities_in_box(
        self,
        info: Info,
        box: Box,
        filter: CityFilterArg = None,
        first: MapFirst = DEFAULT_MAP_RESULTS,
    ) -> list[CityOnMap]:
        area = box.validated("box")
        return await _on_map(
            info,
            lambda s: queries.cities_in_box(
                s, area, first=map_limit(first), criteria=_cities(filter)
            ),
            city_on_map,
        )

    @strawberry.field(
        description="Located learning places within a radius of a point, nearest first."
    )
    async def learning_places_near(
        self,
        info: Info,
        near: Circle,
        filter: PlaceFilterArg = None,
        first: MapFirst = DEFAULT_MAP_RESULTS,
    ) -> list[LearningPlaceOnMap]:
        centre, radius = near.validated("near")
        return await _on_map(
            info,
            lambda s: queries.places_near(
                s, centre, radius, first=map_limit(first), criteria=_places(filter)
            ),
            place_on_map,
        )

    @strawberry.field(description="Located learning places inside a box, real ones first.")
    async def learning_places_in_box(
        self,
        info: Info,
        box: Box,
        filter: PlaceFilterArg = None,
        first: MapFirst = DEFAULT_MAP_RESULTS,
    ) -> list[LearningPlaceOnMap]:
        area = box.validated("box")
        return await _on_map(
            info,
            lambda s: queries.places_in_box(
                s, area, first=map_limit(first), criteria=_places(filter)
            ),
            place_on_map,
        )
