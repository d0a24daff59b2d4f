"""Imports every domain's tables so that ``Base.metadata`` is complete (alembic, tests)."""

from gnlc_hub.alliances.models import Alliance, AllianceMember
from gnlc_hub.cities.models import City, CityContact, CityProfile
from gnlc_hub.db import Base
from gnlc_hub.network.models import (
    Award,
    Cluster,
    ClusterMembership,
    Country,
    Event,
    Publication,
    PublicationFeature,
    Region,
)
from gnlc_hub.practices.models import Practice, PracticeTag, Theme
from gnlc_hub.programmes.models import Enrolment, Programme, ProgrammeHost

__all__ = [
    "Alliance",
    "AllianceMember",
    "Award",
    "Base",
    "City",
    "CityContact",
    "CityProfile",
    "Cluster",
    "ClusterMembership",
    "Country",
    "Enrolment",
    "Event",
    "Practice",
    "PracticeTag",
    "Programme",
    "ProgrammeHost",
    "Publication",
    "PublicationFeature",
    "Region",
    "Theme",
]
