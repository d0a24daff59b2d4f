"""Programme mutations: the secretariat's catalogue of capacity-building programmes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.auth import rules
from gnlc_hub.graphql.core.mutations import UserError, acting_city, pk_of, provided, run_mutation
from gnlc_hub.graphql.programmes.inputs import (
    CreateProgrammeInput,
    EnrolInProgrammeInput,
    ProgrammeFields,
    UpdateProgrammeInput,
    WithdrawEnrolmentInput,
)
from gnlc_hub.graphql.programmes.types import Enrolment, Programme
from gnlc_hub.programmes import actions, models

ProgrammeRef = Annotated["Programme", strawberry.lazy("gnlc_hub.graphql.programmes.types")]


@strawberry.type(description="The programme after the mutation, or why nothing changed.")
class ProgrammePayload:
    programme: Programme | None = strawberry.field(
        description="The programme as it is now; null when the mutation was refused."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the mutation was refused; empty on success."
    )


def _changes(input: ProgrammeFields, exclude: set[str]) -> dict[str, Any]:
    """The sent fields, with host cities as primary keys."""
    changes = provided(input, exclude=exclude)
    if changes.get("host_city_ids") is not None:
        changes["host_city_ids"] = [
            pk_of(city, "City", "hostCityIds") for city in changes["host_city_ids"]
        ]
    return changes


@strawberry.type(description="The secretariat's programme actions.")
class ProgrammeMutation:
    @strawberry.mutation(description="Secretariat: add a capacity-building programme.")
    async def create_programme(self, info: Info, input: CreateProgrammeInput) -> ProgrammePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> models.Programme:
            return await actions.create_programme(
                session, viewer=viewer, slug=input.slug, changes=_changes(input, {"slug"})
            )

        programme, errors = await run_mutation(info, work)
        return ProgrammePayload(programme=programme, user_errors=errors)

    @strawberry.mutation(
        description="Secretariat: change a programme; only the fields you send change."
    )
    async def update_programme(self, info: Info, input: UpdateProgrammeInput) -> ProgrammePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> models.Programme:
            return await actions.update_programme(
                session,
                viewer=viewer,
                programme_id=pk_of(input.id, "Programme", "id"),
                version=input.version,
                changes=_changes(input, {"id", "version"}),
            )

        programme, errors = await run_mutation(info, work)
        return ProgrammePayload(programme=programme, user_errors=errors)


Step = Callable[..., Awaitable[models.Enrolment]]


@strawberry.type(description="The enrolment after the change, or why nothing changed.")
class EnrolmentPayload:
    enrolment: Enrolment | None = strawberry.field(description="The enrolment; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")

    @strawberry.field(description="The programme, with its seats as they are now.")
    async def programme(self, info: Info) -> ProgrammeRef | None:
        if self.enrolment is None:
            return None
        return await info.context.loaders.programme.load(self.enrolment.programme_id)


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
            info, actions.enrol_in_programme, input.programme_id, input.city_id
        )

    @strawberry.mutation(
        description="Give up a city's seat so another city can take it (until the programme "
        "has ended)."
    )
    async def withdraw_enrolment(
        self, info: Info, input: WithdrawEnrolmentInput
    ) -> EnrolmentPayload:
        return await _enrolment_payload(
            info, actions.withdraw_enrolment, input.programme_id, input.city_id
        )
