"""Who the API thinks you are, and the API tokens admins manage."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.auth import models
from gnlc_hub.auth.tokens import describe_state
from gnlc_hub.core import clock
from gnlc_hub.graphql.auth.enums import Role
from gnlc_hub.graphql.core.nodes import ModelNode

if TYPE_CHECKING:
    from gnlc_hub.graphql.cities.types import City

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]


@strawberry.type(description="The caller of this request.")
class Viewer:
    role: Role = strawberry.field(description="The caller's role; ANONYMOUS without a token.")
    name: str | None = strawberry.field(description="Name given to the caller's token.")

    @strawberry.field(description="True when a valid bearer token was sent.")
    def is_authenticated(self) -> bool:
        return self.role is not Role.ANONYMOUS

    @strawberry.field(description="The city a city editor works for.")
    async def city(self, info: Info) -> CityRef | None:
        city_id = info.context.viewer.city_id
        return None if city_id is None else await info.context.loaders.city.load(city_id)


CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]


@strawberry.type(description="A bearer token; its secret is never shown again.")
class ApiToken(ModelNode):
    model = models.ApiToken
    loader = "api_token"

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Who or what uses it.")
    role: Role = strawberry.field(description="What it may do.")
    prefix: str = strawberry.field(description="First characters of the secret, to recognise it.")
    created_at: datetime = strawberry.field(description="When it was created.")
    expires_at: datetime | None = strawberry.field(description="When it stops working, if ever.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked.")
    last_used_at: datetime | None = strawberry.field(
        description="When it was last used (to within a few minutes)."
    )

    @strawberry.field(description="True while requests that send it are accepted.")
    def is_active(self, root: strawberry.Parent[models.ApiToken]) -> bool:
        return describe_state(root, clock.now()) == "active"

    @strawberry.field(description="The city a city editor token works for.")
    async def city(self, root: strawberry.Parent[models.ApiToken], info: Info) -> CityRef | None:
        return None if root.city_id is None else await info.context.loaders.city.load(root.city_id)
