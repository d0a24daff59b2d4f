"""Mutations of the map: a city's editors manage its learning places, the secretariat all."""

from __future__ import annotations

from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.auth import rules
from gnlc_hub.graphql.core.mutations import UserError, acting_city, pk_of, provided, run_mutation
from gnlc_hub.graphql.places.inputs import (
    CreateLearningPlaceInput,
    DeleteLearningPlaceInput,
    UpdateLearningPlaceInput,
)
from gnlc_hub.graphql.places.types import LearningPlace
from gnlc_hub.places import actions, models

LINKS = {"practice_ids": "Practice", "programme_ids": "Programme"}


def place_changes(input: Any, *, exclude: set[str]) -> dict[str, Any]:
    """The fields sent, with linked global IDs turned into primary keys."""
    changes = provided(input, exclude=exclude)
    for name, type_name in LINKS.items():
        if changes.get(name) is not None:
            field = name.replace("_ids", "Ids")
            changes[name] = [pk_of(gid, type_name, field) for gid in changes[name]]
    return changes


@strawberry.type(description="The learning place after the mutation, or why nothing changed.")
class LearningPlacePayload:
    place: LearningPlace | None = strawberry.field(description="The place; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="The id of the removed place, or why nothing changed.")
class DeleteLearningPlacePayload:
    deleted_id: relay.GlobalID | None = strawberry.field(description="The removed place's ID.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="Managing the maps of learning provision.")
class PlacesMutation:
    @strawberry.mutation(description="Add a learning place: the city's editors or the secretariat.")
    async def create_learning_place(
        self, info: Info, input: CreateLearningPlaceInput
    ) -> LearningPlacePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> models.LearningPlace:
            city_id = acting_city(viewer, input.city_id, rules.Action.MANAGE_PLACES)
            return await actions.create_place(
                session,
                viewer=viewer,
                city_id=city_id,
                slug=input.slug,
                changes=place_changes(input, exclude={"city_id", "slug"}),
            )

        place, errors = await run_mutation(info, work)
        return LearningPlacePayload(place=place, user_errors=errors)

    @strawberry.mutation(
        description="Edit a learning place: its city's editors or the secretariat. Only the "
        "fields you send change."
    )
    async def update_learning_place(
        self, info: Info, input: UpdateLearningPlaceInput
    ) -> LearningPlacePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> models.LearningPlace:
            return await actions.update_place(
                session,
                viewer=viewer,
                place_id=pk_of(input.id, "LearningPlace", "id"),
                version=input.version,
                changes=place_changes(input, exclude={"id", "version"}),
            )

        place, errors = await run_mutation(info, work)
        return LearningPlacePayload(place=place, user_errors=errors)

    @strawberry.mutation(
        description="Remove a learning place: its city's editors or the secretariat."
    )
    async def delete_learning_place(
        self, info: Info, input: DeleteLearningPlaceInput
    ) -> DeleteLearningPlacePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> int:
            return await actions.delete_place(
                session,
                viewer=viewer,
                place_id=pk_of(input.id, "LearningPlace", "id"),
                version=input.version,
            )

        deleted, errors = await run_mutation(info, work)
        gid = relay.GlobalID("LearningPlace", str(deleted)) if deleted is not None else None
        return DeleteLearningPlacePayload(deleted_id=gid, user_errors=errors)
