"""Closed vocabularies of the network domain."""

from __future__ import annotations

import enum


class RegionCode(enum.StrEnum):
    """UNESCO's five regional groups, as used by the GNLC."""

    AFRICA = "AFRICA"
    ARAB_STATES = "ARAB_STATES"
    ASIA_AND_THE_PACIFIC = "ASIA_AND_THE_PACIFIC"
    EUROPE_AND_NORTH_AMERICA = "EUROPE_AND_NORTH_AMERICA"
    LATIN_AMERICA_AND_THE_CARIBBEAN = "LATIN_AMERICA_AND_THE_CARIBBEAN"


REGION_NAMES: dict[RegionCode, str] = {
    RegionCode.AFRICA: "Africa",
    RegionCode.ARAB_STATES: "Arab States",
    RegionCode.ASIA_AND_THE_PACIFIC: "Asia and the Pacific",
    RegionCode.EUROPE_AND_NORTH_AMERICA: "Europe and North America",
    RegionCode.LATIN_AMERICA_AND_THE_CARIBBEAN: "Latin America and the Caribbean",
}


class EventKind(enum.StrEnum):
    CONFERENCE = "CONFERENCE"
    FESTIVAL = "FESTIVAL"


class EventFrequency(enum.StrEnum):
    ANNUAL = "ANNUAL"
    RECURRING = "RECURRING"
    ONE_OFF = "ONE_OFF"
    UNKNOWN = "UNKNOWN"


class ClusterRole(enum.StrEnum):
    COORDINATOR = "COORDINATOR"
    MEMBER = "MEMBER"
