"""The cities domain's enums as GraphQL enums, bound to their GraphQL names."""

from __future__ import annotations

import strawberry

from gnlc_hub.cities.queries import CityOrderField as CityOrderFieldValues

CityOrderField = strawberry.enum(
    CityOrderFieldValues,
    name="CityOrderField",
    description="What cities can be ordered by.",
)
