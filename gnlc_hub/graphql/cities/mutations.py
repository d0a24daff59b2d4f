"""City mutations: the secretariat admits member cities and corrects their records."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from gnlc_hub.auth import rules
from gnlc_hub.cities import actions, models
from gnlc_hub.cities.actions import update_city_profile
from gnlc_hub.cities.validation import ProfileChanges
from gnlc_hub.graphql.cities.inputs import CreateCityInput, UpdateCityInput, UpdateCityProfileInput
from gnlc_hub.graphql.cities.types import City, CityProfile
from gnlc_hub.graphql.core.mutations import UserError, acting_city, pk_of, provided, run_mutation

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]


@strawberry.type(description="The city after the mutation, or why nothing changed.")
class CityPayload:
    city: City | None = strawberry.field(
        description="The city as it is now; null when the mutation was refused."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why the mutation was refused; empty on success."
    )


@strawberry.type(description="The secretariat's membership records.")
class CityMutation:
    @strawberry.mutation(description="Secretariat: admit a member city (with an empty profile).")
    async def create_city(self, info: Info, input: CreateCityInput) -> CityPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> models.City:
            return await actions.create_city(
                session, viewer=viewer, slug=input.slug, changes=provided(input, exclude={"slug"})
            )

        city, errors = await run_mutation(info, work)
        return CityPayload(city=city, user_errors=errors)

    @strawberry.mutation(
        description="Secretariat: correct a city's record; only the fields you send change. "
        "Cities edit their own profile with `updateCityProfile`."
    )
    async def update_city(self, info: Info, input: UpdateCityInput) -> CityPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> models.City:
            return await actions.update_city(
                session,
                viewer=viewer,
                city_id=pk_of(input.id, "City", "id"),
                version=input.version,
                changes=provided(input, exclude={"id", "version"}),
            )

        city, errors = await run_mutation(info, work)
        return CityPayload(city=city, user_errors=errors)


@strawberry.type(description="The city profile after the change, or why nothing changed.")
class CityProfilePayload:
    profile: CityProfile | None = strawberry.field(description="The profile; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")

    @strawberry.field(description="The city whose profile this is.")
    async def city(self, info: Info) -> CityRef | None:
        if self.profile is None:
            return None
        return await info.context.loaders.city.load(self.profile.city_id)


@strawberry.type(description="Editing city profiles.")
class CityProfileMutation:
    @strawberry.mutation(
        description="Change the profile of a city: its editors or the secretariat. Only the "
        "fields you send change."
    )
    async def update_city_profile(
        self, info: Info, input: UpdateCityProfileInput
    ) -> CityProfilePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> models.CityProfile:
            city_id = acting_city(viewer, input.city_id, rules.Action.EDIT_CITY_PROFILE)
            return await update_city_profile(
                session,
                viewer=viewer,
                city_id=city_id,
                changes=ProfileChanges(**provided(input, exclude={"city_id"})),
            )

        profile, errors = await run_mutation(info, work)
        return CityProfilePayload(profile=profile, user_errors=errors)
