"""GraphQL types of member cities."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.cities import models
from gnlc_hub.graphql.audit.types import history_field
from gnlc_hub.graphql.core.nodes import ModelNode
from gnlc_hub.graphql.core.pagination import Connection
from gnlc_hub.graphql.core.permissions import SeesCityPrivate, private
from gnlc_hub.graphql.core.relations import paged_relation, relation
from gnlc_hub.graphql.network.types import (
    Award,
    ClusterMembership,
    Country,
    Event,
    PublicationFeature,
    UnescoRegion,
)
from gnlc_hub.graphql.places.types import LearningPlace, ProfileSource, profile_sources

if TYPE_CHECKING:
    from gnlc_hub.graphql.alliances.types import Alliance
    from gnlc_hub.graphql.practices.types import Practice
    from gnlc_hub.graphql.programmes.types import Enrolment, Programme

PracticeRef = Annotated["Practice", strawberry.lazy("gnlc_hub.graphql.practices.types")]
AllianceRef = Annotated["Alliance", strawberry.lazy("gnlc_hub.graphql.alliances.types")]
ProgrammeRef = Annotated["Programme", strawberry.lazy("gnlc_hub.graphql.programmes.types")]
EnrolmentRef = Annotated["Enrolment", strawberry.lazy("gnlc_hub.graphql.programmes.types")]


@strawberry.type(description="What a city says about itself; the input of peer matching.")
class CityProfile:
    population: int | None = strawberry.field(description="Number of inhabitants.")
    latitude: float | None = strawberry.field(description="Latitude (WGS 84).")
    longitude: float | None = strawberry.field(description="Longitude (WGS 84).")
    languages: list[str] = strawberry.field(description="Working languages (ISO 639-1).")
    priorities: list[str] = strawberry.field(description="Learning priorities of the city.")
    challenges: str | None = strawberry.field(description="Challenges the city wants help with.")
    website: str | None = strawberry.field(description="The city's learning-city web page.")
    time_zone: str | None = strawberry.field(description="IANA time zone, e.g. `Asia/Tokyo`.")
    population_year: int | None = strawberry.field(
        description="Year of the population figure; null where the source does not date it "
        "(GeoNames, the open-data source, does not)."
    )

    @strawberry.field(
        description="Where each open-data value (location, population, time zone, languages) "
        "came from, or who edited it."
    )
    def sources(self, root: strawberry.Parent[models.CityProfile]) -> list[ProfileSource]:
        return profile_sources(root.sources)

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.CityProfile))


@strawberry.type(description="A focal point of a city. Private to the secretariat and its editors.")
class CityContact:
    name: str = strawberry.field(description="Full name.")
    role: str | None = strawberry.field(description="Position in the city administration.")
    email: str | None = strawberry.field(description="E-mail address.")
    phone: str | None = strawberry.field(description="Telephone number.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")

    @strawberry.field(description="ID of the contact, for updateCityContact.")
    def id(self, root: strawberry.Parent[models.CityContact]) -> relay.GlobalID:
        return relay.GlobalID("CityContact", str(root.id))

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.CityContact))


@strawberry.type(description="A member city of the UNESCO Global Network of Learning Cities.")
class City(ModelNode):
    model = models.City
    loader = "city"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Human-readable identifier for URLs, e.g. `okayama`.")
    name: str = strawberry.field(description="City name as commonly written in English.")
    admitted_year: int | None = strawberry.field(
        description="Year the city joined the network; null where no source documents it."
    )
    source_url: str | None = strawberry.field(description="Public page documenting membership.")
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")
    history = history_field("city")

    country = relation(
        "country", "country_id", graphql_type=Country, description="The country of the city."
    )
    region = relation(
        "country",
        "country_id",
        then=[("region", "region_id")],
        graphql_type=UnescoRegion,
        description="The UNESCO region of the city's country.",
    )
    awards = relation(
        "awards_of_city",
        graphql_type=list[Award],
        description="Learning City Awards received, oldest first.",
    )
    practices = paged_relation(
        "practices_of_city",
        graphql_type=Connection[PracticeRef],
        description="Practices of the city you may see, by title.",
    )
    alliances = paged_relation(
        "alliances_of_city",
        graphql_type=Connection[AllianceRef],
        description="Alliances the city belongs to that you may see, by name.",
    )
    clusters = relation(
        "memberships_of_city",
        graphql_type=list[ClusterMembership],
        description="Thematic clusters the city takes part in, with its role.",
    )
    events = relation(
        "events_of_city",
        graphql_type=list[Event],
        description="Conferences and festivals hosted by the city.",
    )
    hosted_programmes = relation(
        "programmes_of_city",
        graphql_type=list[ProgrammeRef],
        description="Capacity-building programmes the city organised or hosted.",
    )
    enrolments = paged_relation(
        "enrolments_of_city",
        graphql_type=Connection[EnrolmentRef],
        description="The city's programme enrolments, oldest first; empty unless you are "
        "secretariat or an editor of this city.",
    )
    featured_in = relation(
        "features_of_city",
        graphql_type=list[PublicationFeature],
        description="Case-study publications that feature the city.",
    )
    learning_places = relation(
        "places_of_city",
        graphql_type=list[LearningPlace],
        description="The city's learning places (map of provision), real first.",
    )
    profile = relation(
        "profile", graphql_type=CityProfile | None, description="The city's public profile."
    )

    @strawberry.field(
        description="Focal-point contacts. Empty unless you are secretariat or an editor of "
        "this city.",
        extensions=private(SeesCityPrivate()),
    )
    async def contacts(
        self, root: strawberry.Parent[models.City], info: Info
    ) -> list[CityContact] | None:
        return await info.context.loaders.contacts_of_city.load(root.id)
