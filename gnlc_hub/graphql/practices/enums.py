"""The practices domain's enums as GraphQL enums, bound to their GraphQL names."""

from __future__ import annotations

import strawberry

from gnlc_hub.practices import enums
from gnlc_hub.practices.queries import PracticeOrderField as PracticeOrderFieldValues

PracticeStatus = strawberry.enum(
    enums.PracticeStatus,
    name="PracticeStatus",
    description="Curation life cycle: DRAFT → SUBMITTED → (CHANGES_REQUESTED → SUBMITTED)* → "
    "PUBLISHED → ARCHIVED.",
)

TargetGroup = strawberry.enum(
    enums.TargetGroup,
    name="TargetGroup",
    description="People a practice is meant to reach.",
)

BuildingBlock = strawberry.enum(
    enums.BuildingBlock,
    name="BuildingBlock",
    description="The six building blocks of UNESCO's Key Features of Learning Cities.",
)

GuidelineArea = strawberry.enum(
    enums.GuidelineArea,
    name="GuidelineArea",
    description="The six areas of UNESCO's Guidelines for Building Learning Cities.",
)

PracticeOrderField = strawberry.enum(
    PracticeOrderFieldValues,
    name="PracticeOrderField",
    description="What practices can be ordered by.",
)
