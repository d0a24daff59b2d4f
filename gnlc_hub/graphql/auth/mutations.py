"""API tokens for admins: list, create (the secret is shown once) and revoke."""

from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from gnlc_hub.auth import actions, models
from gnlc_hub.auth.tokens import IssuedToken
from gnlc_hub.graphql.auth.inputs import CreateApiTokenInput, RevokeApiTokenInput
from gnlc_hub.graphql.auth.types import ApiToken
from gnlc_hub.graphql.core.mutations import UserError, pk_of, run_mutation


@strawberry.type(description="The new token and its secret, or why none was created.")
class CreateApiTokenPayload:
    token: ApiToken | None = strawberry.field(description="The token; null on errors.")
    secret: str | None = strawberry.field(
        description="Send it as `Authorization: Bearer <secret>`. Shown this once only."
    )
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="The token after the mutation, or why nothing changed.")
class ApiTokenPayload:
    token: ApiToken | None = strawberry.field(description="The token; null on errors.")
    user_errors: list[UserError] = strawberry.field(description="Problems; empty on success.")


@strawberry.type(description="Managing API tokens (admins).")
class TokenMutation:
    @strawberry.mutation(description="Admin: create a token; its secret is in the payload once.")
    async def create_api_token(
        self, info: Info, input: CreateApiTokenInput
    ) -> CreateApiTokenPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> IssuedToken:
            return await actions.create_token(
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
            return await actions.revoke_token(session, viewer=viewer, token_id=token_id)

        token, errors = await run_mutation(info, work)
        return ApiTokenPayload(token=token, user_errors=errors)
