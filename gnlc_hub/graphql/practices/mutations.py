"""Practice mutations: cities write drafts, the secretariat reviews, publishes and archives."""

from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from gnlc_hub.auth.rules import Action
from gnlc_hub.graphql.core.mutations import UserError, acting_city, pk_of, provided, run_mutation
from gnlc_hub.graphql.practices.inputs import (
    CreatePracticeInput,
    PracticeStepInput,
    UpdatePracticeInput,
)
from gnlc_hub.graphql.practices.types import Practice
from gnlc_hub.practices import actions
from gnlc_hub.practices import models as rows


@strawberry.type(description="The practice after the mutation, or why nothing changed.")
class PracticePayload:
    practice: Practice | None = strawberry.field(
        description="The practice as it is now; null when the mutation was refused."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the mutation was refused; empty on success."
    )


async def _step(
    info: Info, input: PracticeStepInput, transition: actions.Transition
) -> PracticePayload:
    viewer = info.context.viewer

    async def work(session: AsyncSession) -> rows.Practice:
        return await actions.transition_practice(
            session,
            viewer=viewer,
            practice_id=pk_of(input.id, "Practice", "id"),
            version=input.version,
            transition=transition,
            note=input.note,
        )

    practice, errors = await run_mutation(info, work)
    return PracticePayload(practice=practice, user_errors=errors)


@strawberry.type(description="Writing practices and reviewing them.")
class PracticeMutation:
    @strawberry.mutation(
        description="Write a new practice as a DRAFT: a city's editors for their city, the "
        "secretariat for any city."
    )
    async def create_practice(self, info: Info, input: CreatePracticeInput) -> PracticePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> rows.Practice:
            return await actions.create_practice(
                session,
                viewer=viewer,
                city_id=acting_city(viewer, input.city_id, Action.CREATE_PRACTICE),
                slug=input.slug,
                changes=provided(input, exclude={"city_id", "slug"}),
            )

        practice, errors = await run_mutation(info, work)
        return PracticePayload(practice=practice, user_errors=errors)

    @strawberry.mutation(
        description="Change a practice; only the fields you send change. The city's editors "
        "while it is a DRAFT or CHANGES_REQUESTED; the secretariat until it is ARCHIVED."
    )
    async def update_practice(self, info: Info, input: UpdatePracticeInput) -> PracticePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> rows.Practice:
            return await actions.update_practice(
                session,
                viewer=viewer,
                practice_id=pk_of(input.id, "Practice", "id"),
                version=input.version,
                changes=provided(input, exclude={"id", "version"}),
            )

        practice, errors = await run_mutation(info, work)
        return PracticePayload(practice=practice, user_errors=errors)

    @strawberry.mutation(
        description="Send a DRAFT (or CHANGES_REQUESTED) practice to the secretariat for "
        "review. It needs a theme, an SDG and a source."
    )
    async def submit_practice(self, info: Info, input: PracticeStepInput) -> PracticePayload:
        return await _step(info, input, actions.Transition.SUBMIT)

    @strawberry.mutation(
        description="Secretariat: send a SUBMITTED practice back to its city; the note saying "
        "what to change is required."
    )
    async def request_practice_changes(
        self, info: Info, input: PracticeStepInput
    ) -> PracticePayload:
        return await _step(info, input, actions.Transition.REQUEST_CHANGES)

    @strawberry.mutation(
        description="Secretariat: publish a SUBMITTED practice; everyone can read and search "
        "it from now on."
    )
    async def publish_practice(self, info: Info, input: PracticeStepInput) -> PracticePayload:
        return await _step(info, input, actions.Transition.PUBLISH)

    @strawberry.mutation(
        description="Secretariat: archive a PUBLISHED practice; it leaves search and public "
        "lists and can no longer change."
    )
    async def archive_practice(self, info: Info, input: PracticeStepInput) -> PracticePayload:
        return await _step(info, input, actions.Transition.ARCHIVE)
