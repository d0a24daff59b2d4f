"""Root fields: who is asking, and (for admins) the API tokens."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from gnlc_hub.auth import actions
from gnlc_hub.graphql.auth.types import ApiToken, Viewer
from gnlc_hub.graphql.core.permissions import ManagesTokens, private


@strawberry.type
class ViewerQuery:
    @strawberry.field(description="Who you are, as far as this API is concerned.")
    def viewer(self, info: Info) -> Viewer:
        return info.context.viewer


@strawberry.type(description="API tokens, for admins.")
class TokenQuery:
    @strawberry.field(
        description="Every API token, newest first. Empty unless you are an admin.",
        extensions=private(ManagesTokens()),
    )
    async def api_tokens(self, info: Info) -> list[ApiToken] | None:
        return list(await info.context.db.run(actions.list_tokens))
