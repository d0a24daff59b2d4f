"""The `viewer` root field: who the API thinks you are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from gnlc_hub.auth.roles import Role

if TYPE_CHECKING:
    from gnlc_hub.graphql.cities.types import City

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]

RoleEnum = strawberry.enum(Role, name="Role", description="What a caller may do.")


@strawberry.type(name="Viewer", description="The caller of this request.")
class ViewerType:
    role: RoleEnum = strawberry.field(description="The caller's role; ANONYMOUS without a token.")
    name: str | None = strawberry.field(description="Name given to the caller's token.")

    @strawberry.field(description="True when a valid bearer token was sent.")
    def is_authenticated(self) -> bool:
        return self.role is not Role.ANONYMOUS

    @strawberry.field(description="The city a city editor works for.")
    async def city(self, info: Info) -> CityRef | None:
        city_id = info.context.viewer.city_id
        return None if city_id is None else await info.context.loaders.city.load(city_id)
