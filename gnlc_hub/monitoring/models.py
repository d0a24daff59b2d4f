"""Tables of monitoring and evaluation.

The framework (Key Features areas, guideline areas) is seeded, sourced data; indicators and
reporting cycles are defined by the secretariat; progress reports belong to one city and cycle.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from gnlc_hub.db import Base, IntPk, Timestamped, UTCDateTime, Versioned, enum_column
from gnlc_hub.monitoring.enums import (
    IndicatorDirection,
    KeyFeatureTier,
    ReportStatus,
    RoadmapStage,
)
from gnlc_hub.practices.enums import BuildingBlock, GuidelineArea


class KeyFeatureArea(IntPk, Base):
    """One of the twelve areas of focus of the Key Features of Learning Cities."""

    __tablename__ = "key_feature_areas"

    number: Mapped[str] = mapped_column(String(8), unique=True)  # "1.1" … "3.3"
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    tier: Mapped[KeyFeatureTier] = mapped_column(enum_column(KeyFeatureTier))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    # Only the six column areas are the building blocks practices are tagged with.
    building_block: Mapped[BuildingBlock | None] = mapped_column(
        enum_column(BuildingBlock), unique=True
    )
    source_url: Mapped[str] = mapped_column(String(500))


class GuidelineAreaEntry(IntPk, Base):
    """One of the six areas of action of UNESCO's Guidelines for Building Learning Cities."""

    __tablename__ = "guideline_areas"

    code: Mapped[GuidelineArea] = mapped_column(enum_column(GuidelineArea), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str] = mapped_column(String(500))


class Indicator(IntPk, Timestamped, Versioned, Base):
    """A measure the secretariat asks cities to report; retired, never deleted, so that old
    reports keep their values."""

    __tablename__ = "indicators"

    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(60))
    direction: Mapped[IndicatorDirection] = mapped_column(enum_column(IndicatorDirection))
    key_feature_area_id: Mapped[int] = mapped_column(ForeignKey("key_feature_areas.id"), index=True)
    guideline_area: Mapped[GuidelineArea | None] = mapped_column(enum_column(GuidelineArea))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source_url: Mapped[str | None] = mapped_column(String(500))
    is_example: Mapped[bool] = mapped_column(default=False)


class ReportingCycle(IntPk, Timestamped, Versioned, Base):
    """A biennial reporting round: reports are written between ``opens_on`` and ``closes_on``
    (or ``reopened_until`` when the secretariat reopens it); the deadline stays ``closes_on``."""

    __tablename__ = "reporting_cycles"
    __table_args__ = (CheckConstraint("closes_on > opens_on", name="closes_after_opening"),)

    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    opens_on: Mapped[date] = mapped_column(Date, index=True)
    closes_on: Mapped[date] = mapped_column(Date)
    reopened_until: Mapped[date | None] = mapped_column(Date)
    is_example: Mapped[bool] = mapped_column(default=False)


class ReportingOverride(Base):
    """The secretariat's exception to the default rule of who must report in a cycle."""

    __tablename__ = "reporting_overrides"

    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("reporting_cycles.id", ondelete="CASCADE"), primary_key=True
    )
    city_id: Mapped[int] = mapped_column(
        ForeignKey("cities.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    required: Mapped[bool] = mapped_column()


class ProgressReport(IntPk, Timestamped, Versioned, Base):
    """A city's biennial progress report for one cycle."""

    __tablename__ = "progress_reports"
    __table_args__ = (
        UniqueConstraint("city_id", "cycle_id"),
        Index("ix_progress_reports_cycle_status", "cycle_id", "status"),
    )

    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id", ondelete="CASCADE"), index=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("reporting_cycles.id", ondelete="CASCADE"))
    status: Mapped[ReportStatus] = mapped_column(enum_column(ReportStatus))
    narrative: Mapped[str | None] = mapped_column(Text)
    # The city's choice; only an ACCEPTED report can be public.
    is_public: Mapped[bool] = mapped_column(default=False)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The secretariat's latest note (why it was returned, remarks on acceptance).
    review_note: Mapped[str | None] = mapped_column(Text)
    is_example: Mapped[bool] = mapped_column(default=False)


class AreaRating(Base):
    """A city's self-assessment of one Key Features area: 1 (weak) to 5 (strong)."""

    __tablename__ = "area_ratings"
    __table_args__ = (
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_1_to_5"),
        # Covers the histogram queries: ratings of a report without visiting the table.
        Index("ix_area_ratings_report_area_rating", "report_id", "area_id", "rating"),
    )

    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="CASCADE"), primary_key=True
    )
    area_id: Mapped[int] = mapped_column(ForeignKey("key_feature_areas.id"), primary_key=True)
    rating: Mapped[int] = mapped_column(Integer)
    justification: Mapped[str] = mapped_column(Text)


class IndicatorValue(Base):
    """The value a report gives for one indicator."""

    __tablename__ = "indicator_values"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="CASCADE"), primary_key=True
    )
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id"), primary_key=True, index=True
    )
    value: Mapped[float] = mapped_column(Float)
    year: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(500))


class RoadmapEntry(Base):
    """Where a city stands in one guideline area, and what it will do next."""

    __tablename__ = "roadmap_entries"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="CASCADE"), primary_key=True
    )
    guideline_area: Mapped[GuidelineArea] = mapped_column(
        enum_column(GuidelineArea), primary_key=True
    )
    stage: Mapped[RoadmapStage] = mapped_column(enum_column(RoadmapStage))
    next_steps: Mapped[str | None] = mapped_column(Text)


class ReportEvidence(Base):
    """A practice of the city cited as evidence in its report."""

    __tablename__ = "report_evidence"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="CASCADE"), primary_key=True
    )
    practice_id: Mapped[int] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
