"""GraphQL types of monitoring: the framework, indicators, cycles, reports, standing and
benchmarks."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.auth.rules import Action
from gnlc_hub.core import clock
from gnlc_hub.graphql.audit.types import history_field
from gnlc_hub.graphql.core.nodes import ModelNode
from gnlc_hub.graphql.core.permissions import RulePermission, SeesCityPrivate, private
from gnlc_hub.graphql.monitoring import enums
from gnlc_hub.graphql.network import enums as network_enums
from gnlc_hub.graphql.practices import enums as practice_enums
from gnlc_hub.monitoring import benchmarks, models
from gnlc_hub.monitoring.benchmarks import Summary
from gnlc_hub.monitoring.queries import cycle_state, writable_until
from gnlc_hub.practices.enums import TagFacet

if TYPE_CHECKING:
    from gnlc_hub.graphql.cities.types import City
    from gnlc_hub.graphql.practices.types import Practice

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.graphql.cities.types")]
PracticeRef = Annotated["Practice", strawberry.lazy("gnlc_hub.graphql.practices.types")]


class ExportsReports(RulePermission):
    """The CSV export: the secretariat and admins."""

    action = Action.EXPORT_PROGRESS_REPORTS


@strawberry.type(
    description="One of the twelve areas of focus of the Key Features of Learning "
    "Cities, the network's self-assessment framework."
)
class KeyFeatureArea(ModelNode):
    model = models.KeyFeatureArea
    loader = "key_feature_area"

    id: relay.NodeID[int]
    number: str = strawberry.field(description="Number of the area, `1.1` to `3.3`.")
    tier: enums.KeyFeatureTier = strawberry.field(description="The tier it belongs to.")
    name: str = strawberry.field(description="Name of the area, as UNESCO words it.")
    description: str = strawberry.field(description="What the area covers, in our words.")
    source_url: str = strawberry.field(description="Public page the framework comes from.")
    building_block: practice_enums.BuildingBlock | None = strawberry.field(
        description="The building block practices are tagged with for this area: the six column "
        "areas are the six building blocks. Null for the other tiers."
    )

    @strawberry.field(
        description="Practices you may see tagged with this area's building block. Empty for "
        "areas outside the column tier: practices carry no tag for them."
    )
    async def practices(
        self, root: strawberry.Parent[models.KeyFeatureArea], info: Info
    ) -> list[PracticeRef]:
        if root.building_block is None:
            return []
        key = (TagFacet.BUILDING_BLOCK, root.building_block.value)
        return await info.context.loaders.practices_tagged.load(key)


@strawberry.type(
    description="One of the six areas of action of UNESCO's Guidelines for "
    "Building Learning Cities."
)
class GuidelineAreaInfo:
    code: practice_enums.GuidelineArea = strawberry.field(
        description="The area, as practices are tagged."
    )
    name: str = strawberry.field(description="Name of the area, in our words.")
    description: str = strawberry.field(description="What the area covers, in our words.")
    source_url: str = strawberry.field(description="Public page the guidelines come from.")

    @strawberry.field(description="Practices you may see tagged with this guideline area.")
    async def practices(
        self, root: strawberry.Parent[models.GuidelineAreaEntry], info: Info
    ) -> list[PracticeRef]:
        key = (TagFacet.GUIDELINE_AREA, root.code.value)
        return await info.context.loaders.practices_tagged.load(key)

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.GuidelineAreaEntry))


@strawberry.type(description="A measure the secretariat asks member cities to report.")
class Indicator(ModelNode):
    model = models.Indicator
    loader = "indicator"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Identifier used in report inputs.")
    name: str = strawberry.field(description="Short name.")
    description: str = strawberry.field(description="What is measured, and how.")
    unit: str = strawberry.field(description="Unit of the values, e.g. `% of adults`.")
    direction: enums.IndicatorDirection = strawberry.field(description="Which way is better.")
    guideline_area: practice_enums.GuidelineArea | None = strawberry.field(
        description="The guideline area it also informs, if any."
    )
    retired_at: datetime | None = strawberry.field(
        description="When it was retired (no new values since); null while in use."
    )
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")

    @strawberry.field(
        description="True once retired: reports keep their values, new ones are refused."
    )
    def is_retired(self, root: strawberry.Parent[models.Indicator]) -> bool:
        return root.retired_at is not None

    @strawberry.field(description="The Key Features area it measures.")
    async def key_feature_area(
        self, root: strawberry.Parent[models.Indicator], info: Info
    ) -> KeyFeatureArea:
        return await info.context.loaders.key_feature_area.load(root.key_feature_area_id)


@strawberry.type(description="A reporting round of biennial progress reports.")
class ReportingCycle(ModelNode):
    model = models.ReportingCycle
    loader = "reporting_cycle"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Identifier for URLs and queries, e.g. `2024-2025`.")
    name: str = strawberry.field(description="Name, e.g. `2024–2025`.")
    opens_on: date = strawberry.field(description="First day reports can be written.")
    closes_on: date = strawberry.field(
        description="The deadline: reports not submitted by then are overdue."
    )
    reopened_until: date | None = strawberry.field(
        description="When the secretariat reopened the cycle: writing is possible until then "
        "(the deadline stays)."
    )
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")

    @strawberry.field(description="Whether reports can be written today.")
    def state(self, root: strawberry.Parent[models.ReportingCycle]) -> enums.ReportingCycleState:
        return cycle_state(root, clock.today())

    @strawberry.field(description="The last day reports can be written.")
    def writable_until(self, root: strawberry.Parent[models.ReportingCycle]) -> date:
        return writable_until(root)

    @strawberry.field(
        description="An SVG bar chart of reporting coverage by region (counts only: public)."
    )
    def coverage_chart_url(self, root: strawberry.Parent[models.ReportingCycle]) -> str:
        return f"/charts/reporting-cycles/{root.slug}/coverage.svg"

    @strawberry.field(
        description="CSV of the cycle's accepted reports and indicator values (send your bearer "
        "token). Null unless you are the secretariat.",
        extensions=private(ExportsReports()),
    )
    def export_url(self, root: strawberry.Parent[models.ReportingCycle]) -> str | None:
        return f"/exports/reporting-cycles/{root.slug}.csv"


@strawberry.type(description="A city's self-assessment of one Key Features area.")
class AreaRating:
    rating: int = strawberry.field(description="From 1 (weak) to 5 (strong).")
    justification: str = strawberry.field(description="Why the city rates itself so.")

    @strawberry.field(description="The area rated.")
    async def area(self, root: strawberry.Parent[models.AreaRating], info: Info) -> KeyFeatureArea:
        return await info.context.loaders.key_feature_area.load(root.area_id)

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.AreaRating))


@strawberry.type(description="A value a report gives for one indicator.")
class IndicatorValue:
    value: float = strawberry.field(description="The value, in the indicator's unit.")
    year: int = strawberry.field(description="The year the value describes.")
    source: str | None = strawberry.field(description="Where the value comes from.")

    @strawberry.field(description="The indicator (possibly retired since).")
    async def indicator(
        self, root: strawberry.Parent[models.IndicatorValue], info: Info
    ) -> Indicator:
        return await info.context.loaders.indicator.load(root.indicator_id)

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.IndicatorValue))


@strawberry.type(description="Where a city stands in one guideline area, and what comes next.")
class RoadmapEntry:
    guideline_area: practice_enums.GuidelineArea = strawberry.field(
        description="The guideline area."
    )
    stage: enums.RoadmapStage = strawberry.field(description="How far the city has come.")
    next_steps: str | None = strawberry.field(description="What the city will do next.")

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.RoadmapEntry))


@strawberry.type(
    description="A city's biennial progress report for one reporting cycle. "
    "Anyone reads accepted reports their city made public; a city reads its own; "
    "the secretariat reads all."
)
class ProgressReport(ModelNode):
    model = models.ProgressReport
    loader = "progress_report"

    id: relay.NodeID[int]
    status: enums.ProgressReportStatus = strawberry.field(
        description="Where it is in its life cycle."
    )
    is_public: bool = strawberry.field(
        description="The city's choice to publish it; it is public once also ACCEPTED."
    )
    narrative: str | None = strawberry.field(description="The city's account, plain text.")
    submitted_at: datetime | None = strawberry.field(description="When it was last submitted.")
    accepted_at: datetime | None = strawberry.field(description="When it was accepted.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    is_example: bool = strawberry.field(description="True for illustrative, not real, data.")
    version: int = strawberry.field(description="Current version, for optimistic locking.")
    review_note: str | None = strawberry.field(
        description="The secretariat's latest note (why it was returned). Null unless you are "
        "the secretariat or an editor of its city.",
        extensions=private(SeesCityPrivate()),
    )
    history = history_field("progress_report")

    @strawberry.field(description="The reporting city.")
    async def city(self, root: strawberry.Parent[models.ProgressReport], info: Info) -> CityRef:
        return await info.context.loaders.city.load(root.city_id)

    @strawberry.field(description="The reporting cycle.")
    async def cycle(
        self, root: strawberry.Parent[models.ProgressReport], info: Info
    ) -> ReportingCycle:
        return await info.context.loaders.reporting_cycle.load(root.cycle_id)

    @strawberry.field(description="Self-assessment per Key Features area, in framework order.")
    async def ratings(
        self, root: strawberry.Parent[models.ProgressReport], info: Info
    ) -> list[AreaRating]:
        return await info.context.loaders.ratings_of_report.load(root.id)

    @strawberry.field(description="Indicator values given.")
    async def indicator_values(
        self, root: strawberry.Parent[models.ProgressReport], info: Info
    ) -> list[IndicatorValue]:
        return await info.context.loaders.values_of_report.load(root.id)

    @strawberry.field(description="Roadmap per guideline area.")
    async def roadmap(
        self, root: strawberry.Parent[models.ProgressReport], info: Info
    ) -> list[RoadmapEntry]:
        return await info.context.loaders.roadmap_of_report.load(root.id)

    @strawberry.field(description="The city's practices cited as evidence (those you may see).")
    async def evidence(
        self, root: strawberry.Parent[models.ProgressReport], info: Info
    ) -> list[PracticeRef]:
        return await info.context.loaders.evidence_of_report.load(root.id)

    @strawberry.field(
        description="An SVG radar chart of its ratings against the region's and the network's "
        "medians. Anonymous readers get it for public reports only; send your token otherwise."
    )
    def chart_url(self, root: strawberry.Parent[models.ProgressReport]) -> str:
        return f"/charts/progress-reports/{root.id}.svg"


@strawberry.type(description="A member city's standing in one reporting cycle.")
class CityStanding:
    standing: enums.ReportingStanding = strawberry.field(
        description="Not due, due, submitted, accepted or overdue."
    )
    expectation: enums.ReportingExpectation = strawberry.field(
        description="Why the city is or is not expected to report."
    )
    deadline: date = strawberry.field(description="The cycle's deadline.")
    overdue_days: int | None = strawberry.field(
        description="Days since the deadline when OVERDUE; null otherwise."
    )
    city_id: strawberry.Private[int]
    cycle_id: strawberry.Private[int]
    report_id: strawberry.Private[int | None]

    @strawberry.field(description="The city.")
    async def city(self, info: Info) -> CityRef:
        return await info.context.loaders.city.load(self.city_id)

    @strawberry.field(description="The cycle.")
    async def cycle(self, info: Info) -> ReportingCycle:
        return await info.context.loaders.reporting_cycle.load(self.cycle_id)

    @strawberry.field(description="The city's report in the cycle, when there is one.")
    async def report(self, info: Info) -> ProgressReport | None:
        if self.report_id is None:
            return None
        return await info.context.loaders.progress_report.load(self.report_id)


@strawberry.type(description="How many cities of a region are in each standing.")
class RegionCoverage:
    region: network_enums.Region = strawberry.field(description="The UNESCO region.")
    standing: enums.ReportingStanding = strawberry.field(description="The standing counted.")
    city_count: int = strawberry.field(description="Number of member cities.")


@strawberry.type(description="Median and quartiles of one group, or why they are withheld.")
class GroupSummary:
    group: enums.BenchmarkGroup = strawberry.field(description="Who is compared.")
    count: int = strawberry.field(description="Cities of the group with an accepted report.")
    median: float | None = strawberry.field(description="Median; null when withheld.")
    lower_quartile: float | None = strawberry.field(
        description="First quartile (inclusive method); null when withheld."
    )
    upper_quartile: float | None = strawberry.field(
        description="Third quartile (inclusive method); null when withheld."
    )
    withheld: bool = strawberry.field(
        description="True when the group has fewer than 5 reporting cities."
    )
    statement: str | None = strawberry.field(description="Why figures are withheld.")

    @classmethod
    def of(cls, summary: Summary) -> GroupSummary:
        return cls(
            group=summary.group,
            count=summary.count,
            median=summary.median,
            lower_quartile=summary.lower_quartile,
            upper_quartile=summary.upper_quartile,
            withheld=summary.withheld,
            statement=summary.statement,
        )


@strawberry.type(description="A city's rating of one area against each group.")
class AreaBenchmark:
    area: KeyFeatureArea = strawberry.field(description="The area.")
    city_rating: int | None = strawberry.field(
        description="The city's rating; null when it gave none or its report is not visible to you."
    )
    groups: list[GroupSummary] = strawberry.field(description="Network, region and peers.")


@strawberry.type(description="A city's value of one indicator against each group.")
class IndicatorBenchmark:
    indicator: Indicator = strawberry.field(description="The indicator.")
    city_value: float | None = strawberry.field(
        description="The city's value; null when it gave none or its report is not visible to you."
    )
    groups: list[GroupSummary] = strawberry.field(description="Network, region and peers.")


@strawberry.type(description="One cycle of an area's trend.")
class TrendPoint:
    cycle: ReportingCycle = strawberry.field(description="The cycle.")
    city_rating: int | None = strawberry.field(
        description="The city's rating in that cycle, when visible to you."
    )
    network: GroupSummary = strawberry.field(description="The network's figures that cycle.")


@strawberry.type(description="An area's ratings across cycles, oldest first.")
class AreaTrend:
    area: KeyFeatureArea = strawberry.field(description="The area.")
    points: list[TrendPoint] = strawberry.field(description="One point per cycle.")


@strawberry.type(
    description="A city against the network, its region and its peers in one cycle. Only "
    "accepted reports count, and a group of fewer than 5 reporting cities is withheld. Each part "
    "is computed only when asked for."
)
class CityBenchmark:
    point: strawberry.Private[benchmarks.Standpoint]

    @strawberry.field(description="The city benchmarked.")
    async def city(self, info: Info) -> CityRef:
        return await info.context.loaders.city.load(self.point.subject.city_id)

    @strawberry.field(description="The cycle.")
    def cycle(self) -> ReportingCycle:
        return self.point.cycle  # type: ignore[return-value]

    @strawberry.field(
        description="The city's report in the cycle, when visible to you; its own figures are "
        "shown only then."
    )
    def report(self) -> ProgressReport | None:
        return self.point.report  # type: ignore[return-value]

    @strawberry.field(description="The twelve areas, in order.")
    async def areas(self, info: Info) -> list[AreaBenchmark]:
        figures = await info.context.db.run(
            lambda session: benchmarks.area_figures(session, self.point)
        )
        return [
            AreaBenchmark(area=area, city_rating=rating, groups=_groups(summaries))
            for area, rating, summaries in figures
        ]

    @strawberry.field(description="Indicators with values in the cycle.")
    async def indicators(self, info: Info) -> list[IndicatorBenchmark]:
        figures = await info.context.db.run(
            lambda session: benchmarks.indicator_figures(session, self.point)
        )
        indicators = await info.context.loaders.indicator.load_many([k for k, _, _ in figures])
        return [
            IndicatorBenchmark(indicator=indicator, city_value=value, groups=_groups(summaries))
            for indicator, (_, value, summaries) in zip(indicators, figures, strict=True)
        ]

    @strawberry.field(description="Each area across every cycle up to this one, oldest first.")
    async def trends(self, info: Info) -> list[AreaTrend]:
        figures = await info.context.db.run(
            lambda session: benchmarks.trend_figures(session, self.point)
        )
        return [
            AreaTrend(
                area=area,
                points=[
                    TrendPoint(
                        cycle=point.cycle,
                        city_rating=point.city_rating,
                        network=GroupSummary.of(point.network),
                    )
                    for point in points
                ],
            )
            for area, points in figures
        ]


def _groups(summaries: list[Summary]) -> list[GroupSummary]:
    return [GroupSummary.of(summary) for summary in summaries]
