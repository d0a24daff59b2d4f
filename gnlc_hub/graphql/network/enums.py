"""The network domain's enums as GraphQL enums, bound to their GraphQL names."""

from __future__ import annotations

import strawberry

from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.network import enums

Region = strawberry.enum(RegionCode, name="Region", description="UNESCO's five regional groups.")

EventKind = strawberry.enum(
    enums.EventKind,
    name="EventKind",
    description="International conference or city learning festival.",
)

EventFrequency = strawberry.enum(
    enums.EventFrequency,
    name="EventFrequency",
    description="How often a festival takes place.",
)

ClusterRole = strawberry.enum(
    enums.ClusterRole,
    name="ClusterRole",
    description="A city's role in a thematic cluster.",
)
