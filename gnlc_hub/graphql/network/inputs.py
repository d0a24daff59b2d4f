"""Inputs of the network: the event filter and the secretariat's record mutations."""

from __future__ import annotations

import strawberry
from strawberry import UNSET, relay

from gnlc_hub.graphql.core.scalars import PartialDate
from gnlc_hub.graphql.network.enums import ClusterRole, EventFrequency, EventKind
from gnlc_hub.network.queries import EventCriteria


@strawberry.input(description="Filters on events: AND across fields, OR within a list.")
class EventFilter:
    kinds: list[EventKind] | None = strawberry.field(default=None, description="Kinds.")
    cities: list[str] | None = strawberry.field(default=None, description="Host city slugs.")
    year_from: int | None = strawberry.field(
        default=None, description="Starting, or with an edition, in or after this year."
    )
    year_to: int | None = strawberry.field(
        default=None, description="Starting, or with an edition, in or before this year."
    )

    def to_criteria(self) -> EventCriteria:
        return EventCriteria(
            kinds=self.kinds or (),
            cities=self.cities or (),
            year_from=self.year_from,
            year_to=self.year_to,
        )


@strawberry.input(description="A Learning City Award given to a member city.")
class CreateAwardInput:
    city_id: relay.GlobalID = strawberry.field(description="The laureate city.")
    year: int = strawberry.field(description="Year of the award (one award per city and year).")
    name: str | None = strawberry.field(default=UNSET, description="Name of the award.")
    source_url: str | None = strawberry.field(default=UNSET, description="Public http(s) page.")


@strawberry.input(description="An object to remove.")
class DeleteInput:
    id: relay.GlobalID = strawberry.field(description="The object.")
    version: int | None = strawberry.field(
        default=None, description="The `version` you read, where the object has one."
    )


@strawberry.input(description="Fields of an event; in updates, omitted fields stay as they are.")
class EventFields:
    kind: EventKind | None = strawberry.field(default=UNSET, description="Required.")
    name: str | None = strawberry.field(default=UNSET, description="Required; 300 characters.")
    edition: int | None = strawberry.field(default=UNSET, description="Conference edition.")
    city_id: relay.GlobalID | None = strawberry.field(default=UNSET, description="Host city.")
    starts_on: PartialDate | None = strawberry.field(default=UNSET, description="First day.")
    ends_on: PartialDate | None = strawberry.field(default=UNSET, description="Last day.")
    theme: str | None = strawberry.field(default=UNSET, description="Official theme.")
    frequency: EventFrequency | None = strawberry.field(default=UNSET, description="How often.")
    typical_months: str | None = strawberry.field(default=UNSET, description="Usual months.")
    summary: str | None = strawberry.field(default=UNSET, description="Our words.")
    source_url: str | None = strawberry.field(default=UNSET, description="Public http(s) page.")


@strawberry.input(description="A new conference or festival.")
class CreateEventInput(EventFields):
    slug: str | None = strawberry.field(default=None, description="Derived when left out.")


@strawberry.input(description="Changes to an event, made on the version you read.")
class UpdateEventInput(EventFields):
    id: relay.GlobalID = strawberry.field(description="The event.")
    version: int = strawberry.field(description="The `version` you read.")


@strawberry.input(description="One year's edition of a recurring event: added or changed.")
class SetEventEditionInput:
    event_id: relay.GlobalID = strawberry.field(description="The recurring event.")
    year: int = strawberry.field(description="Year of the edition.")
    starts_on: PartialDate | None = strawberry.field(default=UNSET, description="First day.")
    ends_on: PartialDate | None = strawberry.field(default=UNSET, description="Last day.")
    summary: str | None = strawberry.field(default=UNSET, description="What it offered.")
    source_url: str | None = strawberry.field(default=UNSET, description="Public http(s) page.")


@strawberry.input(description="An edition to remove.")
class RemoveEventEditionInput:
    event_id: relay.GlobalID = strawberry.field(description="The recurring event.")
    year: int = strawberry.field(description="Year of the edition.")


@strawberry.input(description="Fields of a thematic cluster.")
class ClusterFields:
    name: str | None = strawberry.field(default=UNSET, description="Required; 200 characters.")
    summary: str | None = strawberry.field(default=UNSET, description="What it works on.")
    source_url: str | None = strawberry.field(default=UNSET, description="Public http(s) page.")


@strawberry.input(description="A new thematic cluster.")
class CreateClusterInput(ClusterFields):
    slug: str | None = strawberry.field(default=None, description="Derived when left out.")


@strawberry.input(description="Changes to a cluster, made on the version you read.")
class UpdateClusterInput(ClusterFields):
    id: relay.GlobalID = strawberry.field(description="The cluster.")
    version: int = strawberry.field(description="The `version` you read.")


@strawberry.input(description="A city's role in a cluster: added or changed.")
class SetClusterMemberInput:
    cluster_id: relay.GlobalID = strawberry.field(description="The cluster.")
    city_id: relay.GlobalID = strawberry.field(description="The member city.")
    role: ClusterRole = strawberry.field(description="Coordinator or member.")
    note: str | None = strawberry.field(default=UNSET, description="What the sources say.")
    source_url: str | None = strawberry.field(default=UNSET, description="Public http(s) page.")


@strawberry.input(description="A city to take out of a cluster.")
class RemoveClusterMemberInput:
    cluster_id: relay.GlobalID = strawberry.field(description="The cluster.")
    city_id: relay.GlobalID = strawberry.field(description="The member city.")


@strawberry.input(description="Fields of a case-study publication.")
class PublicationFields:
    title: str | None = strawberry.field(default=UNSET, description="Required; 300 characters.")
    publisher: str | None = strawberry.field(default=UNSET, description="Publisher.")
    year: int | None = strawberry.field(default=UNSET, description="Year of publication.")
    source_url: str | None = strawberry.field(default=UNSET, description="Public http(s) page.")


@strawberry.input(description="A new publication.")
class CreatePublicationInput(PublicationFields):
    slug: str | None = strawberry.field(default=None, description="Derived when left out.")


@strawberry.input(description="Changes to a publication, made on the version you read.")
class UpdatePublicationInput(PublicationFields):
    id: relay.GlobalID = strawberry.field(description="The publication.")
    version: int = strawberry.field(description="The `version` you read.")


@strawberry.input(description="A city a publication features: added or changed.")
class SetPublicationFeatureInput:
    publication_id: relay.GlobalID = strawberry.field(description="The publication.")
    city_id: relay.GlobalID = strawberry.field(description="The featured city.")
    note: str | None = strawberry.field(default=UNSET, description="Why it is featured.")
    source_url: str | None = strawberry.field(default=UNSET, description="Public http(s) page.")


@strawberry.input(description="A featured city to remove from a publication.")
class RemovePublicationFeatureInput:
    publication_id: relay.GlobalID = strawberry.field(description="The publication.")
    city_id: relay.GlobalID = strawberry.field(description="The featured city.")


@strawberry.input(description="Fields of a focal-point contact (private).")
class CityContactFields:
    name: str | None = strawberry.field(default=UNSET, description="Required; 200 characters.")
    role: str | None = strawberry.field(default=UNSET, description="Position.")
    email: str | None = strawberry.field(default=UNSET, description="E-mail address.")
    phone: str | None = strawberry.field(default=UNSET, description="Telephone number.")


@strawberry.input(description="A new focal-point contact of a city.")
class CreateCityContactInput(CityContactFields):
    city_id: relay.GlobalID = strawberry.field(description="The city.")


@strawberry.input(description="Changes to a contact, made on the version you read.")
class UpdateCityContactInput(CityContactFields):
    id: relay.GlobalID = strawberry.field(description="The contact.")
    version: int = strawberry.field(description="The `version` you read.")


@strawberry.input(description="A practice an alliance transferred between its cities.")
class AlliancePracticeInput:
    alliance_id: relay.GlobalID = strawberry.field(description="The alliance.")
    practice_id: relay.GlobalID = strawberry.field(description="A practice of a member city.")
    note: str | None = strawberry.field(default=UNSET, description="What was transferred.")
    source_url: str | None = strawberry.field(default=UNSET, description="Public http(s) page.")


@strawberry.input(description="A transferred practice to unlink from an alliance.")
class UnlinkAlliancePracticeInput:
    alliance_id: relay.GlobalID = strawberry.field(description="The alliance.")
    practice_id: relay.GlobalID = strawberry.field(description="The practice.")
