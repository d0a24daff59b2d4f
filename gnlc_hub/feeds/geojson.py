"""GeoJSON feeds of the network (`/geo/cities.geojson`, `/geo/places.geojson`) for web maps such as
Leaflet or MapLibre: built with geojson-pydantic, so every feature is valid GeoJSON (RFC 7946:
longitude first)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from geojson_pydantic import Feature, FeatureCollection, Point
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.feeds.params import Reader
from gnlc_hub.network.models import Award, Country, Region
from gnlc_hub.places import queries
from gnlc_hub.places.enums import PlaceKind
from gnlc_hub.places.models import LearningPlace
from gnlc_hub.places.queries import CityMapCriteria, OnMap, PlaceCriteria

FEED_LIMIT = 20_000  # above the whole network; bounds one answer

CITY_PARAMETERS = frozenset({"region", "bbox", "near", "radiusKm", "includeExamples"})
PLACE_PARAMETERS = frozenset({"city", "kind", "bbox", "near", "radiusKm", "includeExamples"})


def _feature(found: OnMap[Any], properties: dict[str, Any]) -> Feature:
    if found.distance_km is not None:
        properties["distanceKm"] = found.distance_km
    return Feature(
        type="Feature",
        id=properties["slug"],
        geometry=Point(type="Point", coordinates=(found.point.longitude, found.point.latitude)),
        properties=properties,
    )


async def _located(session: AsyncSession, reader: Reader, near_fn: Any, box_fn: Any, criteria: Any):
    box, near = reader.area()
    reader.done()
    if near is not None:
        centre, radius = near
        return await near_fn(session, centre, radius, first=FEED_LIMIT, criteria=criteria)
    return await box_fn(session, box, first=FEED_LIMIT, criteria=criteria)


async def _city_context(
    session: AsyncSession, city_ids: Sequence[int]
) -> tuple[dict[int, tuple[str, str]], dict[int, list[int]], dict[int, CityProfile]]:
    """Country and region, award years and profile of each city, in three statements."""
    places = {
        city_id: (iso2, region.value)
        for city_id, iso2, region in await session.execute(
            select(City.id, Country.iso2, Region.code)
            .join(Country, Country.id == City.country_id)
            .join(Region, Region.id == Country.region_id)
            .where(City.id.in_(city_ids))
        )
    }
    awards: dict[int, list[int]] = defaultdict(list)
    for city_id, year in await session.execute(
        select(Award.city_id, Award.year).where(Award.city_id.in_(city_ids)).order_by(Award.year)
    ):
        awards[city_id].append(year)
    profiles = {
        p.city_id: p
        for p in await session.scalars(select(CityProfile).where(CityProfile.city_id.in_(city_ids)))
    }
    return places, awards, profiles


async def cities_feed(session: AsyncSession, reader: Reader) -> FeatureCollection:
    criteria = CityMapCriteria(
        regions=reader.members("region", RegionCode),
        include_examples=reader.flag("includeExamples", True),
    )
    found = await _located(session, reader, queries.cities_near, queries.cities_in_box, criteria)
    places, awards, profiles = await _city_context(session, [f.row.id for f in found])
    features = []
    for item in found:
        city: City = item.row
        profile = profiles.get(city.id)
        country, region = places[city.id]
        features.append(
            _feature(
                item,
                {
                    "slug": city.slug,
                    "name": city.name,
                    "country": country,
                    "region": region,
                    "admittedYear": city.admitted_year,
                    "awardYears": awards.get(city.id, []),
                    "population": profile.population if profile else None,
                    "timeZone": profile.time_zone if profile else None,
                    "sources": dict(profile.sources or {}) if profile else {},
                    "isExample": city.is_example,
                },
            )
        )
    return FeatureCollection(type="FeatureCollection", features=features)


async def places_feed(session: AsyncSession, reader: Reader) -> FeatureCollection:
    criteria = PlaceCriteria(
        cities=reader.strings("city"),
        kinds=reader.members("kind", PlaceKind),
        include_examples=reader.flag("includeExamples", True),
    )
    found = await _located(session, reader, queries.places_near, queries.places_in_box, criteria)
    statement = select(City.id, City.slug).where(City.id.in_({f.row.city_id for f in found}))
    slugs = dict((await session.execute(statement)).all())
    features = []
    for item in found:
        place: LearningPlace = item.row
        features.append(
            _feature(
                item,
                {
                    "slug": place.slug,
                    "name": place.name,
                    "kind": place.kind.value,
                    "city": slugs[place.city_id],
                    "address": place.address,
                    "targetGroups": list(place.target_groups or ()),
                    "languages": list(place.languages or ()),
                    "opening": place.opening,
                    "isExample": place.is_example,
                },
            )
        )
    return FeatureCollection(type="FeatureCollection", features=features)
