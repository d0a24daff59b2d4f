"""GraphQL types of alliances between member cities."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from gnlc_hub.alliances import models
from gnlc_hub.graphql.alliances.enums import AllianceKind, AllianceMemberResponse, AllianceStatus
from gnlc_hub.graphql.core.nodes import ModelNode
from gnlc_hub.graphql.core.relations import relation
from gnlc_hub.graphql.core.scalars import PartialDate

if TYPE_CHECKING:
    from gnlc_hub.graphql.cities.types import City
    from gnlc_hub.graphql.practices.types import Practice

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]
PracticeRef = Annotated["Practice", strawberry.lazy("gnlc_hub.graphql.practices.types")]


@strawberry.type(description="A city in an alliance and its answer to the proposal.")
class AllianceMember:
    response: AllianceMemberResponse = strawberry.field(description="Proposer, pending, yes or no.")
    responded_at: datetime | None = strawberry.field(description="When the city answered.")

    city = relation("city", "city_id", graphql_type=CityRef, description="The member city.")

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.AllianceMember))


@strawberry.type(description="An alliance of two or more member cities: twinning, MoU, network.")
class Alliance(ModelNode):
    model = models.Alliance
    loader = "alliance"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Human-readable identifier for URLs.")
    name: str = strawberry.field(description="Name of the alliance.")
    kind: AllianceKind = strawberry.field(description="Form of the alliance.")
    status: AllianceStatus = strawberry.field(description="Life-cycle state.")
    status_confirmed: bool = strawberry.field(
        description="False when sources show the agreement was made but not that it still runs."
    )
    started_on: PartialDate | None = strawberry.field(description="When it started.")
    ended_on: PartialDate | None = strawberry.field(description="When it ended (concluded).")
    themes: list[str] = strawberry.field(description="What the cities cooperate on.")
    summary: str | None = strawberry.field(description="What the alliance is about.")
    source_url: str | None = strawberry.field(description="Public page documenting it.")
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")

    members = relation(
        "members_of_alliance",
        graphql_type=list[AllianceMember],
        description="Member cities with their answers.",
    )

    proposed_by = relation(
        "city",
        "proposed_by_city_id",
        graphql_type=CityRef | None,
        description="The city that proposed the alliance, when recorded.",
    )

    transferred_practices = relation(
        "practices_of_alliance",
        graphql_type=list[PracticeRef],
        description="Practices the alliance transferred between its cities.",
    )
