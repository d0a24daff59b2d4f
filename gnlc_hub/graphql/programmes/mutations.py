"""Programme mutations: the secretariat's catalogue of capacity-building programmes."""

from __future__ import annotations

from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.graphql.core.mutations import UserError, pk_of, provided, run_mutation
from gnlc_hub.graphql.programmes.enums import Modality
from gnlc_hub.graphql.programmes.types import Programme
from gnlc_hub.programmes import actions as catalogue
from gnlc_hub.programmes import models

UNSET = strawberry.UNSET


@strawberry.input(
    description="Fields of a programme. In updates, fields you leave out stay as they are and "
    "null clears an optional field."
)
class ProgrammeFields:
    title: str | None = strawberry.field(
        default=UNSET, description=f"Title (required; at most {catalogue.TITLE_MAX} chars)."
    )
    organizer: str | None = strawberry.field(default=UNSET, description="Who runs it.")
    modality: Modality | None = strawberry.field(
        default=UNSET, description="Online, in person or hybrid (required)."
    )
    starts_on: str | None = strawberry.field(
        default=UNSET, description="First day: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."
    )
    ends_on: str | None = strawberry.field(
        default=UNSET,
        description="Last day, not before the first: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.",
    )
    audience: str | None = strawberry.field(default=UNSET, description="Who it is for.")
    themes: list[str] | None = strawberry.field(
        default=UNSET,
        description=f"Topics covered (at most {catalogue.THEMES_MAX}, "
        f"{catalogue.THEME_MAX} chars each).",
    )
    summary: str | None = strawberry.field(default=UNSET, description="What it offers.")
    source_url: str | None = strawberry.field(
        default=UNSET, description="Public http(s) page documenting it."
    )
    seats: int | None = strawberry.field(
        default=UNSET,
        description="Places for cities; null for unlimited. Not fewer than the cities "
        "already enrolled.",
    )
    enrolment_deadline: str | None = strawberry.field(
        default=UNSET, description="Last day to enrol, `YYYY-MM-DD`."
    )
    host_city_ids: list[relay.GlobalID] | None = strawberry.field(
        default=UNSET, description="Member cities that organise or host it."
    )


@strawberry.input(description="A new programme in the catalogue.")
class CreateProgrammeInput(ProgrammeFields):
    slug: str | None = strawberry.field(
        default=None,
        description="Identifier for URLs; derived from the title when left out. It cannot "
        "change later.",
    )


@strawberry.input(description="Changes to a programme, made on the version you read.")
class UpdateProgrammeInput(ProgrammeFields):
    id: relay.GlobalID = strawberry.field(description="The programme.")
    version: int = strawberry.field(
        description="The `version` you read; if it changed since, the update is refused with "
        "CONFLICT."
    )


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


@strawberry.type(description="The secretariat's programme catalogue.")
class ProgrammeMutation:
    @strawberry.mutation(description="Secretariat: add a capacity-building programme.")
    async def create_programme(self, info: Info, input: CreateProgrammeInput) -> ProgrammePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> models.Programme:
            return await catalogue.create_programme(
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
            return await catalogue.update_programme(
                session,
                viewer=viewer,
                programme_id=pk_of(input.id, "Programme", "id"),
                version=input.version,
                changes=_changes(input, {"id", "version"}),
            )

        programme, errors = await run_mutation(info, work)
        return ProgrammePayload(programme=programme, user_errors=errors)
