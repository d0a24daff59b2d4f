"""GraphQL types of the network: regions, countries, awards, clusters, events, publications."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from gnlc_hub.graphql.core.nodes import ModelNode
from gnlc_hub.graphql.core.relations import relation
from gnlc_hub.graphql.core.scalars import PartialDate
from gnlc_hub.graphql.network.enums import ClusterRole, EventFrequency, EventKind, Region
from gnlc_hub.network import models

if TYPE_CHECKING:
    from gnlc_hub.graphql.cities.types import City

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]
# Types defined further down, for relation fields above them.
ClusterRef = Annotated["Cluster", strawberry.lazy(__name__)]
EventEditionRef = Annotated["EventEdition", strawberry.lazy(__name__)]
PublicationRef = Annotated["Publication", strawberry.lazy(__name__)]


@strawberry.type(description="One of UNESCO's five regions.")
class UnescoRegion(ModelNode):
    model = models.Region
    loader = "region"

    id: relay.NodeID[int]
    code: Region = strawberry.field(description="Region code, e.g. `ASIA_AND_THE_PACIFIC`.")
    name: str = strawberry.field(description="Region name in English.")


@strawberry.type(description="A country (ISO 3166-1) with at least one member city.")
class Country(ModelNode):
    model = models.Country
    loader = "country"

    id: relay.NodeID[int]
    iso2: str = strawberry.field(description="ISO 3166-1 alpha-2 code, e.g. `JP`.")
    name: str = strawberry.field(description="Short English name, e.g. `Republic of Korea`.")

    region = relation(
        "region",
        "region_id",
        graphql_type=UnescoRegion,
        description="The UNESCO region the country belongs to.",
    )


@strawberry.type(description="A UNESCO Learning City Award given to a member city.")
class Award(ModelNode):
    model = models.Award
    loader = "award"

    id: relay.NodeID[int]
    year: int = strawberry.field(description="Year the award was given.")
    name: str = strawberry.field(description="Name of the award.")
    source_url: str | None = strawberry.field(description="Public page documenting the award.")

    city = relation("city", "city_id", graphql_type=CityRef, description="The laureate city.")


@strawberry.type(description="A city's participation in a thematic cluster.")
class ClusterMembership:
    role: ClusterRole = strawberry.field(description="Coordinator or member.")
    note: str | None = strawberry.field(description="What the sources say about the role.")
    source_url: str | None = strawberry.field(description="Public page documenting the role.")

    city = relation("city", "city_id", graphql_type=CityRef, description="The member city.")

    cluster = relation("cluster", "cluster_id", graphql_type=ClusterRef, description="The cluster.")

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.ClusterMembership))


@strawberry.type(description="A thematic cluster of member cities working on one theme.")
class Cluster(ModelNode):
    model = models.Cluster
    loader = "cluster"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Human-readable identifier for URLs.")
    name: str = strawberry.field(description="Cluster name.")
    summary: str | None = strawberry.field(description="What the cluster works on.")
    source_url: str | None = strawberry.field(description="Public page documenting the cluster.")
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")

    members = relation(
        "memberships_of_cluster",
        graphql_type=list[ClusterMembership],
        description="Member cities and their roles (coordinators first).",
    )


@strawberry.type(description="An International Conference on Learning Cities or a city festival.")
class Event(ModelNode):
    model = models.Event
    loader = "event"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Human-readable identifier for URLs.")
    kind: EventKind = strawberry.field(description="Conference or festival.")
    name: str = strawberry.field(description="Event name.")
    edition: int | None = strawberry.field(description="Conference edition number.")
    starts_on: PartialDate | None = strawberry.field(description="First day (or first edition).")
    ends_on: PartialDate | None = strawberry.field(description="Last day, when known.")
    theme: str | None = strawberry.field(description="Official conference theme.")
    frequency: EventFrequency | None = strawberry.field(description="Festival frequency.")
    typical_months: str | None = strawberry.field(description="When a festival usually runs.")
    summary: str | None = strawberry.field(description="What happened or happens there.")
    source_url: str | None = strawberry.field(description="Public page documenting the event.")
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")

    version: int = strawberry.field(description="Current version, for optimistic locking.")

    city = relation("city", "city_id", graphql_type=CityRef | None, description="The host city.")

    editions = relation(
        "editions_of_event",
        graphql_type=list[EventEditionRef],
        description="Yearly editions of a recurring event, oldest first.",
    )


@strawberry.type(description="One year's edition of a recurring event (a learning festival).")
class EventEdition:
    year: int = strawberry.field(description="Year of the edition.")
    starts_on: PartialDate | None = strawberry.field(description="First day, when known.")
    ends_on: PartialDate | None = strawberry.field(description="Last day, when known.")
    summary: str | None = strawberry.field(description="What the edition offered.")
    source_url: str | None = strawberry.field(description="Public page documenting it.")
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.EventEdition))


@strawberry.type(description="A city featured in a case-study publication.")
class PublicationFeature:
    note: str | None = strawberry.field(description="Why the city is featured.")
    source_url: str | None = strawberry.field(description="Public page documenting it.")

    city = relation("city", "city_id", graphql_type=CityRef, description="The featured city.")

    publication = relation(
        "publication",
        "publication_id",
        graphql_type=PublicationRef,
        description="The publication.",
    )

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.PublicationFeature))


@strawberry.type(description="A published collection of learning-city case studies.")
class Publication(ModelNode):
    model = models.Publication
    loader = "publication"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Human-readable identifier for URLs.")
    title: str = strawberry.field(description="Title of the publication.")
    publisher: str | None = strawberry.field(description="Publisher.")
    year: int | None = strawberry.field(description="Year of publication.")
    source_url: str | None = strawberry.field(description="Public page about the publication.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")

    features = relation(
        "features_of_publication",
        graphql_type=list[PublicationFeature],
        description="Cities featured in the publication.",
    )


@strawberry.type(description="Member cities and countries of one region.")
class RegionStats:
    city_count: int = strawberry.field(description="Member cities in the region.")
    country_count: int = strawberry.field(description="Countries with members in the region.")

    region = relation("region", "region_id", graphql_type=UnescoRegion, description="The region.")


@strawberry.type(description="Member cities of one country.")
class CountryStats:
    city_count: int = strawberry.field(description="Member cities in the country.")

    country = relation("country", "country_id", graphql_type=Country, description="The country.")


@strawberry.type(description="Cities admitted in one year.")
class AdmissionYearStats:
    year: int | None = strawberry.field(description="Year of admission; null = not documented.")
    city_count: int = strawberry.field(description="Cities admitted that year.")


@strawberry.type(description="Headline counts of the network (real data; examples left out).")
class NetworkStats:
    city_count: int = strawberry.field(description="Member cities.")
    country_count: int = strawberry.field(description="Countries with member cities.")
    published_practice_count: int = strawberry.field(description="Published practices.")
    award_count: int = strawberry.field(description="Learning City Awards given.")
    by_region: list[RegionStats] = strawberry.field(description="Counts per UNESCO region.")
    by_country: list[CountryStats] = strawberry.field(
        description="Counts per country, largest first."
    )
    by_admission_year: list[AdmissionYearStats] = strawberry.field(
        description="Counts per year of admission, oldest first; undocumented years first."
    )
