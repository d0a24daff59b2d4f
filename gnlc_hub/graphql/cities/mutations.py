"""City mutations: the secretariat admits member cities and corrects their records."""

from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.cities import actions as membership
from gnlc_hub.cities import models
from gnlc_hub.graphql.cities.types import City
from gnlc_hub.graphql.core.mutations import UserError, pk_of, provided, run_mutation

UNSET = strawberry.UNSET


@strawberry.input(
    description="Fields of a city's membership record. In updates, fields you leave out stay "
    "as they are and null clears an optional field."
)
class CityFields:
    name: str | None = strawberry.field(
        default=UNSET,
        description=f"Name as commonly written in English (required; at most "
        f"{membership.NAME_MAX} chars).",
    )
    country_code: str | None = strawberry.field(
        default=UNSET,
        description="ISO 3166-1 alpha-2 code of a country in the `countries` list (required).",
    )
    admitted_year: int | None = strawberry.field(
        default=UNSET,
        description=f"Year the city joined ({membership.FIRST_ADMISSION_YEAR} to next year).",
    )
    source_url: str | None = strawberry.field(
        default=UNSET, description="Public http(s) page documenting the membership."
    )


@strawberry.input(description="A city joining the network.")
class CreateCityInput(CityFields):
    slug: str | None = strawberry.field(
        default=None,
        description="Identifier for URLs; derived from the name when left out. It cannot "
        "change later.",
    )


@strawberry.input(description="Corrections to a city's record, made on the version you read.")
class UpdateCityInput(CityFields):
    id: relay.GlobalID = strawberry.field(description="The city.")
    version: int = strawberry.field(
        description="The `version` you read; if it changed since, the update is refused with "
        "CONFLICT."
    )


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
            return await membership.create_city(
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
            return await membership.update_city(
                session,
                viewer=viewer,
                city_id=pk_of(input.id, "City", "id"),
                version=input.version,
                changes=provided(input, exclude={"id", "version"}),
            )

        city, errors = await run_mutation(info, work)
        return CityPayload(city=city, user_errors=errors)
