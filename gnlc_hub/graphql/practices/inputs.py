"""Inputs of practices: tag filters shared with search, list order, and the mutations."""

from __future__ import annotations

import strawberry
from strawberry import UNSET, relay

from gnlc_hub.graphql.core.enums import OrderDirection
from gnlc_hub.graphql.network.enums import Region
from gnlc_hub.graphql.practices.enums import (
    BuildingBlock,
    GuidelineArea,
    PracticeOrderField,
    PracticeStatus,
    TargetGroup,
)
from gnlc_hub.practices import actions, validation
from gnlc_hub.practices.queries import PracticeCriteria


@strawberry.input(
    description="Fields of a practice. In updates, fields you leave out stay as they are and "
    "null clears an optional field."
)
class PracticeFields:
    title: str | None = strawberry.field(
        default=UNSET, description=f"Short title (required; at most {validation.TITLE_MAX} chars)."
    )
    summary: str | None = strawberry.field(
        default=UNSET,
        description=f"One or two sentences (required; at most {validation.SUMMARY_MAX} chars).",
    )
    body: str | None = strawberry.field(
        default=UNSET,
        description=f"The case study, plain text (required; at most {validation.BODY_MAX} chars).",
    )
    period: str | None = strawberry.field(
        default=UNSET, description="When it ran, in words, e.g. `2005–2016`."
    )
    year_start: int | None = strawberry.field(
        default=UNSET, description=f"First year ({validation.YEAR_MIN}–{validation.YEAR_MAX})."
    )
    year_end: int | None = strawberry.field(
        default=UNSET, description="Last year; not before yearStart. Null while it runs."
    )
    language: str | None = strawberry.field(
        default=UNSET, description="Language of the text, ISO 639-1 (default `en`)."
    )
    keywords: list[str] | None = strawberry.field(
        default=UNSET,
        description=f"Free search keywords (at most {validation.KEYWORDS_MAX}, "
        f"{validation.KEYWORD_MAX} chars each).",
    )
    source_url: str | None = strawberry.field(
        default=UNSET, description="Public http(s) page the facts come from."
    )
    source_citation: str | None = strawberry.field(
        default=UNSET, description="Citation of a source without a public address."
    )
    themes: list[str] | None = strawberry.field(
        default=UNSET, description="Theme slugs from the `themes` vocabulary."
    )
    sdgs: list[int] | None = strawberry.field(
        default=UNSET, description="Sustainable Development Goals, 1–17."
    )
    building_blocks: list[BuildingBlock] | None = strawberry.field(
        default=UNSET, description="Key Features building blocks."
    )
    guideline_areas: list[GuidelineArea] | None = strawberry.field(
        default=UNSET, description="Guideline areas."
    )
    target_groups: list[TargetGroup] | None = strawberry.field(
        default=UNSET, description="People it is meant to reach."
    )


@strawberry.input(
    description="A new practice; it starts as a DRAFT only its city and the secretariat can see."
)
class CreatePracticeInput(PracticeFields):
    city_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The city; defaults to the city you edit."
    )
    slug: str | None = strawberry.field(
        default=None,
        description="Identifier for URLs; derived from the city and title when left out. "
        "It cannot change later.",
    )


@strawberry.input(description="Changes to a practice, made on the version you read.")
class UpdatePracticeInput(PracticeFields):
    id: relay.GlobalID = strawberry.field(description="The practice.")
    version: int = strawberry.field(
        description="The `version` you read; if it changed since, the update is refused with "
        "CONFLICT."
    )


@strawberry.input(description="One step of a practice's review, made on the version you read.")
class PracticeStepInput:
    id: relay.GlobalID = strawberry.field(description="The practice.")
    version: int = strawberry.field(
        description="The `version` you read; if it changed since, the step is refused with "
        "CONFLICT."
    )
    note: str | None = strawberry.field(
        default=None,
        description=f"A note for the record and the city (at most {actions.NOTE_MAX} chars).",
    )


@strawberry.input(description="Where a practice comes from and how it is tagged.")
class PracticeTagFilterFields:
    """Fields shared by the list filter and the search filter, so both read alike."""

    cities: list[str] | None = strawberry.field(default=None, description="City slugs.")
    regions: list[Region] | None = strawberry.field(default=None, description="UNESCO regions.")
    countries: list[str] | None = strawberry.field(
        default=None, description="ISO 3166-1 alpha-2 country codes."
    )
    themes: list[str] | None = strawberry.field(default=None, description="Theme slugs.")
    sdgs: list[int] | None = strawberry.field(default=None, description="SDG numbers (1–17).")
    building_blocks: list[BuildingBlock] | None = strawberry.field(
        default=None, description="Key Features building blocks."
    )
    guideline_areas: list[GuidelineArea] | None = strawberry.field(
        default=None, description="Guideline areas."
    )
    target_groups: list[TargetGroup] | None = strawberry.field(
        default=None, description="Target groups."
    )


@strawberry.input(description="Filters on practices: AND across fields, OR within a list.")
class PracticeFilter(PracticeTagFilterFields):
    statuses: list[PracticeStatus] | None = strawberry.field(
        default=None,
        description="Curation states; anonymous readers only ever see PUBLISHED practices.",
    )
    year_from: int | None = strawberry.field(
        default=None, description="Still running in or after this year."
    )
    year_to: int | None = strawberry.field(
        default=None, description="Started in or before this year."
    )
    include_examples: bool = strawberry.field(
        default=True, description="Include illustrative (isExample) practices."
    )

    def to_criteria(self) -> PracticeCriteria:
        return PracticeCriteria(
            cities=self.cities or (),
            regions=self.regions or (),
            countries=self.countries or (),
            themes=self.themes or (),
            sdgs=self.sdgs or (),
            building_blocks=self.building_blocks or (),
            guideline_areas=self.guideline_areas or (),
            target_groups=self.target_groups or (),
            statuses=[PracticeStatus(s) for s in self.statuses or ()],
            year_from=self.year_from,
            year_to=self.year_to,
            include_examples=self.include_examples,
        )


@strawberry.input(description="Ordering of practices.")
class PracticeOrder:
    field: PracticeOrderField = strawberry.field(
        default=PracticeOrderField.TITLE, description="What to order by."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Ascending or descending."
    )
