"""The alliances domain's enums as GraphQL enums, bound to their GraphQL names."""

from __future__ import annotations

import strawberry

from gnlc_hub.alliances import enums

AllianceKind = strawberry.enum(
    enums.AllianceKind,
    name="AllianceKind",
    description="The form an alliance between cities takes.",
)

AllianceStatus = strawberry.enum(
    enums.AllianceStatus,
    name="AllianceStatus",
    description="Life cycle: PROPOSED → ACTIVE (accepted) → CONCLUDED, or DECLINED.",
)

AllianceMemberResponse = strawberry.enum(
    enums.MemberResponse,
    name="AllianceMemberResponse",
    description="A city's answer to an alliance.",
)
