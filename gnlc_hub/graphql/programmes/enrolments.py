"""Enrolments of cities in programmes: the type and the enrol / withdraw mutations."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.auth import rules
from gnlc_hub.graphql.core.mutations import UserError, acting_city, pk_of, run_mutation
from gnlc_hub.graphql.core.nodes import ModelNode
from gnlc_hub.graphql.programmes.enums import EnrolmentStatus
from gnlc_hub.programmes import enrolment, models

if TYPE_CHECKING:
    from gnlc_hub.graphql.cities.types import City
    from gnlc_hub.graphql.programmes.types import Programme

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]
ProgrammeRef = Annotated["Programme", strawberry.lazy("gnlc_hub.graphql.programmes.types")]


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


@strawberry.input(description="Enrol a city in a programme.")
class EnrolInProgrammeInput:
    programme_id: relay.GlobalID = strawberry.field(description="The programme.")
    city_id: relay.GlobalID | None = strawberry.field(
        default=None,
        description="The city to enrol; defaults to the city you edit (the secretariat names it).",
    )


@strawberry.input(description="Withdraw a city's enrolment, freeing its seat.")
class WithdrawEnrolmentInput:
    programme_id: relay.GlobalID = strawberry.field(description="The programme.")
    city_id: relay.GlobalID | None = strawberry.field(
        default=None,
        description="The enrolled city; defaults to the city you edit (the secretariat names it).",
    )


@strawberry.type(description="The enrolment after the change, or why nothing changed.")
class EnrolmentPayload:
    enrolment: Enrolment | None = strawberry.field(description="The enrolment; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")

    @strawberry.field(description="The programme, with its seats as they are now.")
    async def programme(self, info: Info) -> ProgrammeRef | None:
        if self.enrolment is None:
            return None
        return await info.context.loaders.programme.load(self.enrolment.programme_id)


Step = Callable[..., Awaitable[models.Enrolment]]


async def _enrolment_payload(
    info: Info, step: Step, programme_id: relay.GlobalID, city_id: relay.GlobalID | None
) -> EnrolmentPayload:
    viewer = info.context.viewer

    async def work(session: AsyncSession) -> models.Enrolment:
        return await step(
            session,
            viewer=viewer,
            city_id=acting_city(viewer, city_id, rules.Action.ENROL_CITY),
            programme_id=pk_of(programme_id, "Programme", "programmeId"),
        )

    row, errors = await run_mutation(info, work)
    return EnrolmentPayload(enrolment=row, user_errors=errors)


@strawberry.type(description="Enrolling member cities in capacity-building programmes.")
class EnrolmentMutation:
    @strawberry.mutation(
        description="Take a seat in a programme for a city: its editors or the secretariat. "
        "Refused with FULL when no seat is left, CLOSED after the enrolment deadline (or, "
        "without one, once the programme has started) and DUPLICATE when already enrolled."
    )
    async def enrol_in_programme(
        self, info: Info, input: EnrolInProgrammeInput
    ) -> EnrolmentPayload:
        return await _enrolment_payload(
            info, enrolment.enrol_in_programme, input.programme_id, input.city_id
        )

    @strawberry.mutation(
        description="Give up a city's seat so another city can take it (until the programme "
        "has ended)."
    )
    async def withdraw_enrolment(
        self, info: Info, input: WithdrawEnrolmentInput
    ) -> EnrolmentPayload:
        return await _enrolment_payload(
            info, enrolment.withdraw_enrolment, input.programme_id, input.city_id
        )
