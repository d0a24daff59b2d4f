"""The places domain's enums under their GraphQL names."""

from __future__ import annotations

import strawberry

from gnlc_hub.cities import enums as city_enums
from gnlc_hub.places import enums

LearningPlaceKind = strawberry.enum(
    enums.PlaceKind,
    name="LearningPlaceKind",
    description="Kinds of learning place: community learning centres (CLCs, kominkan), "
    "libraries, museums, schools, universities, workplaces, online or broadcast services, "
    "festival venues, parks and other outdoor places.",
)
ProfileFactName = strawberry.enum(
    city_enums.ProfileFact,
    name="ProfileFact",
    description="City-profile values that carry a source.",
)
