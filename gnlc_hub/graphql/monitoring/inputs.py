"""Inputs of monitoring: report parts, report and indicator mutations, list filters."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry import relay

from gnlc_hub.graphql.monitoring import enums
from gnlc_hub.graphql.network import enums as network_enums
from gnlc_hub.graphql.practices import enums as practice_enums
from gnlc_hub.monitoring import validation as limits
from gnlc_hub.monitoring.enums import ReportStatus, Standing
from gnlc_hub.monitoring.queries import StandingCriteria

UNSET = strawberry.UNSET


@strawberry.input(description="A self-assessment of one Key Features area.")
class AreaRatingInput:
    area: str = strawberry.field(description="Number of the area, `1.1` to `3.3`.")
    rating: int = strawberry.field(
        description=f"From {limits.RATING_MIN} (weak) to {limits.RATING_MAX} (strong)."
    )
    justification: str = strawberry.field(
        description=f"Why (required; at most {limits.JUSTIFICATION_MAX} chars)."
    )

    def to_domain(self) -> limits.Rating:
        return limits.Rating(self.area.strip(), self.rating, self.justification)


@strawberry.input(description="A value for one indicator.")
class IndicatorValueInput:
    indicator: str = strawberry.field(description="Slug of an indicator that is not retired.")
    value: float = strawberry.field(description="The value, in the indicator's unit.")
    year: int = strawberry.field(description="The year it describes (1990 to this year).")
    source: str | None = strawberry.field(
        default=None, description=f"Where it comes from (at most {limits.SOURCE_MAX} chars)."
    )

    def to_domain(self) -> limits.Value:
        return limits.Value(self.indicator.strip(), self.value, self.year, self.source)


@strawberry.input(description="The roadmap of one guideline area.")
class RoadmapEntryInput:
    guideline_area: practice_enums.GuidelineArea = strawberry.field(
        description="The guideline area."
    )
    stage: enums.RoadmapStage = strawberry.field(description="How far the city has come.")
    next_steps: str | None = strawberry.field(
        default=None, description=f"What comes next (at most {limits.NEXT_STEPS_MAX} chars)."
    )

    def to_domain(self) -> limits.Roadmap:
        return limits.Roadmap(self.guideline_area, self.stage, self.next_steps)


@strawberry.input(
    description="Parts of a progress report. In updates, parts you leave out stay as they are; "
    "a list you send replaces the whole list."
)
class ProgressReportFields:
    narrative: str | None = strawberry.field(
        default=UNSET,
        description=f"The city's account (required to submit; at most {limits.NARRATIVE_MAX} "
        "chars).",
    )
    ratings: list[AreaRatingInput] | None = strawberry.field(
        default=UNSET, description="Self-assessment per area (all twelve are needed to submit)."
    )
    indicator_values: list[IndicatorValueInput] | None = strawberry.field(
        default=UNSET, description="Indicator values, one per indicator."
    )
    roadmap: list[RoadmapEntryInput] | None = strawberry.field(
        default=UNSET, description="Roadmap, one entry per guideline area."
    )
    evidence: list[relay.GlobalID] | None = strawberry.field(
        default=UNSET,
        description=f"IDs of the city's practices cited as evidence (at most "
        f"{limits.EVIDENCE_MAX}).",
    )


@strawberry.input(description="A new progress report; it starts as a DRAFT.")
class CreateProgressReportInput(ProgressReportFields):
    cycle_id: relay.GlobalID = strawberry.field(description="The reporting cycle.")
    city_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The reporting city; defaults to the city you edit."
    )


@strawberry.input(description="Changes to a progress report, made on the version you read.")
class UpdateProgressReportInput(ProgressReportFields):
    id: relay.GlobalID = strawberry.field(description="The report.")
    version: int = strawberry.field(
        description="The `version` you read; if it changed since, nothing is written (CONFLICT)."
    )


@strawberry.input(description="One step of a report's review, made on the version you read.")
class ProgressReportStepInput:
    id: relay.GlobalID = strawberry.field(description="The report.")
    version: int = strawberry.field(
        description="The `version` you read; if it changed since, nothing is written (CONFLICT)."
    )
    note: str | None = strawberry.field(
        default=None,
        description=f"A note for the city and the record (required to return; at most "
        f"{limits.NOTE_MAX} chars).",
    )


@strawberry.input(description="The city's choice whether its accepted report is public.")
class SetProgressReportPublicInput:
    id: relay.GlobalID = strawberry.field(description="The report.")
    version: int = strawberry.field(description="The `version` you read.")
    is_public: bool = strawberry.field(description="True to publish, false to withdraw.")


@strawberry.input(description="A new indicator.")
class DefineIndicatorInput:
    name: str = strawberry.field(description=f"Short name (at most {limits.NAME_MAX} chars).")
    description: str = strawberry.field(description="What is measured, and how.")
    unit: str = strawberry.field(description=f"Unit (at most {limits.UNIT_MAX} chars).")
    direction: enums.IndicatorDirection = strawberry.field(description="Which way is better.")
    key_feature_area: str = strawberry.field(description="Number of the area it measures.")
    guideline_area: practice_enums.GuidelineArea | None = strawberry.field(
        default=None, description="The guideline area it also informs."
    )
    slug: str | None = strawberry.field(
        default=None, description="Identifier; derived from the name when left out."
    )
    source_url: str | None = strawberry.field(
        default=None, description="Public page defining the measure."
    )


@strawberry.input(description="An indicator to retire, at the version you read.")
class RetireIndicatorInput:
    id: relay.GlobalID = strawberry.field(description="The indicator.")
    version: int = strawberry.field(description="The `version` you read.")


@strawberry.input(
    description="A new reporting cycle. By default every member admitted in a year before the "
    "cycle opens must report, and members whose admission year is unknown too."
)
class OpenReportingCycleInput:
    name: str = strawberry.field(description="Name, e.g. `2024–2025`.")
    opens_on: date = strawberry.field(description="First day reports can be written.")
    closes_on: date = strawberry.field(description="The deadline (after opensOn).")
    slug: str | None = strawberry.field(
        default=None, description="Identifier; derived from the name when left out."
    )
    include: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Cities to ask as well (e.g. admitted this year)."
    )
    exclude: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Cities exempted from this cycle."
    )


@strawberry.input(description="Reopen a cycle for writing, at the version you read.")
class ReopenReportingCycleInput:
    id: relay.GlobalID = strawberry.field(description="The cycle.")
    version: int = strawberry.field(description="The `version` you read.")
    until: date = strawberry.field(description="Last day of writing; after the deadline.")


@strawberry.input(description="Filters on standings: AND across fields, OR within a list.")
class ReportingStatusFilter:
    regions: list[network_enums.Region] | None = strawberry.field(
        default=None, description="UNESCO regions."
    )
    countries: list[str] | None = strawberry.field(
        default=None, description="ISO 3166-1 alpha-2 country codes."
    )
    standings: list[enums.ReportingStanding] | None = strawberry.field(
        default=None, description="Standings, e.g. `[OVERDUE]`."
    )
    include_examples: bool = strawberry.field(
        default=True, description="Include illustrative (isExample) cities."
    )

    def to_criteria(self) -> StandingCriteria:
        return StandingCriteria(
            regions=self.regions or (),
            countries=self.countries or (),
            standings=[Standing(s) for s in self.standings or ()],
            include_examples=self.include_examples,
        )


@strawberry.input(description="Filters on progress reports.")
class ProgressReportFilter:
    cycle: str | None = strawberry.field(default=None, description="Slug of a reporting cycle.")
    cities: list[str] | None = strawberry.field(default=None, description="City slugs.")
    statuses: list[enums.ProgressReportStatus] | None = strawberry.field(
        default=None, description="Report states; anonymous readers only see ACCEPTED ones."
    )

    def statuses_domain(self) -> list[ReportStatus]:
        return [ReportStatus(s) for s in self.statuses or ()]
