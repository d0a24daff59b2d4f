"""DataLoaders of monitoring, built per request beside the hub's own loaders.

They hang off the request's ``Loaders`` object, so that ``Context.forget_reads()`` after a
write drops them too.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import cached_property
from typing import Any

from sqlalchemy import select
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from gnlc_hub.api.context import RequestDb
from gnlc_hub.api.loaders import many_by, one_by
from gnlc_hub.auth.roles import Viewer
from gnlc_hub.monitoring.models import (
    AreaRating,
    GuidelineAreaEntry,
    Indicator,
    IndicatorValue,
    KeyFeatureArea,
    ProgressReport,
    ReportEvidence,
    ReportingCycle,
    RoadmapEntry,
)
from gnlc_hub.monitoring.queries import visible_reports
from gnlc_hub.practices.enums import TagFacet
from gnlc_hub.practices.models import Practice, PracticeTag
from gnlc_hub.practices.service import visible_practices


class MonitoringLoaders:
    def __init__(self, db: RequestDb, viewer: Viewer) -> None:
        self.db = db
        self.viewer = viewer

    @cached_property
    def area(self) -> DataLoader[Hashable, KeyFeatureArea | None]:
        return one_by(self.db, KeyFeatureArea.id)

    @cached_property
    def area_by_number(self) -> DataLoader[Hashable, KeyFeatureArea | None]:
        return one_by(self.db, KeyFeatureArea.number)

    @cached_property
    def guideline_area(self) -> DataLoader[Hashable, GuidelineAreaEntry | None]:
        return one_by(self.db, GuidelineAreaEntry.code)

    @cached_property
    def indicator(self) -> DataLoader[Hashable, Indicator | None]:
        return one_by(self.db, Indicator.id)

    @cached_property
    def indicator_by_slug(self) -> DataLoader[Hashable, Indicator | None]:
        return one_by(self.db, Indicator.slug)

    @cached_property
    def cycle(self) -> DataLoader[Hashable, ReportingCycle | None]:
        return one_by(self.db, ReportingCycle.id)

    @cached_property
    def cycle_by_slug(self) -> DataLoader[Hashable, ReportingCycle | None]:
        return one_by(self.db, ReportingCycle.slug)

    @cached_property
    def report(self) -> DataLoader[Hashable, ProgressReport | None]:
        return one_by(self.db, ProgressReport.id, visible_reports(self.viewer))

    @cached_property
    def report_of_city_in_cycle(self) -> DataLoader[tuple[int, int], ProgressReport | None]:
        """Keyed by ``(city id, cycle id)``."""

        async def load(keys: Sequence[tuple[int, int]]) -> list[ProgressReport | None]:
            cities = {city for city, _ in keys}
            cycles = {cycle for _, cycle in keys}
            rows = await self.db.scalars(
                select(ProgressReport).where(
                    ProgressReport.city_id.in_(list(cities)),
                    ProgressReport.cycle_id.in_(list(cycles)),
                    visible_reports(self.viewer),
                )
            )
            found = {(row.city_id, row.cycle_id): row for row in rows}
            return [found.get(key) for key in keys]

        return DataLoader(load_fn=load)

    @cached_property
    def reports_of_city(self) -> DataLoader[Hashable, list[ProgressReport]]:
        return many_by(
            self.db,
            lambda ids: (
                select(ProgressReport.city_id, ProgressReport)
                .join(ReportingCycle, ReportingCycle.id == ProgressReport.cycle_id)
                .where(ProgressReport.city_id.in_(ids), visible_reports(self.viewer))
                .order_by(ReportingCycle.opens_on, ProgressReport.id)
            ),
        )

    @cached_property
    def ratings_of_report(self) -> DataLoader[Hashable, list[AreaRating]]:
        return many_by(
            self.db,
            lambda ids: (
                select(AreaRating.report_id, AreaRating)
                .join(KeyFeatureArea, KeyFeatureArea.id == AreaRating.area_id)
                .where(AreaRating.report_id.in_(ids))
                .order_by(KeyFeatureArea.position)
            ),
        )

    @cached_property
    def values_of_report(self) -> DataLoader[Hashable, list[IndicatorValue]]:
        return many_by(
            self.db,
            lambda ids: (
                select(IndicatorValue.report_id, IndicatorValue)
                .where(IndicatorValue.report_id.in_(ids))
                .order_by(IndicatorValue.indicator_id)
            ),
        )

    @cached_property
    def roadmap_of_report(self) -> DataLoader[Hashable, list[RoadmapEntry]]:
        return many_by(
            self.db,
            lambda ids: (
                select(RoadmapEntry.report_id, RoadmapEntry)
                .where(RoadmapEntry.report_id.in_(ids))
                .order_by(RoadmapEntry.guideline_area)
            ),
        )

    @cached_property
    def evidence_of_report(self) -> DataLoader[Hashable, list[Practice]]:
        """The cited practices the viewer may see."""
        return many_by(
            self.db,
            lambda ids: (
                select(ReportEvidence.report_id, Practice)
                .join(Practice, Practice.id == ReportEvidence.practice_id)
                .where(ReportEvidence.report_id.in_(ids), visible_practices(self.viewer))
                .order_by(ReportEvidence.position)
            ),
        )

    @cached_property
    def practices_tagged(self) -> DataLoader[tuple[TagFacet, str], list[Practice]]:
        """Practices the viewer may see carrying the tag ``(facet, value)``, by title."""

        async def load(keys: Sequence[tuple[TagFacet, str]]) -> list[list[Practice]]:
            statement = (
                select(PracticeTag.facet, PracticeTag.value, Practice)
                .join(Practice, Practice.id == PracticeTag.practice_id)
                .where(
                    PracticeTag.facet.in_(list({facet for facet, _ in keys})),
                    PracticeTag.value.in_(list({value for _, value in keys})),
                    visible_practices(self.viewer),
                )
                .order_by(Practice.sort_title, Practice.id)
            )
            groups: dict[tuple[Any, str], list[Practice]] = {key: [] for key in keys}
            for facet, value, practice in await self.db.rows(statement):
                if (facet, value) in groups:
                    groups[(facet, value)].append(practice)
            return [groups[key] for key in keys]

        return DataLoader(load_fn=load)


def monitoring_loaders(info: Info) -> MonitoringLoaders:
    """The request's monitoring loaders (new ones after a write, with the hub's loaders)."""
    hub = info.context.loaders
    found = hub.__dict__.get("_monitoring")
    if found is None:
        found = hub.__dict__["_monitoring"] = MonitoringLoaders(
            info.context.db, info.context.viewer
        )
    return found
