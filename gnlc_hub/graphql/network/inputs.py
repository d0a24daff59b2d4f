"""Inputs of the network's lists: the event filter."""

from __future__ import annotations

import strawberry

from gnlc_hub.graphql.network.enums import EventKind
from gnlc_hub.network.queries import EventCriteria


@strawberry.input(description="Filters on events: AND across fields, OR within a list.")
class EventFilter:
    kinds: list[EventKind] | None = strawberry.field(default=None, description="Kinds.")
    cities: list[str] | None = strawberry.field(default=None, description="Host city slugs.")
    year_from: int | None = strawberry.field(
        default=None, description="Starting, or with an edition, in or after this year."
    )
    year_to: int | None = strawberry.field(
        default=None, description="Starting, or with an edition, in or before this year."
    )

    def to_criteria(self) -> EventCriteria:
        return EventCriteria(
            kinds=self.kinds or (),
            cities=self.cities or (),
            year_from=self.year_from,
            year_to=self.year_to,
        )
