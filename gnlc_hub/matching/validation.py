"""What a peer-matching request may ask, and the problems of one that cannot be answered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gnlc_hub.cities.models import CityProfile
from gnlc_hub.cities.validation import MAX_POPULATION
from gnlc_hub.core import validation
from gnlc_hub.core.errors import DomainError, ErrorCode, Problem
from gnlc_hub.core.vocabularies import RegionCode, language_problems
from gnlc_hub.matching.need import MAX_NEED_LENGTH, NeedSource
from gnlc_hub.matching.scoring import CityFacts

MAX_MATCHES = 50
MAX_MIN_PRACTICES = 1000


@dataclass(frozen=True)
class MatchFilter:
    """Which cities may be proposed; AND across fields, OR within a list."""

    regions: Sequence[RegionCode] = ()
    # Working languages of the city profile (ISO 639-1); cities without languages are left out.
    languages: Sequence[str] = ()
    # Population band of the city profile; cities without a population are left out.
    population_min: int | None = None
    population_max: int | None = None
    exclude_allies: bool = False
    min_published_practices: int = 0

    @property
    def narrows(self) -> bool:
        return bool(
            self.regions
            or self.languages
            or self.population_min is not None
            or self.population_max is not None
            or self.exclude_allies
            or self.min_published_practices > 1
        )


@dataclass(frozen=True)
class MatchRequest:
    """A need (free text), or a city whose profile is read, or both."""

    city_id: int | None = None
    need: str | None = None
    filter: MatchFilter = field(default_factory=MatchFilter)
    first: int = 10


def filter_problems(criteria: MatchFilter, city_id: int | None) -> list[Problem]:
    def where(name: str) -> list[str]:
        return ["filter", name]

    problems = language_problems(criteria.languages, where("languages"))
    for name, value in (
        ("populationMin", criteria.population_min),
        ("populationMax", criteria.population_max),
    ):
        if value is not None and not 0 <= value <= MAX_POPULATION:
            problems.append(
                Problem(f"{name} must be between 0 and {MAX_POPULATION}.", field=where(name))
            )
    low, high = criteria.population_min, criteria.population_max
    if low is not None and high is not None and low > high:
        problems.append(
            Problem("populationMin is above populationMax.", field=where("populationMin"))
        )
    if not 0 <= criteria.min_published_practices <= MAX_MIN_PRACTICES:
        problems.append(
            Problem(
                f"minPublishedPractices must be between 0 and {MAX_MIN_PRACTICES}.",
                field=where("minPublishedPractices"),
            )
        )
    if criteria.exclude_allies and city_id is None:
        problems.append(
            Problem(
                "excludeAllies needs a cityId: allies of which city?", field=where("excludeAllies")
            )
        )
    return problems


def request_problems(request: MatchRequest) -> list[Problem]:
    problems = filter_problems(request.filter, request.city_id)
    if request.need is not None and len(request.need) > MAX_NEED_LENGTH:
        problems.append(
            Problem(
                f"need must be at most {MAX_NEED_LENGTH} characters (got {len(request.need)}); "
                "describe the main problem in a few sentences.",
                field=["need"],
            )
        )
    elif request.need is not None and validation.unstorable(request.need):
        problems.append(Problem("need contains characters that cannot be read.", field=["need"]))
    if not 1 <= request.first <= MAX_MATCHES:
        problems.append(Problem(f"first must be between 1 and {MAX_MATCHES}.", field=["first"]))
    return problems


def need_parts(
    request: MatchRequest, city: CityFacts | None, profile: CityProfile | None
) -> tuple[list[str], NeedSource]:
    """The words to match on: the need given, or else the asking city's profile."""
    if request.need is not None and request.need.strip():
        return [request.need], NeedSource.GIVEN
    if city is None:
        raise DomainError.single(
            "Describe a need, or give a cityId whose profile lists priorities or challenges.",
            ErrorCode.REQUIRED,
            ["need"],
        )
    parts = [*(profile.priorities if profile else ()), (profile.challenges if profile else None)]
    parts = [part for part in parts if part and part.strip()]
    if not parts:
        raise DomainError.single(
            f"{city.name}'s profile has no priorities or challenges yet: describe a need, or "
            "fill in the profile (updateCityProfile).",
            ErrorCode.REQUIRED,
            ["need"],
        )
    return parts, NeedSource.CITY_PROFILE
