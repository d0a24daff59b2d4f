"""Auth enums as GraphQL enums, bound to their GraphQL names."""

from __future__ import annotations

import strawberry

from gnlc_hub.core import viewer

Role = strawberry.enum(viewer.Role, name="Role", description="What a caller may do.")
