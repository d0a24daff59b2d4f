"""Domain enums exposed as GraphQL enums (one registration each, reused by every type)."""

from __future__ import annotations

import enum

import strawberry

from gnlc_hub.alliances.enums import AllianceKind, AllianceStatus, MemberResponse
from gnlc_hub.cities.queries import CityOrderField
from gnlc_hub.network.enums import ClusterRole, EventFrequency, EventKind, RegionCode
from gnlc_hub.practices.enums import (
    BuildingBlock,
    GuidelineArea,
    PracticeStatus,
    TargetGroup,
)
from gnlc_hub.practices.queries import PracticeOrderField
from gnlc_hub.programmes.enums import EnrolmentStatus, Modality

Region = strawberry.enum(RegionCode, name="Region", description="UNESCO's five regional groups.")
EventKindEnum = strawberry.enum(
    EventKind, name="EventKind", description="International conference or city learning festival."
)
EventFrequencyEnum = strawberry.enum(
    EventFrequency, name="EventFrequency", description="How often a festival takes place."
)
ClusterRoleEnum = strawberry.enum(
    ClusterRole, name="ClusterRole", description="A city's role in a thematic cluster."
)
AllianceKindEnum = strawberry.enum(
    AllianceKind, name="AllianceKind", description="The form an alliance between cities takes."
)
AllianceStatusEnum = strawberry.enum(
    AllianceStatus,
    name="AllianceStatus",
    description="Life cycle: PROPOSED → ACTIVE (accepted) → CONCLUDED, or DECLINED.",
)
MemberResponseEnum = strawberry.enum(
    MemberResponse, name="AllianceMemberResponse", description="A city's answer to an alliance."
)
PracticeStatusEnum = strawberry.enum(
    PracticeStatus,
    name="PracticeStatus",
    description="Curation life cycle: DRAFT → SUBMITTED → (CHANGES_REQUESTED → SUBMITTED)* → "
    "PUBLISHED → ARCHIVED.",
)
TargetGroupEnum = strawberry.enum(
    TargetGroup, name="TargetGroup", description="People a practice is meant to reach."
)
BuildingBlockEnum = strawberry.enum(
    BuildingBlock,
    name="BuildingBlock",
    description="The six building blocks of UNESCO's Key Features of Learning Cities.",
)
GuidelineAreaEnum = strawberry.enum(
    GuidelineArea,
    name="GuidelineArea",
    description="The six areas of UNESCO's Guidelines for Building Learning Cities.",
)
ModalityEnum = strawberry.enum(
    Modality, name="Modality", description="How a programme is delivered."
)
EnrolmentStatusEnum = strawberry.enum(
    EnrolmentStatus, name="EnrolmentStatus", description="State of a city's enrolment."
)
CityOrderFieldEnum = strawberry.enum(
    CityOrderField, name="CityOrderField", description="What cities can be ordered by."
)
PracticeOrderFieldEnum = strawberry.enum(
    PracticeOrderField, name="PracticeOrderField", description="What practices can be ordered by."
)


@strawberry.enum(description="Sort direction.")
class OrderDirection(enum.Enum):
    ASC = "ASC"
    DESC = "DESC"
