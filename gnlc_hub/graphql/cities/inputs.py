"""Inputs of city fields: list filter and order, and the record and profile mutations."""

from __future__ import annotations

import strawberry
from strawberry import UNSET, relay

from gnlc_hub.cities import validation
from gnlc_hub.cities.queries import CityCriteria
from gnlc_hub.graphql.cities.enums import CityOrderField
from gnlc_hub.graphql.core.enums import OrderDirection
from gnlc_hub.graphql.network.enums import Region


@strawberry.input(
    description="Changes to a city profile: omitted fields stay as they are, null clears one."
)
class UpdateCityProfileInput:
    city_id: relay.GlobalID | None = strawberry.field(
        default=None, description="The city; defaults to the city you edit."
    )
    population: int | None = strawberry.field(
        default=strawberry.UNSET, description="Number of inhabitants (1 to 40 000 000)."
    )
    languages: list[str] | None = strawberry.field(
        default=strawberry.UNSET,
        description="Working languages as ISO 639-1 codes, e.g. `en`, `fr` (at most 20).",
    )
    priorities: list[str] | None = strawberry.field(
        default=strawberry.UNSET,
        description="Learning priorities in a few words each, e.g. `refugee integration` (at "
        "most 20, 120 characters each). Peer matching reads them when no need is given.",
    )
    challenges: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Challenges the city wants help with, in plain words (at most 4000 "
        "characters).",
    )
    latitude: float | None = strawberry.field(
        default=strawberry.UNSET,
        description="Latitude (-90 to 90), sent together with longitude; overrides open data.",
    )
    longitude: float | None = strawberry.field(
        default=strawberry.UNSET,
        description="Longitude (-180 to 180), sent together with latitude.",
    )
    time_zone: str | None = strawberry.field(
        default=strawberry.UNSET, description="IANA time zone name, e.g. `Europe/Paris`."
    )


@strawberry.input(
    description="Fields of a city's membership record. In updates, fields you leave out stay "
    "as they are and null clears an optional field."
)
class CityFields:
    name: str | None = strawberry.field(
        default=UNSET,
        description=f"Name as commonly written in English (required; at most "
        f"{validation.NAME_MAX} chars).",
    )
    country_code: str | None = strawberry.field(
        default=UNSET,
        description="ISO 3166-1 alpha-2 code of a country in the `countries` list (required).",
    )
    admitted_year: int | None = strawberry.field(
        default=UNSET,
        description=f"Year the city joined ({validation.FIRST_ADMISSION_YEAR} to next year).",
    )
    source_url: str | None = strawberry.field(
        default=UNSET, description="Public http(s) page documenting the membership."
    )


@strawberry.input(description="A city joining the network.")
class CreateCityInput(CityFields):
    slug: str | None = strawberry.field(
        default=None,
        description="Identifier for URLs; derived from the name when left out. It cannot "
        "change later.",
    )


@strawberry.input(description="Corrections to a city's record, made on the version you read.")
class UpdateCityInput(CityFields):
    id: relay.GlobalID = strawberry.field(description="The city.")
    version: int = strawberry.field(
        description="The `version` you read; if it changed since, the update is refused with "
        "CONFLICT."
    )


@strawberry.input(description="Filters on cities: AND across fields, OR within a list.")
class CityFilter:
    slugs: list[str] | None = strawberry.field(default=None, description="These cities only.")
    regions: list[Region] | None = strawberry.field(default=None, description="UNESCO regions.")
    countries: list[str] | None = strawberry.field(
        default=None, description="ISO 3166-1 alpha-2 country codes."
    )
    admitted_from: int | None = strawberry.field(
        default=None, description="Admitted in or after this year."
    )
    admitted_to: int | None = strawberry.field(
        default=None, description="Admitted in or before this year."
    )
    clusters: list[str] | None = strawberry.field(
        default=None, description="Slugs of thematic clusters the city takes part in."
    )
    award_years: list[int] | None = strawberry.field(
        default=None, description="Years in which the city received a Learning City Award."
    )
    name_prefix: str | None = strawberry.field(
        default=None, description="Start of the name; case- and accent-insensitive."
    )
    include_examples: bool = strawberry.field(
        default=True, description="Include illustrative (isExample) cities."
    )

    def to_criteria(self) -> CityCriteria:
        return CityCriteria(
            slugs=self.slugs or (),
            regions=self.regions or (),
            countries=self.countries or (),
            admitted_from=self.admitted_from,
            admitted_to=self.admitted_to,
            clusters=self.clusters or (),
            award_years=self.award_years or (),
            name_prefix=self.name_prefix,
            include_examples=self.include_examples,
        )


@strawberry.input(description="Ordering of cities.")
class CityOrder:
    field: CityOrderField = strawberry.field(
        default=CityOrderField.NAME, description="What to order by."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Ascending or descending."
    )
