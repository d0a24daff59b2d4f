"""The vocabularies of monitoring: Key Features tiers, report states, roadmap stages, standing."""

from __future__ import annotations

import enum


class KeyFeatureTier(enum.StrEnum):
    """The three tiers of the Key Features of Learning Cities, modelled on UNESCO's logo."""

    WIDER_BENEFITS = "WIDER_BENEFITS"  # the pediment
    MAJOR_BUILDING_BLOCKS = "MAJOR_BUILDING_BLOCKS"  # the columns
    FUNDAMENTAL_CONDITIONS = "FUNDAMENTAL_CONDITIONS"  # the foundation steps


class IndicatorDirection(enum.StrEnum):
    HIGHER_IS_BETTER = "HIGHER_IS_BETTER"
    LOWER_IS_BETTER = "LOWER_IS_BETTER"


class ReportStatus(enum.StrEnum):
    """DRAFT → SUBMITTED → ACCEPTED, or RETURNED (with a note) → SUBMITTED again."""

    DRAFT = "DRAFT"
    SUBMITTED = "SUBMITTED"
    RETURNED = "RETURNED"
    ACCEPTED = "ACCEPTED"


class RoadmapStage(enum.StrEnum):
    """How far a city has come in one guideline area."""

    NOT_STARTED = "NOT_STARTED"
    PLANNING = "PLANNING"
    IMPLEMENTING = "IMPLEMENTING"
    ESTABLISHED = "ESTABLISHED"


class Standing(enum.StrEnum):
    """A member city's standing in one reporting cycle."""

    NOT_DUE = "NOT_DUE"  # not expected to report (admitted later, exempted, cycle not open yet)
    DUE = "DUE"  # expected, no submitted report yet, the deadline has not passed
    SUBMITTED = "SUBMITTED"  # submitted, awaiting the secretariat's review
    ACCEPTED = "ACCEPTED"  # accepted by the secretariat
    OVERDUE = "OVERDUE"  # expected, nothing submitted (or returned) and the deadline passed


class CycleState(enum.StrEnum):
    UPCOMING = "UPCOMING"  # opens in the future
    OPEN = "OPEN"  # reports may be written
    CLOSED = "CLOSED"  # past the deadline and not reopened


class BenchmarkGroup(enum.StrEnum):
    """Who a city is compared with."""

    NETWORK = "NETWORK"  # every reporting city of the cycle
    REGION = "REGION"  # reporting cities of the same UNESCO region
    PEERS = "PEERS"  # similar population (within a factor of two) or a shared cluster


class Expectation(enum.StrEnum):
    """Why a city is (or is not) expected to report in a cycle."""

    ADMITTED_BEFORE = "ADMITTED_BEFORE"  # admitted in a year before the cycle opened
    ADMISSION_YEAR_UNKNOWN = "ADMISSION_YEAR_UNKNOWN"  # a documented member, year not known
    ADMITTED_LATER = "ADMITTED_LATER"  # admitted in or after the year the cycle opened
    ADDED = "ADDED"  # the secretariat added it to the cycle
    EXEMPTED = "EXEMPTED"  # the secretariat exempted it from the cycle
