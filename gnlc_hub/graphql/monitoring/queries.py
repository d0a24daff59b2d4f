"""Root query fields of monitoring: the framework, indicators, cycles, reports, standing and
benchmarks. Bad arguments (unknown cycle) are BAD_USER_INPUT errors, as for other queries."""

from __future__ import annotations

from typing import Annotated

import strawberry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.cities.models import City
from gnlc_hub.core import clock
from gnlc_hub.graphql.core.errors import UserInputError
from gnlc_hub.graphql.core.pagination import Connection, PageRequest, SortKey, paginate
from gnlc_hub.graphql.monitoring import enums
from gnlc_hub.graphql.monitoring.inputs import ProgressReportFilter, ReportingStatusFilter
from gnlc_hub.graphql.monitoring.types import (
    CityBenchmark,
    CityStanding,
    GuidelineAreaInfo,
    Indicator,
    KeyFeatureArea,
    ProgressReport,
    RegionCoverage,
    ReportingCycle,
)
from gnlc_hub.monitoring import benchmarks, queries
from gnlc_hub.monitoring import models as rows
from gnlc_hub.monitoring.enums import Expectation, Standing
from gnlc_hub.monitoring.queries import StandingCriteria

CycleArg = Annotated[
    str | None,
    strawberry.argument(description="Slug of the cycle; the latest opened cycle when omitted."),
]
FirstArg = Annotated[
    int | None,
    strawberry.argument(description="Return the first n items (0–100; 20 by default)."),
]
AfterArg = Annotated[str | None, strawberry.argument(description="Return items after this cursor.")]
LastArg = Annotated[int | None, strawberry.argument(description="Return the last n items (0–100).")]
BeforeArg = Annotated[
    str | None, strawberry.argument(description="Return items before this cursor.")
]

STANDING_SORT = SortKey(name="standings:NAME", columns=(City.sort_name, City.id))
REPORT_SORT = SortKey(name="progress-reports:ID", columns=(rows.ProgressReport.id,))


async def cycle_named(info: Info, slug: str | None) -> rows.ReportingCycle | None:
    """The cycle a query is about: by slug (unknown → BAD_USER_INPUT), or the latest opened."""
    if slug is not None:
        cycle = await info.context.loaders.reporting_cycle_by_slug.load(slug)
        if cycle is None:
            raise UserInputError(f"There is no reporting cycle {slug!r}.", field="cycle")
        return cycle
    today = clock.today()
    return await info.context.db.scalar(
        queries.latest_cycle().where(rows.ReportingCycle.opens_on <= today).limit(1)
    )


async def standings_of(
    info: Info, cycle: rows.ReportingCycle, city_ids: list[int]
) -> dict[int, CityStanding]:
    today = clock.today()
    found = await info.context.db.rows(queries.select_standing_rows(cycle, today, city_ids))
    days = queries.overdue_days(cycle, today)
    return {
        city_id: CityStanding(
            standing=Standing(standing),
            expectation=Expectation(expectation),
            deadline=cycle.closes_on,
            overdue_days=days if standing == Standing.OVERDUE else None,
            city_id=city_id,
            cycle_id=cycle.id,
            report_id=report_id,
        )
        for city_id, standing, expectation, report_id in found
    }


@strawberry.type(description="Monitoring and evaluation: the framework, reports and standing.")
class MonitoringQuery:
    @strawberry.field(description="The twelve areas of the Key Features of Learning Cities.")
    async def key_feature_areas(
        self,
        info: Info,
        tier: Annotated[
            enums.KeyFeatureTier | None, strawberry.argument(description="Only areas of this tier.")
        ] = None,
    ) -> list[KeyFeatureArea]:
        statement = select(rows.KeyFeatureArea).order_by(rows.KeyFeatureArea.position)
        if tier is not None:
            statement = statement.where(rows.KeyFeatureArea.tier == tier)
        return list(await info.context.db.scalars(statement))

    @strawberry.field(
        description="The six areas of UNESCO's Guidelines for Building Learning Cities."
    )
    async def guideline_areas(self, info: Info) -> list[GuidelineAreaInfo]:
        statement = select(rows.GuidelineAreaEntry).order_by(rows.GuidelineAreaEntry.position)
        return list(await info.context.db.scalars(statement))

    @strawberry.field(description="Indicators, by name.")
    async def indicators(
        self,
        info: Info,
        include_retired: Annotated[
            bool, strawberry.argument(description="Also list retired indicators.")
        ] = False,
    ) -> list[Indicator]:
        statement = select(rows.Indicator).order_by(rows.Indicator.name, rows.Indicator.id)
        if not include_retired:
            statement = statement.where(queries.active_indicators())
        return list(await info.context.db.scalars(statement))

    @strawberry.field(description="Reporting cycles, newest first.")
    async def reporting_cycles(self, info: Info) -> list[ReportingCycle]:
        return list(await info.context.db.scalars(queries.latest_cycle()))

    @strawberry.field(description="A reporting cycle by slug; null when there is none.")
    async def reporting_cycle(
        self, info: Info, slug: Annotated[str, strawberry.argument(description="Its slug.")]
    ) -> ReportingCycle | None:
        return await info.context.loaders.reporting_cycle_by_slug.load(slug)

    @strawberry.field(description="Progress reports you may see, oldest first.")
    async def progress_reports(
        self,
        info: Info,
        filter: ProgressReportFilter | None = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[ProgressReport]:
        report = rows.ProgressReport
        statement = select(report).where(queries.visible_reports(info.context.viewer))
        if filter is not None:
            if filter.cycle is not None:
                cycle = await cycle_named(info, filter.cycle)
                assert cycle is not None
                statement = statement.where(report.cycle_id == cycle.id)
            if filter.cities:
                statement = statement.where(
                    report.city_id.in_(select(City.id).where(City.slug.in_(filter.cities)))
                )
            if filter.statuses:
                statement = statement.where(report.status.in_(filter.statuses_domain()))
        page = PageRequest(first=first, after=after, last=last, before=before)
        return await paginate(info.context.db, statement, REPORT_SORT, page)

    @strawberry.field(
        description="A city's report in a cycle; null when there is none you may see."
    )
    async def progress_report(
        self,
        info: Info,
        city: Annotated[str, strawberry.argument(description="Slug of the city.")],
        cycle: CycleArg = None,
    ) -> ProgressReport | None:
        city_row = await info.context.loaders.city_by_slug.load(city)
        cycle_row = await cycle_named(info, cycle)
        if city_row is None or cycle_row is None:
            return None
        return await info.context.loaders.report_of_city_in_cycle.load((city_row.id, cycle_row.id))

    @strawberry.field(
        description="Each member city's standing in a cycle, by name: the secretariat sees "
        "every city, a city editor its own city, anonymous callers get null."
    )
    async def reporting_status(
        self,
        info: Info,
        cycle: CycleArg = None,
        filter: ReportingStatusFilter | None = None,
        first: FirstArg = None,
        after: AfterArg = None,
        last: LastArg = None,
        before: BeforeArg = None,
    ) -> Connection[CityStanding] | None:
        visible = queries.visible_standings(info.context.viewer)
        cycle_row = await cycle_named(info, cycle)
        if visible is None or cycle_row is None:
            return None
        criteria = filter.to_criteria() if filter else StandingCriteria()
        statement = queries.select_standing_cities(cycle_row, clock.today(), criteria, visible)
        page = PageRequest(first=first, after=after, last=last, before=before)
        connection = await paginate(info.context.db, statement, STANDING_SORT, page)
        standings = await standings_of(info, cycle_row, [edge.node.id for edge in connection.edges])
        connection.edges = [
            relay.Edge(node=standings[edge.node.id], cursor=edge.cursor)
            for edge in connection.edges
        ]
        return connection

    @strawberry.field(
        description="How many member cities of each region are in each standing (counts only, "
        "public)."
    )
    async def reporting_coverage(self, info: Info, cycle: CycleArg = None) -> list[RegionCoverage]:
        cycle_row = await cycle_named(info, cycle)
        if cycle_row is None:
            return []
        counts = await info.context.db.rows(queries.standing_counts(cycle_row, clock.today()))
        return [
            RegionCoverage(region=region, standing=Standing(standing), city_count=count)
            for region, standing, count in sorted(counts, key=lambda row: (row[0], row[1]))
        ]

    @strawberry.field(
        description="A city's ratings and indicator values against the network, its region "
        "and its peers, with trends across cycles. Null when the city or a cycle is missing."
    )
    async def benchmark(
        self,
        info: Info,
        city: Annotated[str, strawberry.argument(description="Slug of the city.")],
        cycle: CycleArg = None,
    ) -> CityBenchmark | None:
        city_row = await info.context.loaders.city_by_slug.load(city)
        cycle_row = await cycle_named(info, cycle)
        if city_row is None or cycle_row is None:
            return None
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> benchmarks.Standpoint:
            return await benchmarks.standpoint(
                session, viewer=viewer, city_id=city_row.id, cycle=cycle_row
            )

        return CityBenchmark(point=await info.context.db.run(work))
