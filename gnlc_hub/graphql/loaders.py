"""Every loader of a request: the domains' loader groups, combined."""

from __future__ import annotations

from gnlc_hub.graphql.alliances.loaders import AllianceLoaders
from gnlc_hub.graphql.audit.loaders import AuditLoaders
from gnlc_hub.graphql.auth.loaders import AuthLoaders
from gnlc_hub.graphql.cities.loaders import CityLoaders
from gnlc_hub.graphql.monitoring.loaders import MonitoringLoaders
from gnlc_hub.graphql.network.loaders import NetworkLoaders
from gnlc_hub.graphql.places.loaders import PlaceLoaders
from gnlc_hub.graphql.practices.loaders import PracticeLoaders
from gnlc_hub.graphql.programmes.loaders import ProgrammeLoaders


class Loaders(
    CityLoaders,
    PracticeLoaders,
    AllianceLoaders,
    NetworkLoaders,
    ProgrammeLoaders,
    AuditLoaders,
    AuthLoaders,
    PlaceLoaders,
    MonitoringLoaders,
):
    """``info.context.loaders``: built lazily, one DataLoader per relation per request."""
