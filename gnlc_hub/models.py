"""Imports every domain's tables so that ``Base.metadata`` is complete (alembic, tests)."""

from gnlc_hub.alliances.models import Alliance, AllianceMember, AlliancePractice
from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.auth.models import ApiToken
from gnlc_hub.cities.models import City, CityContact, CityProfile
from gnlc_hub.core.changes import OutboxEntry
from gnlc_hub.db import Base
from gnlc_hub.monitoring.models import (
    AreaRating,
    GuidelineAreaEntry,
    Indicator,
    IndicatorValue,
    KeyFeatureArea,
    ProgressReport,
    ReportEvidence,
    ReportingCycle,
    ReportingOverride,
    RoadmapEntry,
)
from gnlc_hub.network.models import (
    Award,
    Cluster,
    ClusterMembership,
    Country,
    Event,
    EventEdition,
    Publication,
    PublicationFeature,
    Region,
)
from gnlc_hub.places.models import LearningPlace, PlacePractice, PlaceProgramme
from gnlc_hub.practices.models import Practice, PracticeRevision, PracticeTag, Theme
from gnlc_hub.programmes.models import Enrolment, Programme, ProgrammeHost

__all__ = [
    "Alliance",
    "AllianceMember",
    "AlliancePractice",
    "ApiToken",
    "AreaRating",
    "AuditEvent",
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
    "EventEdition",
    "GuidelineAreaEntry",
    "Indicator",
    "IndicatorValue",
    "KeyFeatureArea",
    "LearningPlace",
    "OutboxEntry",
    "PlacePractice",
    "PlaceProgramme",
    "Practice",
    "PracticeRevision",
    "PracticeTag",
    "Programme",
    "ProgrammeHost",
    "ProgressReport",
    "Publication",
    "PublicationFeature",
    "Region",
    "ReportEvidence",
    "ReportingCycle",
    "ReportingOverride",
    "RoadmapEntry",
    "Theme",
]
