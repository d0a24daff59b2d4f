"""The `updateCityProfile` mutation: what a city says about itself, for peer matching."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.api.cities import CityProfile
from gnlc_hub.api.mutations import UserError, acting_city, provided, run_mutation
from gnlc_hub.auth import rules
from gnlc_hub.cities import models
from gnlc_hub.cities.profile import ProfileChanges, update_city_profile

if TYPE_CHECKING:
    from gnlc_hub.api.cities import City

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.api.cities")]


@strawberry.input(
    description="Changes to a city profile: omitted fields stay as they are, null clears one."
)
class UpdateCityProfileInput:
    city_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The city; defaults to the city you edit."
    )
    population: int | None = strawberry.field(
        default=strawberry.UNSET, description="Number of inhabitants (1 to 40 000 000)."
    )
    languages: list[str] | None = strawberry.field(
        default=strawberry.UNSET,
        description="Working languages as ISO 639-1 codes, e.g. `en`, `fr` (at most 20).",
    )
    priorities: list[str] | None = strawberry.field(
        default=strawberry.UNSET,
        description="Learning priorities in a few words each, e.g. `refugee integration` (at "
        "most 20, 120 characters each). Peer matching reads them when no need is given.",
    )
    challenges: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Challenges the city wants help with, in plain words (at most 4000 "
        "characters).",
    )
    latitude: float | None = strawberry.field(
        default=strawberry.UNSET,
        description="Latitude (-90 to 90), sent together with longitude; overrides open data.",
    )
    longitude: float | None = strawberry.field(
        default=strawberry.UNSET,
        description="Longitude (-180 to 180), sent together with latitude.",
    )
    time_zone: str | None = strawberry.field(
        default=strawberry.UNSET, description="IANA time zone name, e.g. `Europe/Paris`."
    )


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
