"""The framework, indicators, cycles, and reports (as far as the viewer may see them) with their
parts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any

from sqlalchemy import select

from gnlc_hub.graphql.core.loaders import LoaderGroup, batched, many, one
from gnlc_hub.monitoring import models
from gnlc_hub.monitoring.queries import visible_reports
from gnlc_hub.practices import models as practice_models
from gnlc_hub.practices.enums import TagFacet
from gnlc_hub.practices.queries import visible_practices


async def _report_of_city_in_cycle(
    group: LoaderGroup, keys: Sequence[tuple[int, int]]
) -> list[models.ProgressReport | None]:
    """Keyed by ``(city id, cycle id)``."""
    report = models.ProgressReport
    rows = await group.db.scalars(
        select(report).where(
            report.city_id.in_(list({city for city, _ in keys})),
            report.cycle_id.in_(list({cycle for _, cycle in keys})),
            visible_reports(group.viewer),
        )
    )
    found = {(row.city_id, row.cycle_id): row for row in rows}
    return [found.get(key) for key in keys]


async def _ratings(group: LoaderGroup, ids: Sequence[Hashable]) -> list[list[models.AreaRating]]:
    """A report's ratings in framework order."""
    statement = (
        select(models.AreaRating)
        .join(models.KeyFeatureArea, models.KeyFeatureArea.id == models.AreaRating.area_id)
        .where(models.AreaRating.report_id.in_(list(ids)))
        .order_by(models.KeyFeatureArea.position)
    )
    grouped: dict[Hashable, list[models.AreaRating]] = defaultdict(list)
    for rating in await group.db.scalars(statement):
        grouped[rating.report_id].append(rating)
    return [grouped.get(i, []) for i in ids]


async def _practices_tagged(
    group: LoaderGroup, keys: Sequence[tuple[TagFacet, str]]
) -> list[list[practice_models.Practice]]:
    """Practices the viewer may see carrying the tag ``(facet, value)``, by title."""
    tag, practice = practice_models.PracticeTag, practice_models.Practice
    statement = (
        select(tag.facet, tag.value, practice)
        .join(practice, practice.id == tag.practice_id)
        .where(
            tag.facet.in_(list({facet for facet, _ in keys})),
            tag.value.in_(list({value for _, value in keys})),
            visible_practices(group.viewer),
        )
        .order_by(practice.sort_title, practice.id)
    )
    groups: dict[tuple[Any, str], list[practice_models.Practice]] = {key: [] for key in keys}
    for facet, value, row in await group.db.rows(statement):
        if (facet, value) in groups:
            groups[(facet, value)].append(row)
    return [groups[key] for key in keys]


class MonitoringLoaders(LoaderGroup):
    key_feature_area = one(models.KeyFeatureArea.id)
    indicator = one(models.Indicator.id)
    indicator_by_slug = one(models.Indicator.slug)
    reporting_cycle = one(models.ReportingCycle.id)
    reporting_cycle_by_slug = one(models.ReportingCycle.slug)
    progress_report = one(models.ProgressReport.id, visible=visible_reports)
    report_of_city_in_cycle = batched(_report_of_city_in_cycle)
    ratings_of_report = batched(_ratings)
    values_of_report = many(
        models.IndicatorValue.report_id, order=[models.IndicatorValue.indicator_id]
    )
    roadmap_of_report = many(
        models.RoadmapEntry.report_id, order=[models.RoadmapEntry.guideline_area]
    )
    evidence_of_report = many(
        models.ReportEvidence.report_id,
        item=practice_models.Practice,
        on=practice_models.Practice.id == models.ReportEvidence.practice_id,
        order=[models.ReportEvidence.position],
        visible=visible_practices,
    )
    practices_tagged = batched(_practices_tagged)
