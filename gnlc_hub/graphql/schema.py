"""The schema: every domain contributes its root fields and mutations by being mixed in here.

The order of the mixins is the order of the fields in the printed SDL.
"""

from __future__ import annotations

import strawberry

from gnlc_hub.graphql.alliances.mutations import AllianceMutation
from gnlc_hub.graphql.alliances.queries import AllianceQuery
from gnlc_hub.graphql.auth.mutations import TokenMutation
from gnlc_hub.graphql.auth.queries import TokenQuery, ViewerQuery
from gnlc_hub.graphql.cities.mutations import CityMutation, CityProfileMutation
from gnlc_hub.graphql.cities.queries import CityQuery
from gnlc_hub.graphql.core.nodes import NodeQuery
from gnlc_hub.graphql.core.schema import build_schema
from gnlc_hub.graphql.matching.queries import MatchingQuery
from gnlc_hub.graphql.monitoring.mutations import MonitoringMutation
from gnlc_hub.graphql.monitoring.queries import MonitoringQuery
from gnlc_hub.graphql.network.mutations import NetworkRecordsMutation
from gnlc_hub.graphql.network.queries import GeographyQuery, NetworkQuery
from gnlc_hub.graphql.places.mutations import PlacesMutation
from gnlc_hub.graphql.places.queries import PlacesQuery
from gnlc_hub.graphql.practices.mutations import PracticeMutation
from gnlc_hub.graphql.practices.queries import PracticeQuery
from gnlc_hub.graphql.programmes.mutations import EnrolmentMutation, ProgrammeMutation
from gnlc_hub.graphql.programmes.queries import ProgrammeQuery
from gnlc_hub.graphql.search.queries import SearchQuery


@strawberry.type(description="Read the UNESCO Global Network of Learning Cities.")
class Query(
    NodeQuery,
    ViewerQuery,
    GeographyQuery,
    CityQuery,
    PracticeQuery,
    AllianceQuery,
    ProgrammeQuery,
    NetworkQuery,
    SearchQuery,
    MatchingQuery,
    TokenQuery,
    PlacesQuery,
    MonitoringQuery,
):
    """Reading the network: cities, practices, alliances, programmes…"""


@strawberry.type(
    description="Change the network: every mutation takes one `input` and returns "
    "a payload with `userErrors`."
)
class Mutation(
    CityMutation,
    PracticeMutation,
    ProgrammeMutation,
    TokenMutation,
    AllianceMutation,
    EnrolmentMutation,
    CityProfileMutation,
    PlacesMutation,
    NetworkRecordsMutation,
    MonitoringMutation,
):
    """Each domain contributes its mutations by being mixed in here."""


schema = build_schema(Query, Mutation)
