"""The programmes domain's enums as GraphQL enums, bound to their GraphQL names."""

from __future__ import annotations

import strawberry

from gnlc_hub.programmes import enums

Modality = strawberry.enum(
    enums.Modality,
    name="Modality",
    description="How a programme is delivered.",
)

EnrolmentStatus = strawberry.enum(
    enums.EnrolmentStatus,
    name="EnrolmentStatus",
    description="State of a city's enrolment.",
)
