"""Inputs of alliances: the list filter and the propose / respond / conclude mutations."""

from __future__ import annotations

import enum

import strawberry
from strawberry import relay

from gnlc_hub.alliances.queries import AllianceCriteria
from gnlc_hub.graphql.alliances.enums import AllianceKind, AllianceStatus
from gnlc_hub.graphql.core.scalars import PartialDate


@strawberry.enum(description="A city's answer to an alliance proposal.")
class AllianceDecision(enum.Enum):
    ACCEPT = strawberry.enum_value("ACCEPT", description="Join the alliance.")
    DECLINE = strawberry.enum_value("DECLINE", description="Decline the proposal.")


@strawberry.input(description="A new alliance proposed by a city to one or more partner cities.")
class ProposeAllianceInput:
    invited_city_ids: list[relay.GlobalID] = strawberry.field(
        description="The partner cities to invite (one or more; at most 49)."
    )
    name: str = strawberry.field(description="Name of the alliance (at most 300 characters).")
    kind: AllianceKind = strawberry.field(
        default=AllianceKind.LEARNING_PARTNERSHIP, description="Form of the alliance."
    )
    themes: list[str] | None = strawberry.field(
        default=None, description="What the cities will cooperate on (at most 20)."
    )
    summary: str | None = strawberry.field(default=None, description="What it is about.")
    city_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The proposing city; defaults to the city you edit."
    )


@strawberry.input(description="The answer of the city you edit to an alliance proposal.")
class RespondToAllianceInput:
    alliance_id: relay.GlobalID = strawberry.field(description="The proposed alliance.")
    decision: AllianceDecision = strawberry.field(description="Accept or decline.")


@strawberry.input(description="Ending an active alliance.")
class ConcludeAllianceInput:
    alliance_id: relay.GlobalID = strawberry.field(description="The active alliance.")
    ended_on: PartialDate | None = strawberry.field(
        default=None, description="When it ended; today when omitted. Not in the future."
    )


@strawberry.input(description="Filters on alliances: AND across fields, OR within a list.")
class AllianceFilter:
    kinds: list[AllianceKind] | None = strawberry.field(default=None, description="Kinds.")
    statuses: list[AllianceStatus] | None = strawberry.field(
        default=None, description="States; anonymous readers see ACTIVE and CONCLUDED only."
    )
    cities: list[str] | None = strawberry.field(
        default=None, description="Slugs of cities that must be members."
    )
    include_examples: bool = strawberry.field(
        default=True, description="Include illustrative (isExample) alliances."
    )

    def to_criteria(self) -> AllianceCriteria:
        return AllianceCriteria(
            kinds=self.kinds or (),
            statuses=self.statuses or (),
            cities=self.cities or (),
            include_examples=self.include_examples,
        )
