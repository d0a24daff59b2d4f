"""Inputs of the token mutations."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from gnlc_hub.graphql.auth.enums import Role


@strawberry.input(description="A new API token.")
class CreateApiTokenInput:
    name: str = strawberry.field(description="Who or what will use it, e.g. `Okayama editor`.")
    role: Role = strawberry.field(description="What it may do.")
    city_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The city of a CITY_EDITOR token (required for them only)."
    )
    expires_at: datetime | None = strawberry.field(
        default=None, description="When it stops working; never when left out."
    )


@strawberry.input(description="The token to revoke.")
class RevokeApiTokenInput:
    id: relay.GlobalID = strawberry.field(description="The token.")
