"""API tokens for admins: list, create (the secret is shown once) and revoke."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.auth import actions as service
from gnlc_hub.auth import models
from gnlc_hub.auth.tokens import IssuedToken, describe_state
from gnlc_hub.db import utcnow
from gnlc_hub.graphql.auth.types import RoleEnum
from gnlc_hub.graphql.core.mutations import UserError, pk_of, run_mutation
from gnlc_hub.graphql.core.nodes import ModelNode
from gnlc_hub.graphql.core.permissions import ManagesTokens, private

if TYPE_CHECKING:
    from gnlc_hub.graphql.cities.types import City

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]


@strawberry.type(name="ApiToken", description="A bearer token; its secret is never shown again.")
class ApiTokenNode(ModelNode):
    model = models.ApiToken
    loader = "api_token"

    id: relay.NodeID[int]
    name: str = strawberry.field(description="Who or what uses it.")
    role: RoleEnum = strawberry.field(description="What it may do.")
    prefix: str = strawberry.field(description="First characters of the secret, to recognise it.")
    created_at: datetime = strawberry.field(description="When it was created.")
    expires_at: datetime | None = strawberry.field(description="When it stops working, if ever.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked.")
    last_used_at: datetime | None = strawberry.field(
        description="When it was last used (to within a few minutes)."
    )

    @strawberry.field(description="True while requests that send it are accepted.")
    def is_active(self, root: strawberry.Parent[models.ApiToken]) -> bool:
        return describe_state(root, utcnow()) == "active"

    @strawberry.field(description="The city a city editor token works for.")
    async def city(self, root: strawberry.Parent[models.ApiToken], info: Info) -> CityRef | None:
        return None if root.city_id is None else await info.context.loaders.city.load(root.city_id)


@strawberry.input(description="A new API token.")
class CreateApiTokenInput:
    name: str = strawberry.field(description="Who or what will use it, e.g. `Okayama editor`.")
    role: RoleEnum = strawberry.field(description="What it may do.")
    city_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The city of a CITY_EDITOR token (required for them only)."
    )
    expires_at: datetime | None = strawberry.field(
        default=None, description="When it stops working; never when left out."
    )


@strawberry.input(description="The token to revoke.")
class RevokeApiTokenInput:
    id: relay.GlobalID = strawberry.field(description="The token.")


@strawberry.type(description="The new token and its secret, or why none was created.")
class CreateApiTokenPayload:
    token: ApiTokenNode | None = strawberry.field(description="The token; null on errors.")
    secret: str | None = strawberry.field(
        description="Send it as `Authorization: Bearer <secret>`. Shown this once only."
    )
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="The token after the mutation, or why nothing changed.")
class ApiTokenPayload:
    token: ApiTokenNode | None = strawberry.field(description="The token; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="API tokens, for admins.")
class TokenQuery:
    @strawberry.field(
        description="Every API token, newest first. Empty unless you are an admin.",
        extensions=private(ManagesTokens()),
    )
    async def api_tokens(self, info: Info) -> list[ApiTokenNode] | None:
        return list(await info.context.db.run(service.list_tokens))


@strawberry.type(description="Managing API tokens (admins).")
class TokenMutation:
    @strawberry.mutation(description="Admin: create a token; its secret is in the payload once.")
    async def create_api_token(
        self, info: Info, input: CreateApiTokenInput
    ) -> CreateApiTokenPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> IssuedToken:
            return await service.create_token(
                session,
                viewer=viewer,
                role=input.role,
                name=input.name,
                city_id=pk_of(input.city_id, "City", "cityId") if input.city_id else None,
                expires_at=input.expires_at,
            )

        issued, errors = await run_mutation(info, work)
        return CreateApiTokenPayload(
            token=issued.token if issued else None,
            secret=issued.secret if issued else None,
            user_errors=errors,
        )

    @strawberry.mutation(description="Admin: revoke a token; requests that send it are refused.")
    async def revoke_api_token(self, info: Info, input: RevokeApiTokenInput) -> ApiTokenPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> models.ApiToken:
            token_id = pk_of(input.id, "ApiToken", "id")
            return await service.revoke_token(session, viewer=viewer, token_id=token_id)

        token, errors = await run_mutation(info, work)
        return ApiTokenPayload(token=token, user_errors=errors)
