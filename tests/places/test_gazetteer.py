"""Locating member cities in a gazetteer: name (alternate names, folded) and country, no guesses."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.enums import ProfileFact, edited_source
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.network.models import Country
from gnlc_hub.places.gazetteer import Gazetteer, Located, NotLocated, Precision
from gnlc_hub.places.profiles import apply_open_data
from gnlc_hub.seeding.files import SEEDS_DIR


def record(gid: int, name: str, country: str, lat: float, lon: float, pop: int, *alt: str) -> dict:
    return {
        "geonameid": gid,
        "name": name,
        "countrycode": country,
        "latitude": lat,
        "longitude": lon,
        "population": pop,
        "timezone": "Etc/UTC",
        "alternatenames": list(alt),
    }


GAZETTEER = Gazetteer.from_records(
    [
        record(1, "Medellín", "CO", 6.25, -75.56, 2_500_000, "Medellin"),
        record(2, "Xi’an", "CN", 34.26, 108.93, 9_600_000, "Sian"),
        record(3, "Springfield", "US", 39.8, -89.6, 114_000),
        record(4, "Springfield", "US", 42.1, -72.6, 155_000),
        record(5, "Busan", "KR", 35.1, 129.04, 3_400_000, "Pusan"),
        record(6, "Kilifi", "KE", -3.63, 39.85, 74_000),
        record(7, "Lagos", "PT", 37.1, -8.67, 22_000),
        record(8, "Lagos", "NG", 6.45, 3.39, 9_000_000),
        record(9, "Tehran", "IR", 35.69, 51.42, 7_150_000),
        record(10, "Tīrān", "IR", 32.7, 51.15, 21_000, "Tehran"),
        record(11, "Kashan", "IR", 33.98, 51.43, 304_000),
        record(12, "Kāshān", "IR", 33.99, 51.44, 304_000, "Kashan"),
    ]
)


def located(name: str, country: str) -> Located:
    outcome = GAZETTEER.locate(name, country)
    assert isinstance(outcome, Located), outcome
    return outcome


def test_names_match_with_accents_case_and_punctuation_folded() -> None:
    assert located("medellin", "CO").place.geonameid == 1
    assert located("Xian", "CN").place.geonameid == 2
    assert located("Pusan", "KR").place.geonameid == 5  # an alternate name


def test_the_country_must_match_too() -> None:
    assert isinstance(GAZETTEER.locate("Medellín", "ES"), NotLocated)
    assert located("Lagos", "NG").place.geonameid == 8
    assert located("Lagos", "PT").place.geonameid == 7


def test_places_of_one_name_and_similar_size_are_ambiguous_not_guessed() -> None:
    outcome = GAZETTEER.locate("Springfield", "US")
    assert isinstance(outcome, NotLocated)
    assert {p.geonameid for p in outcome.candidates} == {3, 4}


def test_a_far_larger_namesake_wins_and_duplicates_count_once() -> None:
    assert located("Tehran", "IR").place.geonameid == 9
    assert located("Kashan", "IR").place.name in {"Kashan", "Kāshān"}


def test_administrative_suffixes_give_a_point_but_no_population() -> None:
    outcome = located("Kilifi County", "KE")
    assert outcome.precision is Precision.SEAT
    assert "point only" in outcome.source


def test_a_district_without_its_own_entry_takes_its_parent_city_point() -> None:
    outcome = located("Saha-gu (Busan)", "KR")
    assert (outcome.precision, outcome.place.geonameid) == (Precision.PARENT, 5)


async def _seeded(session: AsyncSession) -> tuple[list[City], dict[int, str], dict[int, Any]]:
    cities = list(await session.scalars(select(City).where(City.is_example.is_(False))))
    countries = dict((await session.execute(select(Country.id, Country.iso2))).all())
    profiles = {p.city_id: p for p in await session.scalars(select(CityProfile))}
    return cities, countries, profiles


async def test_the_seeded_network_is_located_from_the_packaged_gazetteer(
    session: AsyncSession,
) -> None:
    cities, countries, profiles = await _seeded(session)
    report = apply_open_data(cities, countries, profiles)
    assert len(cities) == 362
    # Measured: 313 of 362 (86.5 %); the rest are districts and areas GeoNames' cities lack.
    assert len(report.located) >= 313
    assert report.with_languages == len(cities)
    okayama = profiles[next(c.id for c in cities if c.slug == "okayama")]
    assert okayama.time_zone == "Asia/Tokyo"
    assert okayama.languages == ["ja"]
    assert okayama.population
    assert okayama.population_year is None
    assert okayama.sources[ProfileFact.LOCATION.value].startswith("GeoNames geonameid ")
    assert "CLDR" in okayama.sources[ProfileFact.LANGUAGES.value]


async def test_the_unlocated_cities_are_the_ones_seeds_readme_lists(session: AsyncSession) -> None:
    cities, countries, profiles = await _seeded(session)
    report = apply_open_data(cities, countries, profiles)
    readme = (SEEDS_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Cities open data does not locate", 1)[1].split("\n## ", 1)[0]
    listed = {line.split("`")[1] for line in section.splitlines() if line.startswith("- `")}
    assert listed == set(report.not_located)


async def test_values_an_editor_set_survive_reseeding(session: AsyncSession) -> None:
    cities, countries, profiles = await _seeded(session)
    okayama = next(c for c in cities if c.slug == "okayama")
    profile = profiles[okayama.id]
    profile.population = 123
    profile.sources = {**profile.sources, "POPULATION": edited_source("secretariat")}
    apply_open_data([okayama], countries, profiles)
    assert profile.population == 123
    assert profile.sources["POPULATION"] == "edited by secretariat"
