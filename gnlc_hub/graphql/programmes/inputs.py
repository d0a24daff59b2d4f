"""Inputs of programmes: the list filter and the catalogue and enrolment mutations."""

from __future__ import annotations

import strawberry
from strawberry import UNSET, relay

from gnlc_hub.graphql.programmes.enums import Modality
from gnlc_hub.programmes import validation
from gnlc_hub.programmes.queries import ProgrammeCriteria


@strawberry.input(description="Enrol a city in a programme.")
class EnrolInProgrammeInput:
    programme_id: relay.GlobalID = strawberry.field(description="The programme.")
    city_id: relay.GlobalID | None = strawberry.field(
        default=None,
        description="The city to enrol; defaults to the city you edit (the secretariat names it).",
    )


@strawberry.input(description="Withdraw a city's enrolment, freeing its seat.")
class WithdrawEnrolmentInput:
    programme_id: relay.GlobalID = strawberry.field(description="The programme.")
    city_id: relay.GlobalID | None = strawberry.field(
        default=None,
        description="The enrolled city; defaults to the city you edit (the secretariat names it).",
    )


@strawberry.input(
    description="Fields of a programme. In updates, fields you leave out stay as they are and "
    "null clears an optional field."
)
class ProgrammeFields:
    title: str | None = strawberry.field(
        default=UNSET, description=f"Title (required; at most {validation.TITLE_MAX} chars)."
    )
    organizer: str | None = strawberry.field(default=UNSET, description="Who runs it.")
    modality: Modality | None = strawberry.field(
        default=UNSET, description="Online, in person or hybrid (required)."
    )
    starts_on: str | None = strawberry.field(
        default=UNSET, description="First day: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."
    )
    ends_on: str | None = strawberry.field(
        default=UNSET,
        description="Last day, not before the first: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.",
    )
    audience: str | None = strawberry.field(default=UNSET, description="Who it is for.")
    themes: list[str] | None = strawberry.field(
        default=UNSET,
        description=f"Topics covered (at most {validation.THEMES_MAX}, "
        f"{validation.THEME_MAX} chars each).",
    )
    summary: str | None = strawberry.field(default=UNSET, description="What it offers.")
    source_url: str | None = strawberry.field(
        default=UNSET, description="Public http(s) page documenting it."
    )
    seats: int | None = strawberry.field(
        default=UNSET,
        description="Places for cities; null for unlimited. Not fewer than the cities "
        "already enrolled.",
    )
    enrolment_deadline: str | None = strawberry.field(
        default=UNSET, description="Last day to enrol, `YYYY-MM-DD`."
    )
    host_city_ids: list[relay.GlobalID] | None = strawberry.field(
        default=UNSET, description="Member cities that organise or host it."
    )


@strawberry.input(description="A new programme in the catalogue.")
class CreateProgrammeInput(ProgrammeFields):
    slug: str | None = strawberry.field(
        default=None,
        description="Identifier for URLs; derived from the title when left out. It cannot "
        "change later.",
    )


@strawberry.input(description="Changes to a programme, made on the version you read.")
class UpdateProgrammeInput(ProgrammeFields):
    id: relay.GlobalID = strawberry.field(description="The programme.")
    version: int = strawberry.field(
        description="The `version` you read; if it changed since, the update is refused with "
        "CONFLICT."
    )


@strawberry.input(description="Filters on programmes: AND across fields, OR within a list.")
class ProgrammeFilter:
    modalities: list[Modality] | None = strawberry.field(
        default=None, description="Delivery modes."
    )
    hosts: list[str] | None = strawberry.field(
        default=None, description="Slugs of organising or hosting cities."
    )
    year_from: int | None = strawberry.field(default=None, description="Starting in or after.")
    year_to: int | None = strawberry.field(default=None, description="Starting in or before.")
    include_examples: bool = strawberry.field(
        default=True, description="Include illustrative (isExample) programmes."
    )

    def to_criteria(self) -> ProgrammeCriteria:
        return ProgrammeCriteria(
            modalities=self.modalities or (),
            hosts=self.hosts or (),
            year_from=self.year_from,
            year_to=self.year_to,
            include_examples=self.include_examples,
        )
