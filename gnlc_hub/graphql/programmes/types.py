"""GraphQL types of capacity-building programmes."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.core import clock
from gnlc_hub.graphql.audit.types import history_field
from gnlc_hub.graphql.core.arguments import AfterArg, FirstArg
from gnlc_hub.graphql.core.nested import page_of
from gnlc_hub.graphql.core.nodes import ModelNode
from gnlc_hub.graphql.core.pagination import Connection
from gnlc_hub.graphql.core.scalars import PartialDate
from gnlc_hub.graphql.programmes.enums import EnrolmentStatus, Modality
from gnlc_hub.programmes import models, queries

if TYPE_CHECKING:
    from gnlc_hub.graphql.cities.types import City

ProgrammeRef = Annotated["Programme", strawberry.lazy("gnlc_hub.graphql.programmes.types")]

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]


@strawberry.type(description="A capacity-building programme: webinar series, workshop, visit.")
class Programme(ModelNode):
    model = models.Programme
    loader = "programme"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Human-readable identifier for URLs.")
    title: str = strawberry.field(description="Title of the programme.")
    organizer: str | None = strawberry.field(description="Who runs it.")
    modality: Modality = strawberry.field(description="Online, in person or hybrid.")
    starts_on: PartialDate | None = strawberry.field(description="First day, when known.")
    ends_on: PartialDate | None = strawberry.field(description="Last day, when known.")
    audience: str | None = strawberry.field(description="Who it is for.")
    themes: list[str] = strawberry.field(description="Topics covered.")
    summary: str | None = strawberry.field(description="What it offers.")
    source_url: str | None = strawberry.field(description="Public page documenting it.")
    seats: int | None = strawberry.field(description="Places for cities; null = unlimited.")
    enrolment_deadline: date | None = strawberry.field(description="Last day to enrol.")
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")
    history = history_field("programme")

    @strawberry.field(description="Member cities that organised or hosted it.")
    async def hosts(self, root: strawberry.Parent[models.Programme], info: Info) -> list[CityRef]:
        return await info.context.loaders.hosts_of_programme.load(root.id)

    @strawberry.field(description="Seats taken by enrolled cities.")
    async def seats_taken(self, root: strawberry.Parent[models.Programme], info: Info) -> int:
        return await info.context.loaders.seats_taken.load(root.id)

    @strawberry.field(description="Seats still free; null when the programme has no limit.")
    async def seats_left(self, root: strawberry.Parent[models.Programme], info: Info) -> int | None:
        return queries.seats_left(root, await info.context.loaders.seats_taken.load(root.id))

    @strawberry.field(
        description="True while cities can enrol: before the enrolment deadline or, without "
        "one, before the programme starts (seats aside)."
    )
    def enrolment_open(self, root: strawberry.Parent[models.Programme]) -> bool:
        return queries.enrolment_closed_reason(root, clock.today()) is None

    @strawberry.field(
        description="Enrolments you may see, oldest first: all for the secretariat, your own "
        "city's for a city editor, none for anonymous readers."
    )
    async def enrolments(
        self,
        root: strawberry.Parent[models.Programme],
        info: Info,
        first: FirstArg = None,
        after: AfterArg = None,
    ) -> Connection[Enrolment]:
        loader = page_of(info.context.loaders, "enrolments_of_programme", first, after)
        return await loader.load(root.id)


@strawberry.type(
    description="A city's seat in a programme. Visible to the secretariat and the city's editors."
)
class Enrolment(ModelNode):
    model = models.Enrolment
    loader = "enrolment"

    id: relay.NodeID[int]
    status: EnrolmentStatus = strawberry.field(description="Enrolled, or withdrawn.")
    enrolled_at: datetime = strawberry.field(description="When the city (last) enrolled.")
    withdrawn_at: datetime | None = strawberry.field(description="When the city withdrew.")

    @strawberry.field(description="The programme.")
    async def programme(
        self, root: strawberry.Parent[models.Enrolment], info: Info
    ) -> ProgrammeRef:
        return await info.context.loaders.programme.load(root.programme_id)

    @strawberry.field(description="The enrolled city.")
    async def city(self, root: strawberry.Parent[models.Enrolment], info: Info) -> CityRef:
        return await info.context.loaders.city.load(root.city_id)
