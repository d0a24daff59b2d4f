"""The secretariat's CSV of a cycle: every accepted report's ratings, indicator values and
roadmap, one row per item (long format, so it loads as is into a spreadsheet or pandas)."""

from __future__ import annotations

import csv
import io

from sqlalchemy import Select, literal, literal_column, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.models import City
from gnlc_hub.monitoring.enums import ReportStatus
from gnlc_hub.monitoring.models import (
    AreaRating,
    Indicator,
    IndicatorValue,
    KeyFeatureArea,
    ProgressReport,
    ReportingCycle,
    RoadmapEntry,
)
from gnlc_hub.network.models import Country, Region

HEADER = (
    "cycle",
    "city",
    "city_name",
    "country",
    "region",
    "submitted_at",
    "accepted_at",
    "is_public",
    "part",
    "key",
    "label",
    "value",
    "year",
    "detail",
)


def _reports(cycle: ReportingCycle, *columns: object) -> Select:
    """Accepted reports of ``cycle`` with their city's place, plus one part's columns."""
    return (
        select(
            literal(cycle.slug),
            City.slug,
            City.name,
            Country.iso2,
            Region.code,
            ProgressReport.submitted_at,
            ProgressReport.accepted_at,
            ProgressReport.is_public,
            *columns,
        )
        .select_from(ProgressReport)
        .join(City, City.id == ProgressReport.city_id)
        .join(Country, Country.id == City.country_id)
        .join(Region, Region.id == Country.region_id)
        .where(ProgressReport.cycle_id == cycle.id, ProgressReport.status == ReportStatus.ACCEPTED)
    )


def export_statement(cycle: ReportingCycle) -> Select:
    ratings = (
        _reports(
            cycle,
            literal("rating"),
            KeyFeatureArea.number,
            KeyFeatureArea.name,
            AreaRating.rating,
            null(),
            AreaRating.justification,
        )
        .join(AreaRating, AreaRating.report_id == ProgressReport.id)
        .join(KeyFeatureArea, KeyFeatureArea.id == AreaRating.area_id)
    )
    values = (
        _reports(
            cycle,
            literal("indicator"),
            Indicator.slug,
            Indicator.name,
            IndicatorValue.value,
            IndicatorValue.year,
            IndicatorValue.source,
        )
        .join(IndicatorValue, IndicatorValue.report_id == ProgressReport.id)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
    )
    roadmap = _reports(
        cycle,
        literal("roadmap"),
        RoadmapEntry.guideline_area,
        RoadmapEntry.stage,
        null(),
        null(),
        RoadmapEntry.next_steps,
    ).join(RoadmapEntry, RoadmapEntry.report_id == ProgressReport.id)
    # Ordered by city, part and key (positions in the select list).
    order = [literal_column(str(position)) for position in (2, 9, 10)]
    return union_all(ratings, values, roadmap).order_by(*order)  # type: ignore[return-value]


def _cell(value: object) -> object:
    """One CSV cell, the same on every backend (PostgreSQL widens the union's ratings to float)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    if hasattr(value, "value") and not isinstance(value, (int, float)):
        return value.value  # enums
    return value


async def cycle_csv(session: AsyncSession, cycle: ReportingCycle) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in await session.execute(export_statement(cycle)):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()
