"""Reading the map: learning places, and cities or places inside a box or within a radius.

The spatial index is a B-tree on (latitude, longitude) on both backends: a query reads the rows of
the bounding box (a latitude range scan; longitudes, split in two at the antimeridian, checked on
those rows) and keeps those truly within the radius by exact great-circle distance in Python. The
same statement and the same arithmetic run on SQLite and PostgreSQL, so both answer alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, and_, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.core.geo import BoundingBox, GeoPoint, box_around, distance_km
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.network.models import Country, Region
from gnlc_hub.places.enums import PlaceKind
from gnlc_hub.places.models import LearningPlace

T = TypeVar("T")

PLACE_SORT_KEY = (LearningPlace.is_example, LearningPlace.name, LearningPlace.id)


@dataclass(frozen=True)
class PlaceCriteria:
    """Which learning places: AND across fields, OR within a list."""

    cities: Sequence[str] = ()
    kinds: Sequence[PlaceKind] = ()
    include_examples: bool = True


@dataclass(frozen=True)
class CityMapCriteria:
    regions: Sequence[RegionCode] = ()
    include_examples: bool = True


@dataclass(frozen=True)
class OnMap(Generic[T]):
    """A row found on the map, with its distance from the centre of a radius query."""

    row: T
    point: GeoPoint
    distance_km: float | None = None


def in_box(latitude: Any, longitude: Any, box: BoundingBox) -> ColumnElement[bool]:
    """Rows inside ``box``: one latitude range, one or two longitude ranges."""
    return and_(
        latitude.between(box.south, box.north),
        or_(*(longitude.between(r.west, r.east) for r in box.longitude_ranges())),
    )


def place_conditions(criteria: PlaceCriteria) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.cities:
        conditions.append(
            LearningPlace.city_id.in_(select(City.id).where(City.slug.in_(criteria.cities)))
        )
    if criteria.kinds:
        conditions.append(LearningPlace.kind.in_(list(criteria.kinds)))
    if not criteria.include_examples:
        conditions.append(LearningPlace.is_example.is_(False))
    return conditions


def select_places(criteria: PlaceCriteria) -> Select[tuple[LearningPlace]]:
    """Learning places matching ``criteria``."""
    return select(LearningPlace).where(and_(true(), *place_conditions(criteria)))


def _city_statement(criteria: CityMapCriteria) -> Select[Any]:
    statement = select(City, CityProfile.latitude, CityProfile.longitude).join(
        CityProfile, CityProfile.city_id == City.id
    )
    if criteria.regions:
        statement = (
            statement.join(Country, Country.id == City.country_id)
            .join(Region, Region.id == Country.region_id)
            .where(Region.code.in_(list(criteria.regions)))
        )
    if not criteria.include_examples:
        statement = statement.where(City.is_example.is_(False))
    return statement


def _place_statement(criteria: PlaceCriteria) -> Select[Any]:
    return select(LearningPlace, LearningPlace.latitude, LearningPlace.longitude).where(
        *place_conditions(criteria)
    )


async def _found(
    session: AsyncSession,
    statement: Select[Any],
    latitude: Any,
    longitude: Any,
    box: BoundingBox,
) -> list[OnMap[Any]]:
    rows = await session.execute(statement.where(in_box(latitude, longitude, box)))
    return [OnMap(row, GeoPoint(lat, lon)) for row, lat, lon in rows]


def _nearest(found: list[OnMap[Any]], centre: GeoPoint, radius_km: float, first: int) -> list:
    within = []
    for item in found:
        distance = distance_km(centre, item.point)
        if distance <= radius_km:
            within.append(OnMap(item.row, item.point, round(distance, 3)))
    within.sort(key=lambda item: (item.distance_km, item.row.name, item.row.id))
    return within[:first]


async def cities_near(
    session: AsyncSession,
    centre: GeoPoint,
    radius_km: float,
    *,
    first: int,
    criteria: CityMapCriteria = CityMapCriteria(),
) -> list[OnMap[City]]:
    """Located member cities within ``radius_km`` of ``centre``, nearest first."""
    found = await _found(
        session,
        _city_statement(criteria),
        CityProfile.latitude,
        CityProfile.longitude,
        box_around(centre, radius_km),
    )
    return _nearest(found, centre, radius_km, first)


async def cities_in_box(
    session: AsyncSession,
    box: BoundingBox,
    *,
    first: int,
    criteria: CityMapCriteria = CityMapCriteria(),
) -> list[OnMap[City]]:
    """Located member cities inside ``box``, by name."""
    statement = _city_statement(criteria).order_by(City.sort_name, City.id).limit(first)
    return await _found(session, statement, CityProfile.latitude, CityProfile.longitude, box)


async def places_near(
    session: AsyncSession,
    centre: GeoPoint,
    radius_km: float,
    *,
    first: int,
    criteria: PlaceCriteria = PlaceCriteria(),
) -> list[OnMap[LearningPlace]]:
    """Located learning places within ``radius_km`` of ``centre``, nearest first."""
    found = await _found(
        session,
        _place_statement(criteria),
        LearningPlace.latitude,
        LearningPlace.longitude,
        box_around(centre, radius_km),
    )
    return _nearest(found, centre, radius_km, first)


async def places_in_box(
    session: AsyncSession,
    box: BoundingBox,
    *,
    first: int,
    criteria: PlaceCriteria = PlaceCriteria(),
) -> list[OnMap[LearningPlace]]:
    """Located learning places inside ``box``, real ones first, then by name."""
    statement = _place_statement(criteria).order_by(*PLACE_SORT_KEY).limit(first)
    return await _found(session, statement, LearningPlace.latitude, LearningPlace.longitude, box)
