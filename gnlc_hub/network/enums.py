"""Closed vocabularies of the network domain."""

from __future__ import annotations

import enum


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
