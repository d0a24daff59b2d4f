"""Practice mutations: cities write drafts, the secretariat reviews, publishes and archives."""

from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.auth.rules import Action
from gnlc_hub.graphql.core.mutations import UserError, acting_city, pk_of, provided, run_mutation
from gnlc_hub.graphql.practices.enums import BuildingBlock, GuidelineArea, TargetGroup
from gnlc_hub.graphql.practices.types import Practice
from gnlc_hub.practices import actions as curation
from gnlc_hub.practices import models as rows
from gnlc_hub.practices import validation as limits

UNSET = strawberry.UNSET


@strawberry.input(
    description="Fields of a practice. In updates, fields you leave out stay as they are and "
    "null clears an optional field."
)
class PracticeFields:
    title: str | None = strawberry.field(
        default=UNSET, description=f"Short title (required; at most {limits.TITLE_MAX} chars)."
    )
    summary: str | None = strawberry.field(
        default=UNSET,
        description=f"One or two sentences (required; at most {limits.SUMMARY_MAX} chars).",
    )
    body: str | None = strawberry.field(
        default=UNSET,
        description=f"The case study, plain text (required; at most {limits.BODY_MAX} chars).",
    )
    period: str | None = strawberry.field(
        default=UNSET, description="When it ran, in words, e.g. `2005–2016`."
    )
    year_start: int | None = strawberry.field(
        default=UNSET, description=f"First year ({limits.YEAR_MIN}–{limits.YEAR_MAX})."
    )
    year_end: int | None = strawberry.field(
        default=UNSET, description="Last year; not before yearStart. Null while it runs."
    )
    language: str | None = strawberry.field(
        default=UNSET, description="Language of the text, ISO 639-1 (default `en`)."
    )
    keywords: list[str] | None = strawberry.field(
        default=UNSET,
        description=f"Free search keywords (at most {limits.KEYWORDS_MAX}, "
        f"{limits.KEYWORD_MAX} chars each).",
    )
    source_url: str | None = strawberry.field(
        default=UNSET, description="Public http(s) page the facts come from."
    )
    source_citation: str | None = strawberry.field(
        default=UNSET, description="Citation of a source without a public address."
    )
    themes: list[str] | None = strawberry.field(
        default=UNSET, description="Theme slugs from the `themes` vocabulary."
    )
    sdgs: list[int] | None = strawberry.field(
        default=UNSET, description="Sustainable Development Goals, 1–17."
    )
    building_blocks: list[BuildingBlock] | None = strawberry.field(
        default=UNSET, description="Key Features building blocks."
    )
    guideline_areas: list[GuidelineArea] | None = strawberry.field(
        default=UNSET, description="Guideline areas."
    )
    target_groups: list[TargetGroup] | None = strawberry.field(
        default=UNSET, description="People it is meant to reach."
    )


@strawberry.input(
    description="A new practice; it starts as a DRAFT only its city and the secretariat can see."
)
class CreatePracticeInput(PracticeFields):
    city_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The city; defaults to the city you edit."
    )
    slug: str | None = strawberry.field(
        default=None,
        description="Identifier for URLs; derived from the city and title when left out. "
        "It cannot change later.",
    )


@strawberry.input(description="Changes to a practice, made on the version you read.")
class UpdatePracticeInput(PracticeFields):
    id: relay.GlobalID = strawberry.field(description="The practice.")
    version: int = strawberry.field(
        description="The `version` you read; if it changed since, the update is refused with "
        "CONFLICT."
    )


@strawberry.input(description="One step of a practice's review, made on the version you read.")
class PracticeStepInput:
    id: relay.GlobalID = strawberry.field(description="The practice.")
    version: int = strawberry.field(
        description="The `version` you read; if it changed since, the step is refused with "
        "CONFLICT."
    )
    note: str | None = strawberry.field(
        default=None,
        description=f"A note for the record and the city (at most {curation.NOTE_MAX} chars).",
    )


@strawberry.type(description="The practice after the mutation, or why nothing changed.")
class PracticePayload:
    practice: Practice | None = strawberry.field(
        description="The practice as it is now; null when the mutation was refused."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the mutation was refused; empty on success."
    )


async def _step(
    info: Info, input: PracticeStepInput, transition: curation.Transition
) -> PracticePayload:
    viewer = info.context.viewer

    async def work(session: AsyncSession) -> rows.Practice:
        return await curation.transition_practice(
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
            return await curation.create_practice(
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
            return await curation.update_practice(
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
        return await _step(info, input, curation.Transition.SUBMIT)

    @strawberry.mutation(
        description="Secretariat: send a SUBMITTED practice back to its city; the note saying "
        "what to change is required."
    )
    async def request_practice_changes(
        self, info: Info, input: PracticeStepInput
    ) -> PracticePayload:
        return await _step(info, input, curation.Transition.REQUEST_CHANGES)

    @strawberry.mutation(
        description="Secretariat: publish a SUBMITTED practice; everyone can read and search "
        "it from now on."
    )
    async def publish_practice(self, info: Info, input: PracticeStepInput) -> PracticePayload:
        return await _step(info, input, curation.Transition.PUBLISH)

    @strawberry.mutation(
        description="Secretariat: archive a PUBLISHED practice; it leaves search and public "
        "lists and can no longer change."
    )
    async def archive_practice(self, info: Info, input: PracticeStepInput) -> PracticePayload:
        return await _step(info, input, curation.Transition.ARCHIVE)
