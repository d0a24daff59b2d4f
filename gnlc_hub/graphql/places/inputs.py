"""GraphQL inputs of the map: points, circles, boxes, filters and learning-place changes."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry
from strawberry import relay

from gnlc_hub.core import geo as geo_rules
from gnlc_hub.core import validation
from gnlc_hub.core.errors import Problem
from gnlc_hub.graphql.core.errors import UserInputError, arguments_checked
from gnlc_hub.graphql.network.enums import Region
from gnlc_hub.graphql.places.enums import LearningPlaceKind
from gnlc_hub.graphql.practices.enums import TargetGroup
from gnlc_hub.places import validation as place_rules
from gnlc_hub.places.queries import CityMapCriteria, PlaceCriteria

UNSET = strawberry.UNSET
MAX_MAP_RESULTS = 500
DEFAULT_MAP_RESULTS = 100


def ensure_arguments(problems: Sequence[Problem]) -> None:
    """Bad geo arguments answer as every query argument does: a BAD_USER_INPUT error."""
    with arguments_checked():
        validation.ensure(problems)


def map_limit(first: int) -> int:
    if not 1 <= first <= MAX_MAP_RESULTS:
        raise UserInputError(
            f"`first` must be between 1 and {MAX_MAP_RESULTS} (got {first}).", field="first"
        )
    return first


@strawberry.input(description="A circle on the globe: a centre and a radius.")
class GeoCircleInput:
    latitude: float = strawberry.field(description="Latitude of the centre (-90 to 90).")
    longitude: float = strawberry.field(description="Longitude of the centre (-180 to 180).")
    radius_km: float = strawberry.field(description="Radius in km (above 0, at most 20 000).")

    def validated(self, argument: str) -> tuple[geo_rules.GeoPoint, float]:
        centre = geo_rules.GeoPoint(self.latitude, self.longitude)
        ensure_arguments(geo_rules.circle_problems(centre, self.radius_km, [argument]))
        return centre, self.radius_km


@strawberry.input(
    description="A latitude/longitude box. A west edge east of the east edge means the box "
    "crosses the antimeridian (e.g. west 170, east -170 around Fiji)."
)
class BoundingBoxInput:
    south: float = strawberry.field(description="Southern edge (-90 to 90).")
    west: float = strawberry.field(description="Western edge (-180 to 180).")
    north: float = strawberry.field(description="Northern edge (-90 to 90), not below south.")
    east: float = strawberry.field(description="Eastern edge (-180 to 180).")

    def validated(self, argument: str) -> geo_rules.BoundingBox:
        box = geo_rules.BoundingBox(self.south, self.west, self.north, self.east)
        ensure_arguments(geo_rules.box_problems(box, [argument]))
        return box


@strawberry.input(description="Filters on cities on the map: AND across fields, OR within one.")
class CityMapFilter:
    regions: list[Region] | None = strawberry.field(default=None, description="UNESCO regions.")
    include_examples: bool = strawberry.field(
        default=True, description="Include illustrative (isExample) cities."
    )

    def to_criteria(self) -> CityMapCriteria:
        return CityMapCriteria(regions=self.regions or (), include_examples=self.include_examples)


@strawberry.input(description="Filters on learning places: AND across fields, OR within one.")
class LearningPlaceFilter:
    cities: list[str] | None = strawberry.field(default=None, description="City slugs.")
    kinds: list[LearningPlaceKind] | None = strawberry.field(default=None, description="Kinds.")
    include_examples: bool = strawberry.field(
        default=True, description="Include illustrative (isExample) places."
    )

    def to_criteria(self) -> PlaceCriteria:
        return PlaceCriteria(
            cities=self.cities or (),
            kinds=self.kinds or (),
            include_examples=self.include_examples,
        )


@strawberry.input(
    description="Fields of a learning place. In updates, fields you leave out stay as they are "
    "and null clears an optional one."
)
class LearningPlaceFields:
    kind: LearningPlaceKind | None = strawberry.field(default=UNSET, description="Kind (required).")
    name: str | None = strawberry.field(
        default=UNSET, description=f"Name (required; at most {place_rules.NAME_MAX} characters)."
    )
    address: str | None = strawberry.field(
        default=UNSET, description=f"Postal address (at most {place_rules.ADDRESS_MAX} characters)."
    )
    latitude: float | None = strawberry.field(
        default=UNSET, description="Latitude (-90 to 90), given together with longitude."
    )
    longitude: float | None = strawberry.field(
        default=UNSET, description="Longitude (-180 to 180), given together with latitude."
    )
    target_groups: list[TargetGroup] | None = strawberry.field(
        default=UNSET, description="Who the place is meant for."
    )
    languages: list[str] | None = strawberry.field(
        default=UNSET, description="Languages offered, as ISO 639-1 codes."
    )
    opening: str | None = strawberry.field(
        default=UNSET, description="Opening hours or access, in plain words."
    )
    summary: str | None = strawberry.field(default=UNSET, description="What is learned there.")
    website: str | None = strawberry.field(default=UNSET, description="http(s) web page.")
    source_url: str | None = strawberry.field(
        default=UNSET, description="Public http(s) page naming the place."
    )
    practice_ids: list[relay.GlobalID] | None = strawberry.field(
        default=UNSET, description="Practices of the same city that run there (replaces all)."
    )
    programme_ids: list[relay.GlobalID] | None = strawberry.field(
        default=UNSET, description="Programmes held there (replaces all)."
    )


@strawberry.input(description="A new learning place on a city's map.")
class CreateLearningPlaceInput(LearningPlaceFields):
    city_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The city; defaults to the city you edit."
    )
    slug: str | None = strawberry.field(
        default=None, description="Identifier for URLs; derived from the name when left out."
    )


@strawberry.input(description="Changes to a learning place, made on the version you read.")
class UpdateLearningPlaceInput(LearningPlaceFields):
    id: relay.GlobalID = strawberry.field(description="The learning place.")
    version: int = strawberry.field(description="The `version` you read.")


@strawberry.input(description="A learning place to remove from the map.")
class DeleteLearningPlaceInput:
    id: relay.GlobalID = strawberry.field(description="The learning place.")
    version: int = strawberry.field(description="The `version` you read.")
