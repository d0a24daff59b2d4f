"""GraphQL types of monitoring: the framework, indicators, cycles, reports, standing and
benchmarks."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.api.audit import history_field
from gnlc_hub.api.enums import BuildingBlockEnum, GuidelineAreaEnum, Region
from gnlc_hub.api.errors import UserInputError
from gnlc_hub.api.nodes import ModelNode, parse_pk
from gnlc_hub.auth.permissions import RulePermission, SeesCityPrivate, private
from gnlc_hub.auth.rules import Action
from gnlc_hub.graphql.monitoring.loaders import monitoring_loaders
from gnlc_hub.monitoring import benchmarks, models
from gnlc_hub.monitoring.benchmarks import Summary
from gnlc_hub.monitoring.clock import Clock
from gnlc_hub.monitoring.enums import (
    BenchmarkGroup,
    CycleState,
    Expectation,
    IndicatorDirection,
    KeyFeatureTier,
    ReportStatus,
    RoadmapStage,
    Standing,
)
from gnlc_hub.monitoring.queries import cycle_state, writable_until
from gnlc_hub.practices.enums import TagFacet

if TYPE_CHECKING:
    from gnlc_hub.api.cities import City
    from gnlc_hub.api.practices import Practice

CityRef = Annotated["City", strawberry.lazy("gnlc_hub.api.cities")]
PracticeRef = Annotated["Practice", strawberry.lazy("gnlc_hub.api.practices")]


def described_enum(
    cls: type[enum.Enum], *, name: str, description: str, values: Mapping[str, str]
) -> Any:
    """A GraphQL enum whose every value carries a description (domain enums stay plain)."""
    registered = strawberry.enum(cls, name=name, description=description)
    for value in registered.__strawberry_definition__.values:
        value.description = values[value.name]
    return registered


KeyFeatureTierEnum = described_enum(
    KeyFeatureTier,
    name="KeyFeatureTier",
    description="The three tiers of the Key Features of Learning Cities (modelled on UNESCO's "
    "logo).",
    values={
        "WIDER_BENEFITS": "The pediment: three areas on the benefits of building a learning city.",
        "MAJOR_BUILDING_BLOCKS": "The columns: the six building blocks of a learning city.",
        "FUNDAMENTAL_CONDITIONS": "The foundation steps: three conditions a learning city needs.",
    },
)
IndicatorDirectionEnum = described_enum(
    IndicatorDirection,
    name="IndicatorDirection",
    description="Which way an indicator improves.",
    values={
        "HIGHER_IS_BETTER": "A larger value is better.",
        "LOWER_IS_BETTER": "A smaller value is better.",
    },
)
ReportStatusEnum = described_enum(
    ReportStatus,
    name="ProgressReportStatus",
    description="Life cycle: DRAFT → SUBMITTED → ACCEPTED, or RETURNED → SUBMITTED again.",
    values={
        "DRAFT": "Being written by the city.",
        "SUBMITTED": "Sent to the secretariat, awaiting review.",
        "RETURNED": "Sent back to the city with a note; the city edits and submits again.",
        "ACCEPTED": "Accepted by the secretariat; public if the city chose so.",
    },
)
RoadmapStageEnum = described_enum(
    RoadmapStage,
    name="RoadmapStage",
    description="How far a city has come in one guideline area.",
    values={
        "NOT_STARTED": "Nothing done yet.",
        "PLANNING": "Being planned.",
        "IMPLEMENTING": "Being put into practice.",
        "ESTABLISHED": "In place and running.",
    },
)
StandingEnum = described_enum(
    Standing,
    name="ReportingStanding",
    description="A member city's standing in one reporting cycle.",
    values={
        "NOT_DUE": "Not expected to report (admitted later, exempted, or the cycle has not "
        "opened).",
        "DUE": "Expected to report; nothing submitted yet and the deadline has not passed.",
        "SUBMITTED": "Report submitted, awaiting the secretariat's review.",
        "ACCEPTED": "Report accepted.",
        "OVERDUE": "Expected to report; the deadline passed without a submitted report.",
    },
)
CycleStateEnum = described_enum(
    CycleState,
    name="ReportingCycleState",
    description="Whether reports can be written in a cycle today.",
    values={
        "UPCOMING": "Opens in the future.",
        "OPEN": "Reports can be written and submitted.",
        "CLOSED": "Past the deadline and not reopened: no more writing.",
    },
)
BenchmarkGroupEnum = described_enum(
    BenchmarkGroup,
    name="BenchmarkGroup",
    description="Who a city is compared with (the city itself included).",
    values={
        "NETWORK": "Every city with an accepted report in the cycle.",
        "REGION": "Cities of the same UNESCO region with an accepted report.",
        "PEERS": "Cities with an accepted report of similar population (within a factor of "
        "two, from city profiles) or sharing a thematic cluster.",
    },
)
ExpectationEnum = described_enum(
    Expectation,
    name="ReportingExpectation",
    description="Why a city is, or is not, expected to report in a cycle.",
    values={
        "ADMITTED_BEFORE": "Admitted in a year before the cycle opened: expected.",
        "ADMISSION_YEAR_UNKNOWN": "A documented member whose admission year is unknown: "
        "expected (the secretariat can exempt it).",
        "ADMITTED_LATER": "Admitted in or after the year the cycle opened: not expected.",
        "ADDED": "Added to the cycle by the secretariat: expected.",
        "EXEMPTED": "Exempted from the cycle by the secretariat: not expected.",
    },
)


def clock_of(info: Info) -> Clock:
    """The request's clock: the runtime's, so tests and demonstrations can fix today."""
    return info.context.services.clock


class MonitoringNode(ModelNode):
    """A Relay node loaded through the monitoring loaders."""

    loader: ClassVar[str]

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        loader = getattr(monitoring_loaders(info), cls.loader)
        rows = await loader.load_many([parse_pk(node_id) for node_id in node_ids])
        if required and any(row is None for row in rows):
            raise UserInputError("Some IDs do not exist or are not visible to you.", field="ids")
        return rows


class ExportsReports(RulePermission):
    """The CSV export: the secretariat and admins."""

    action = Action.EXPORT_PROGRESS_REPORTS


@strawberry.type(
    description="One of the twelve areas of focus of the Key Features of Learning "
    "Cities, the network's self-assessment framework."
)
class KeyFeatureArea(MonitoringNode):
    model = models.KeyFeatureArea
    loader = "area"

    id: relay.NodeID[int]
    number: str = strawberry.field(description="Number of the area, `1.1` to `3.3`.")
    tier: KeyFeatureTierEnum = strawberry.field(description="The tier it belongs to.")
    name: str = strawberry.field(description="Name of the area, as UNESCO words it.")
    description: str = strawberry.field(description="What the area covers, in our words.")
    source_url: str = strawberry.field(description="Public page the framework comes from.")
    building_block: BuildingBlockEnum | None = strawberry.field(
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
        return await monitoring_loaders(info).practices_tagged.load(key)


@strawberry.type(
    description="One of the six areas of action of UNESCO's Guidelines for "
    "Building Learning Cities."
)
class GuidelineAreaInfo:
    code: GuidelineAreaEnum = strawberry.field(description="The area, as practices are tagged.")
    name: str = strawberry.field(description="Name of the area, in our words.")
    description: str = strawberry.field(description="What the area covers, in our words.")
    source_url: str = strawberry.field(description="Public page the guidelines come from.")

    @strawberry.field(description="Practices you may see tagged with this guideline area.")
    async def practices(
        self, root: strawberry.Parent[models.GuidelineAreaEntry], info: Info
    ) -> list[PracticeRef]:
        key = (TagFacet.GUIDELINE_AREA, root.code.value)
        return await monitoring_loaders(info).practices_tagged.load(key)

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.GuidelineAreaEntry))


@strawberry.type(description="A measure the secretariat asks member cities to report.")
class Indicator(MonitoringNode):
    model = models.Indicator
    loader = "indicator"

    id: relay.NodeID[int]
    slug: str = strawberry.field(description="Identifier used in report inputs.")
    name: str = strawberry.field(description="Short name.")
    description: str = strawberry.field(description="What is measured, and how.")
    unit: str = strawberry.field(description="Unit of the values, e.g. `% of adults`.")
    direction: IndicatorDirectionEnum = strawberry.field(description="Which way is better.")
    guideline_area: GuidelineAreaEnum | None = strawberry.field(
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
        return await monitoring_loaders(info).area.load(root.key_feature_area_id)


@strawberry.type(description="A reporting round of biennial progress reports.")
class ReportingCycle(MonitoringNode):
    model = models.ReportingCycle
    loader = "cycle"

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
    def state(self, root: strawberry.Parent[models.ReportingCycle], info: Info) -> CycleStateEnum:
        return cycle_state(root, clock_of(info).today())

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
        return await monitoring_loaders(info).area.load(root.area_id)

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
        return await monitoring_loaders(info).indicator.load(root.indicator_id)

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.IndicatorValue))


@strawberry.type(description="Where a city stands in one guideline area, and what comes next.")
class RoadmapEntry:
    guideline_area: GuidelineAreaEnum = strawberry.field(description="The guideline area.")
    stage: RoadmapStageEnum = strawberry.field(description="How far the city has come.")
    next_steps: str | None = strawberry.field(description="What the city will do next.")

    @classmethod
    def is_type_of(cls, obj: object, _info: object) -> bool:
        return isinstance(obj, (cls, models.RoadmapEntry))


@strawberry.type(
    description="A city's biennial progress report for one reporting cycle. "
    "Anyone reads accepted reports their city made public; a city reads its own; "
    "the secretariat reads all."
)
class ProgressReport(MonitoringNode):
    model = models.ProgressReport
    loader = "report"

    id: relay.NodeID[int]
    status: ReportStatusEnum = strawberry.field(description="Where it is in its life cycle.")
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
        return await monitoring_loaders(info).cycle.load(root.cycle_id)

    @strawberry.field(description="Self-assessment per Key Features area, in framework order.")
    async def ratings(
        self, root: strawberry.Parent[models.ProgressReport], info: Info
    ) -> list[AreaRating]:
        return await monitoring_loaders(info).ratings_of_report.load(root.id)

    @strawberry.field(description="Indicator values given.")
    async def indicator_values(
        self, root: strawberry.Parent[models.ProgressReport], info: Info
    ) -> list[IndicatorValue]:
        return await monitoring_loaders(info).values_of_report.load(root.id)

    @strawberry.field(description="Roadmap per guideline area.")
    async def roadmap(
        self, root: strawberry.Parent[models.ProgressReport], info: Info
    ) -> list[RoadmapEntry]:
        return await monitoring_loaders(info).roadmap_of_report.load(root.id)

    @strawberry.field(description="The city's practices cited as evidence (those you may see).")
    async def evidence(
        self, root: strawberry.Parent[models.ProgressReport], info: Info
    ) -> list[PracticeRef]:
        return await monitoring_loaders(info).evidence_of_report.load(root.id)

    @strawberry.field(
        description="An SVG radar chart of its ratings against the region's and the network's "
        "medians. Anonymous readers get it for public reports only; send your token otherwise."
    )
    def chart_url(self, root: strawberry.Parent[models.ProgressReport]) -> str:
        return f"/charts/progress-reports/{root.id}.svg"


@strawberry.type(description="A member city's standing in one reporting cycle.")
class CityStanding:
    standing: StandingEnum = strawberry.field(
        description="Not due, due, submitted, accepted or overdue."
    )
    expectation: ExpectationEnum = strawberry.field(
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
        return await monitoring_loaders(info).cycle.load(self.cycle_id)

    @strawberry.field(description="The city's report in the cycle, when there is one.")
    async def report(self, info: Info) -> ProgressReport | None:
        if self.report_id is None:
            return None
        return await monitoring_loaders(info).report.load(self.report_id)


@strawberry.type(description="How many cities of a region are in each standing.")
class RegionCoverage:
    region: Region = strawberry.field(description="The UNESCO region.")
    standing: StandingEnum = strawberry.field(description="The standing counted.")
    city_count: int = strawberry.field(description="Number of member cities.")


@strawberry.type(description="Median and quartiles of one group, or why they are withheld.")
class GroupSummary:
    group: BenchmarkGroupEnum = strawberry.field(description="Who is compared.")
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
        indicators = await monitoring_loaders(info).indicator.load_many([k for k, _, _ in figures])
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
