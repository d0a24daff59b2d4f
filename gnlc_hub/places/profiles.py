"""City profiles from open data: points, populations and time zones from the packaged GeoNames
gazetteer, working languages from CLDR (babel). Runs at seed time, from installed packages only,
so every value can be derived again; values an editor set are never overwritten."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata

from babel.core import get_cldr_version
from babel.languages import get_official_languages

from gnlc_hub.cities.enums import ProfileFact, is_edited
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.core.vocabularies import ISO_639_1
from gnlc_hub.places.gazetteer import Located, NotLocated, Precision, packaged_gazetteer
from gnlc_hub.places.links import GazetteerLink, LinkError


def official_languages(country: str) -> list[str]:
    """The country's official languages in CLDR, de jure or de facto (the United States, Mexico
    and Australia have no de jure one), as ISO 639-1 codes (others left out)."""
    return [code for code in get_official_languages(country, de_facto=True) if code in ISO_639_1]


def languages_source(country: str) -> str:
    return (
        f"CLDR {get_cldr_version()} via babel {metadata.version('babel')}: official (de jure or "
        f"de facto) languages of {country}"
    )


@dataclass
class ProfileReport:
    """What open data could say about the member cities (seeds/README.md lists the rest)."""

    located: dict[str, Located] = field(default_factory=dict)
    not_located: dict[str, NotLocated] = field(default_factory=dict)
    with_languages: int = 0
    with_population: int = 0

    @property
    def linked(self) -> int:
        return sum(1 for outcome in self.located.values() if outcome.link is not None)

    @property
    def share_located(self) -> float:
        total = len(self.located) + len(self.not_located)
        return len(self.located) / total if total else 0.0


def _set(profile: CityProfile, fact: ProfileFact, source: str, **values: object) -> None:
    """Write open-data values unless an editor has set this fact; note where they came from."""
    sources = dict(profile.sources or {})
    if is_edited(sources.get(fact.value)):
        return
    for name, value in values.items():
        setattr(profile, name, value)
    sources[fact.value] = source
    profile.sources = sources


def apply_open_data(
    cities: Iterable[City],
    countries: Mapping[int, str],
    profiles: Mapping[int, CityProfile],
    links: Mapping[str, GazetteerLink] | None = None,
) -> ProfileReport:
    """Fill the profiles of ``cities`` (country ISO code by country id) from open data; a
    city with a reviewed link (``seeds/gazetteer_links.csv``) is located by it, once the
    package bears it out (else LinkError), the others by the gazetteer's rules."""
    cities = [city for city in cities if not city.is_example]
    links = links or {}
    by_slug = {city.slug: city for city in cities}
    unknown = sorted(set(links) - set(by_slug))
    if unknown:
        raise LinkError(f"gazetteer_links.csv: unknown member city {', '.join(unknown)}")
    gazetteer = packaged_gazetteer(
        frozenset((c.name, countries[c.country_id]) for c in cities),
        frozenset(
            (link.geonameid, countries[by_slug[slug].country_id]) for slug, link in links.items()
        ),
    )
    report = ProfileReport()
    for city in cities:
        country = countries[city.country_id]
        profile = profiles[city.id]
        link = links.get(city.slug)
        outcome = (
            gazetteer.follow(link, city.name, country)
            if link is not None
            else gazetteer.locate(city.name, country)
        )
        if isinstance(outcome, Located):
            report.located[city.slug] = outcome
            place = outcome.place
            _set(
                profile,
                ProfileFact.LOCATION,
                outcome.source,
                latitude=place.point.latitude,
                longitude=place.point.longitude,
            )
            _set(profile, ProfileFact.TIME_ZONE, outcome.source, time_zone=place.time_zone or None)
            if outcome.precision is Precision.CITY and place.population > 0:
                # GeoNames does not date its population figures: the year stays unknown.
                _set(
                    profile,
                    ProfileFact.POPULATION,
                    outcome.source,
                    population=place.population,
                    population_year=None,
                )
                report.with_population += 1
            elif outcome.precision is not Precision.CITY:
                # A seat's or a parent city's population would mislead "similar size" matching.
                _set(
                    profile,
                    ProfileFact.POPULATION,
                    outcome.population_source,
                    population=None,
                    population_year=None,
                )
        else:
            report.not_located[city.slug] = outcome
        languages = official_languages(country)
        if languages:
            report.with_languages += 1
            _set(profile, ProfileFact.LANGUAGES, languages_source(country), languages=languages)
    return report
