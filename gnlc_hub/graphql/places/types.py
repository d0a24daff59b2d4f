"""GraphQL types of the map: learning places, points, distances, sources of profile values."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.cities.enums import ProfileFact
from gnlc_hub.graphql.audit.types import history_field
from gnlc_hub.graphql.core.nodes import ModelNode
from gnlc_hub.graphql.places.enums import LearningPlaceKind, ProfileFactName
from gnlc_hub.graphql.practices.enums import TargetGroup as TargetGroupEnum
from gnlc_hub.places import models
from gnlc_hub.places.queries import OnMap
from gnlc_hub.practices.enums import TargetGroup

if TYPE_CHECKING:
    from gnlc_hub.graphql.cities.types import City
    from gnlc_hub.graphql.practices.types import Practice
    from gnlc_hub.graphql.programmes.types import Programme

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]
PracticeRef = Annotated["Practice", strawberry.lazy("gnlc_hub.graphql.practices.types")]
ProgrammeRef = Annotated["Programme", strawberry.lazy("gnlc_hub.graphql.programmes.types")]


@strawberry.type(description="A point on the globe (WGS 84 degrees).")
class GeoPoint:
    latitude: float = strawberry.field(description="Degrees north (-90 to 90).")
    longitude: float = strawberry.field(description="Degrees east (-180 to 180).")


@strawberry.type(description="Where one value of a city profile came from.")
class ProfileSource:
    fact: ProfileFactName = strawberry.field(description="Which value.")
    source: str = strawberry.field(
        description="The open-data record it came from (gazetteer id, package and licence), or "
        "`edited by …` when a city editor or the secretariat set it."
    )


def profile_sources(sources: dict[str, str] | None) -> list[ProfileSource]:
    return [
        ProfileSource(fact=ProfileFact(fact), source=source)
        for fact, source in sorted((sources or {}).items())
        if fact in ProfileFact.__members__
    ]


@strawberry.type(description="A place where people learn in a member city: the map of provision.")
class LearningPlace(ModelNode):
    model = models.LearningPlace
    loader = "place"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Human-readable identifier for URLs.")
    kind: LearningPlaceKind = strawberry.field(description="What kind of place.")
    name: str = strawberry.field(description="Name of the place.")
    address: str | None = strawberry.field(description="Postal address, as the city gives it.")
    opening: str | None = strawberry.field(description="Opening hours or how to get access.")
    summary: str | None = strawberry.field(description="What is learned there, in a few words.")
    website: str | None = strawberry.field(description="The place's web page.")
    source_url: str | None = strawberry.field(description="Public page naming the place.")
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")
    history = history_field("learning_place")

    @strawberry.field(description="Where it is; null for online services and unlocated places.")
    def point(self, root: strawberry.Parent[models.LearningPlace]) -> GeoPoint | None:
        if root.latitude is None or root.longitude is None:
            return None
        return GeoPoint(latitude=root.latitude, longitude=root.longitude)

    @strawberry.field(description="Who it is meant for.")
    def target_groups(self, root: strawberry.Parent[models.LearningPlace]) -> list[TargetGroupEnum]:
        return [TargetGroup(value) for value in root.target_groups or ()]

    @strawberry.field(description="Languages offered (ISO 639-1).")
    def languages(self, root: strawberry.Parent[models.LearningPlace]) -> list[str]:
        return list(root.languages or ())

    @strawberry.field(description="The member city the place belongs to.")
    async def city(self, root: strawberry.Parent[models.LearningPlace], info: Info) -> CityRef:
        return await info.context.loaders.city.load(root.city_id)

    @strawberry.field(description="Practices of the city that run at this place (you may see).")
    async def practices(
        self, root: strawberry.Parent[models.LearningPlace], info: Info
    ) -> list[PracticeRef]:
        return await info.context.loaders.practices_of_place.load(root.id)

    @strawberry.field(description="Capacity-building programmes held at this place.")
    async def programmes(
        self, root: strawberry.Parent[models.LearningPlace], info: Info
    ) -> list[ProgrammeRef]:
        return await info.context.loaders.programmes_of_place.load(root.id)


@strawberry.type(description="A member city found on the map.")
class CityOnMap:
    point: GeoPoint = strawberry.field(description="Where the city is.")
    distance_km: float | None = strawberry.field(
        description="Great-circle distance from the centre, in km; null for box queries."
    )
    city: CityRef = strawberry.field(description="The city.")


@strawberry.type(description="A learning place found on the map.")
class LearningPlaceOnMap:
    point: GeoPoint = strawberry.field(description="Where the place is.")
    distance_km: float | None = strawberry.field(
        description="Great-circle distance from the centre, in km; null for box queries."
    )
    place: LearningPlace = strawberry.field(description="The place.")


def city_on_map(found: OnMap[Any]) -> CityOnMap:
    point = GeoPoint(latitude=found.point.latitude, longitude=found.point.longitude)
    return CityOnMap(point=point, distance_km=found.distance_km, city=found.row)


def place_on_map(found: OnMap[Any]) -> LearningPlaceOnMap:
    point = GeoPoint(latitude=found.point.latitude, longitude=found.point.longitude)
    return LearningPlaceOnMap(point=point, distance_km=found.distance_km, place=found.row)
