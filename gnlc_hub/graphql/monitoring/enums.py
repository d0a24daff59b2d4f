"""The monitoring domain's enums as GraphQL enums, bound to their GraphQL names; every value is
described."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

import strawberry

from gnlc_hub.monitoring import enums


def described_enum(
    cls: type[enum.Enum], *, name: str, description: str, values: Mapping[str, str]
) -> Any:
    """A GraphQL enum whose every value carries a description (domain enums stay plain)."""
    registered = strawberry.enum(cls, name=name, description=description)
    for value in registered.__strawberry_definition__.values:
        value.description = values[value.name]
    return registered


KeyFeatureTier = described_enum(
    enums.KeyFeatureTier,
    name="KeyFeatureTier",
    description="The three tiers of the Key Features of Learning Cities (modelled on UNESCO's "
    "logo).",
    values={
        "WIDER_BENEFITS": "The pediment: three areas on the benefits of building a learning city.",
        "MAJOR_BUILDING_BLOCKS": "The columns: the six building blocks of a learning city.",
        "FUNDAMENTAL_CONDITIONS": "The foundation steps: three conditions a learning city needs.",
    },
)
IndicatorDirection = described_enum(
    enums.IndicatorDirection,
    name="IndicatorDirection",
    description="Which way an indicator improves.",
    values={
        "HIGHER_IS_BETTER": "A larger value is better.",
        "LOWER_IS_BETTER": "A smaller value is better.",
    },
)
ProgressReportStatus = described_enum(
    enums.ReportStatus,
    name="ProgressReportStatus",
    description="Life cycle: DRAFT → SUBMITTED → ACCEPTED, or RETURNED → SUBMITTED again.",
    values={
        "DRAFT": "Being written by the city.",
        "SUBMITTED": "Sent to the secretariat, awaiting review.",
        "RETURNED": "Sent back to the city with a note; the city edits and submits again.",
        "ACCEPTED": "Accepted by the secretariat; public if the city chose so.",
    },
)
RoadmapStage = described_enum(
    enums.RoadmapStage,
    name="RoadmapStage",
    description="How far a city has come in one guideline area.",
    values={
        "NOT_STARTED": "Nothing done yet.",
        "PLANNING": "Being planned.",
        "IMPLEMENTING": "Being put into practice.",
        "ESTABLISHED": "In place and running.",
    },
)
ReportingStanding = described_enum(
    enums.Standing,
    name="ReportingStanding",
    description="A member city's standing in one reporting cycle.",
    values={
        "NOT_DUE": "Not expected to report (admitted later, exempted, or the cycle has not "
        "opened).",
        "DUE": "Expected to report; nothing submitted yet and the deadline has not passed.",
        "SUBMITTED": "Report submitted, awaiting the secretariat's review.",
        "ACCEPTED": "Report accepted.",
        "OVERDUE": "Expected to report; the deadline passed without a submitted report.",
    },
)
ReportingCycleState = described_enum(
    enums.CycleState,
    name="ReportingCycleState",
    description="Whether reports can be written in a cycle today.",
    values={
        "UPCOMING": "Opens in the future.",
        "OPEN": "Reports can be written and submitted.",
        "CLOSED": "Past the deadline and not reopened: no more writing.",
    },
)
BenchmarkGroup = described_enum(
    enums.BenchmarkGroup,
    name="BenchmarkGroup",
    description="Who a city is compared with (the city itself included).",
    values={
        "NETWORK": "Every city with an accepted report in the cycle.",
        "REGION": "Cities of the same UNESCO region with an accepted report.",
        "PEERS": "Cities with an accepted report of similar population (within a factor of "
        "two, from city profiles) or sharing a thematic cluster.",
    },
)
ReportingExpectation = described_enum(
    enums.Expectation,
    name="ReportingExpectation",
    description="Why a city is, or is not, expected to report in a cycle.",
    values={
        "ADMITTED_BEFORE": "Admitted in a year before the cycle opened: expected.",
        "ADMISSION_YEAR_UNKNOWN": "A documented member whose admission year is unknown: "
        "expected (the secretariat can exempt it).",
        "ADMITTED_LATER": "Admitted in or after the year the cycle opened: not expected.",
        "ADDED": "Added to the cycle by the secretariat: expected.",
        "EXEMPTED": "Exempted from the cycle by the secretariat: not expected.",
    },
)
