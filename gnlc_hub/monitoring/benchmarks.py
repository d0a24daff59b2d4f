"""Benchmarks: a city's ratings and indicator values against the network, its region and its
peers, and the network's trend over cycles.

Only ACCEPTED reports count. A group of fewer than ``MIN_GROUP`` reporting cities is withheld,
so that no aggregate can be traced back to one city's report. Ratings are aggregated in SQL as
histograms (ratings are whole numbers 1–5), so the statements do not grow with the network.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.cities.sizes import similar_size_range
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.monitoring.enums import BenchmarkGroup, ReportStatus
from gnlc_hub.monitoring.models import (
    AreaRating,
    IndicatorValue,
    KeyFeatureArea,
    ProgressReport,
    ReportingCycle,
)
from gnlc_hub.monitoring.queries import visible_reports
from gnlc_hub.network.models import ClusterMembership, Country

MIN_GROUP = 5
WITHHELD = (
    f"Withheld: fewer than {MIN_GROUP} cities of this group have an accepted report, so "
    "figures could point to one city's report."
)


@dataclass(frozen=True)
class Summary:
    """Median and quartiles of one group, or why they are withheld."""

    group: BenchmarkGroup
    count: int
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    statement: str | None

    @property
    def withheld(self) -> bool:
        return self.statement is not None


def quantile(value_at: Callable[[int], float], n: int, p: float) -> float:
    """The ``p`` quantile of ``n`` sorted values read through ``value_at`` (linear
    interpolation between closest ranks, as ``statistics.quantiles(method="inclusive")``)."""
    position = (n - 1) * p
    low = math.floor(position)
    high = min(low + 1, n - 1)
    fraction = position - low
    return value_at(low) + (value_at(high) - value_at(low)) * fraction


def summarise(group: BenchmarkGroup, n: int, value_at: Callable[[int], float]) -> Summary:
    if n < MIN_GROUP:
        return Summary(group, n, None, None, None, WITHHELD)
    q1, median, q3 = (quantile(value_at, n, p) for p in (0.25, 0.5, 0.75))
    return Summary(group, n, median, q1, q3, None)


def summarise_values(group: BenchmarkGroup, values: Sequence[float]) -> Summary:
    ordered = sorted(values)
    return summarise(group, len(ordered), ordered.__getitem__)


def summarise_histogram(group: BenchmarkGroup, counts: dict[int, int]) -> Summary:
    """``counts`` maps a rating to how many cities gave it."""
    ratings = sorted(counts)
    ends = list(accumulate(counts[r] for r in ratings))  # rank after the last of each rating
    n = ends[-1] if ends else 0
    return summarise(group, n, lambda rank: float(ratings[bisect.bisect_right(ends, rank)]))


# -- who is in each group -----------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """The benchmarked city and what places it in groups."""

    city_id: int
    region_id: int
    population: int | None


def group_conditions(subject: Subject) -> dict[BenchmarkGroup, ColumnElement[bool]]:
    """Conditions on ``ProgressReport.city_id`` for each group (the city itself included)."""
    in_region = ProgressReport.city_id.in_(
        select(City.id)
        .join(Country, Country.id == City.country_id)
        .where(Country.region_id == subject.region_id)
    )
    mine, theirs = aliased(ClusterMembership), aliased(ClusterMembership)
    shared_cluster = ProgressReport.city_id.in_(
        select(theirs.city_id)
        .join(mine, mine.cluster_id == theirs.cluster_id)
        .where(mine.city_id == subject.city_id)
    )
    peers: ColumnElement[bool] = or_(shared_cluster, ProgressReport.city_id == subject.city_id)
    if subject.population:
        similar = ProgressReport.city_id.in_(
            select(CityProfile.city_id).where(
                CityProfile.population.between(*similar_size_range(subject.population))
            )
        )
        peers = or_(peers, similar)
    return {
        BenchmarkGroup.NETWORK: literal(True),
        BenchmarkGroup.REGION: in_region,
        BenchmarkGroup.PEERS: peers,
    }


def _accepted(cycle_ids: Sequence[int]) -> ColumnElement[bool]:
    return and_(
        ProgressReport.cycle_id.in_(list(cycle_ids)),
        ProgressReport.status == ReportStatus.ACCEPTED,
    )


def membership_flags(subject: Subject) -> list[ColumnElement[int]]:
    """For each group but the network (which is everyone): 1 when a report's city is in it.

    One pass over the cycle's reports with these flags answers every group at once.
    """
    return [
        case((condition, 1), else_=0)
        for group, condition in group_conditions(subject).items()
        if group is not BenchmarkGroup.NETWORK
    ]


FLAGGED_GROUPS = (BenchmarkGroup.REGION, BenchmarkGroup.PEERS)


def _groups_of(flags: Sequence[int]) -> list[BenchmarkGroup]:
    return [BenchmarkGroup.NETWORK, *(g for g, on in zip(FLAGGED_GROUPS, flags, strict=True) if on)]


def rating_histograms(subject: Subject, cycle_id: int) -> Select[Any]:
    """``(area id, rating, in region, in peers, cities)`` of the cycle: one statement, one pass."""
    flags = membership_flags(subject)
    return (
        select(AreaRating.area_id, AreaRating.rating, *flags, func.count())
        .join(ProgressReport, ProgressReport.id == AreaRating.report_id)
        .where(_accepted([cycle_id]))
        .group_by(AreaRating.area_id, AreaRating.rating, *flags)
    )


def indicator_values(subject: Subject, cycle_id: int) -> Select[Any]:
    """``(indicator id, value, in region, in peers)`` of every accepted report of the cycle."""
    return (
        select(IndicatorValue.indicator_id, IndicatorValue.value, *membership_flags(subject))
        .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
        .where(_accepted([cycle_id]))
    )


def network_trend(cycle_ids: Sequence[int]) -> Select[tuple[int, int, int, int]]:
    """``(cycle id, area id, rating, cities)`` across cycles, network-wide."""
    return (
        select(ProgressReport.cycle_id, AreaRating.area_id, AreaRating.rating, func.count())
        .join(ProgressReport, ProgressReport.id == AreaRating.report_id)
        .where(_accepted(cycle_ids))
        .group_by(ProgressReport.cycle_id, AreaRating.area_id, AreaRating.rating)
    )


# -- answering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """One area's or indicator's figures for every group."""

    key: int  # area id or indicator id
    groups: list[Summary]


async def compare_ratings(
    session: AsyncSession, subject: Subject, cycle_id: int, area_ids: Sequence[int]
) -> list[Comparison]:
    """Each area against every group."""
    histograms: dict[tuple[int, BenchmarkGroup], dict[int, int]] = defaultdict(dict)
    for area_id, rating, *flags, count in await session.execute(
        rating_histograms(subject, cycle_id)
    ):
        for group in _groups_of(flags):
            counts = histograms[(area_id, group)]
            counts[rating] = counts.get(rating, 0) + count
    return [
        Comparison(
            area_id,
            [summarise_histogram(group, histograms[(area_id, group)]) for group in BenchmarkGroup],
        )
        for area_id in area_ids
    ]


async def compare_indicators(
    session: AsyncSession, subject: Subject, cycle_id: int
) -> list[Comparison]:
    values: dict[tuple[int, BenchmarkGroup], list[float]] = defaultdict(list)
    indicators: dict[int, None] = {}
    for indicator_id, value, *flags in await session.execute(indicator_values(subject, cycle_id)):
        for group in _groups_of(flags):
            values[(indicator_id, group)].append(value)
        indicators[indicator_id] = None
    return [
        Comparison(
            indicator_id,
            [summarise_values(group, values[(indicator_id, group)]) for group in BenchmarkGroup],
        )
        for indicator_id in sorted(indicators)
    ]


async def network_histograms(
    session: AsyncSession, cycle_ids: Sequence[int]
) -> dict[tuple[int, int], dict[int, int]]:
    """The network's rating histogram per ``(cycle id, area id)``: one statement."""
    histograms: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for cycle_id, area_id, rating, count in await session.execute(network_trend(cycle_ids)):
        histograms[(cycle_id, area_id)][rating] = count
    return histograms


@dataclass(frozen=True)
class Standpoint:
    """The benchmarked city in one cycle, and what of its own the viewer may see."""

    subject: Subject
    cycle: ReportingCycle
    report: ProgressReport | None  # its report in the cycle, when visible to the viewer
    viewer: Viewer


async def standpoint(
    session: AsyncSession, *, viewer: Viewer, city_id: int, cycle: ReportingCycle
) -> Standpoint:
    region_id, population = (
        await session.execute(
            select(Country.region_id, CityProfile.population)
            .select_from(City)
            .join(Country, Country.id == City.country_id)
            .outerjoin(CityProfile, CityProfile.city_id == City.id)
            .where(City.id == city_id)
        )
    ).one()
    report = await session.scalar(
        select(ProgressReport).where(
            ProgressReport.city_id == city_id,
            ProgressReport.cycle_id == cycle.id,
            visible_reports(viewer),
        )
    )
    return Standpoint(Subject(city_id, region_id, population), cycle, report, viewer)


async def _own(session: AsyncSession, point: Standpoint, key: Any, value: Any) -> dict[Any, Any]:
    """``key → value`` of the city's own report part, or nothing when it is not visible."""
    if point.report is None:
        return {}
    table = key.class_
    rows = await session.execute(select(key, value).where(table.report_id == point.report.id))
    return dict(rows.all())


async def _areas(session: AsyncSession) -> list[KeyFeatureArea]:
    return list(await session.scalars(select(KeyFeatureArea).order_by(KeyFeatureArea.position)))


async def area_figures(
    session: AsyncSession, point: Standpoint
) -> list[tuple[KeyFeatureArea, int | None, list[Summary]]]:
    """Each area: the city's rating (when visible) and every group's summary."""
    areas = await _areas(session)
    own = await _own(session, point, AreaRating.area_id, AreaRating.rating)
    ratings = await compare_ratings(session, point.subject, point.cycle.id, [a.id for a in areas])
    return [
        (area, own.get(area.id), comparison.groups)
        for area, comparison in zip(areas, ratings, strict=True)
    ]


async def indicator_figures(
    session: AsyncSession, point: Standpoint
) -> list[tuple[int, float | None, list[Summary]]]:
    """Each indicator with values in the cycle: the city's value (when visible) and summaries."""
    own = await _own(session, point, IndicatorValue.indicator_id, IndicatorValue.value)
    comparisons = await compare_indicators(session, point.subject, point.cycle.id)
    return [(c.key, own.get(c.key), c.groups) for c in comparisons]


@dataclass(frozen=True)
class TrendFigures:
    cycle: ReportingCycle
    city_rating: int | None
    network: Summary


async def trend_figures(
    session: AsyncSession, point: Standpoint
) -> list[tuple[KeyFeatureArea, list[TrendFigures]]]:
    """Each area over every cycle up to this one: the city's rating and the network's."""
    areas = await _areas(session)
    cycles = list(
        await session.scalars(
            select(ReportingCycle)
            .where(ReportingCycle.opens_on <= point.cycle.opens_on)
            .order_by(ReportingCycle.opens_on, ReportingCycle.id)
        )
    )
    cycle_ids = [c.id for c in cycles]
    own = {
        (cycle_id, area_id): rating
        for cycle_id, area_id, rating in await session.execute(
            select(ProgressReport.cycle_id, AreaRating.area_id, AreaRating.rating)
            .join(AreaRating, AreaRating.report_id == ProgressReport.id)
            .where(
                ProgressReport.city_id == point.subject.city_id,
                ProgressReport.cycle_id.in_(cycle_ids),
                visible_reports(point.viewer),
            )
        )
    }
    network = await network_histograms(session, cycle_ids)
    return [
        (
            area,
            [
                TrendFigures(
                    c,
                    own.get((c.id, area.id)),
                    summarise_histogram(BenchmarkGroup.NETWORK, network.get((c.id, area.id), {})),
                )
                for c in cycles
            ],
        )
        for area in areas
    ]
