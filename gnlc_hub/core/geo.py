"""Distances and areas on the globe, and the rules for coordinates: the one geometry shared by
the places domain, city profiles, peer matching and the feeds.

Distances are great-circle (haversine) on a sphere of the mean Earth radius, computed in Python
on both backends, so SQLite and PostgreSQL give the same answers to the metre.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import available_timezones

from gnlc_hub.core.errors import Problem

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
MAX_RADIUS_KM = 20_000.0  # about half the circumference: farther than any two points
KM_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_KM / 180


@dataclass(frozen=True)
class GeoPoint:
    latitude: float
    longitude: float


def distance_km(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance between two points."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class LongitudeRange:
    west: float
    east: float


@dataclass(frozen=True)
class BoundingBox:
    """South/west/north/east in degrees. ``west > east`` means the box crosses the antimeridian
    (e.g. Fiji: west 177, east -178), which is kept, not rejected."""

    south: float
    west: float
    north: float
    east: float

    @property
    def crosses_antimeridian(self) -> bool:
        return self.west > self.east

    def longitude_ranges(self) -> Sequence[LongitudeRange]:
        """One range, or two split at ±180 when the box crosses the antimeridian."""
        if self.crosses_antimeridian:
            return (LongitudeRange(self.west, 180.0), LongitudeRange(-180.0, self.east))
        return (LongitudeRange(self.west, self.east),)

    def contains(self, point: GeoPoint) -> bool:
        if not self.south <= point.latitude <= self.north:
            return False
        return any(r.west <= point.longitude <= r.east for r in self.longitude_ranges())


def box_around(centre: GeoPoint, radius_km: float) -> BoundingBox:
    """The smallest latitude/longitude box holding every point within ``radius_km``: the index
    prefilter of a radius query (exact distances are checked afterwards)."""
    delta_lat = radius_km / KM_PER_DEGREE_LATITUDE
    south = centre.latitude - delta_lat
    north = centre.latitude + delta_lat
    if south <= -90 or north >= 90:  # the circle holds a pole: every longitude is reachable
        return BoundingBox(max(south, -90.0), -180.0, min(north, 90.0), 180.0)
    angular = radius_km / EARTH_RADIUS_KM
    ratio = math.sin(angular) / math.cos(math.radians(centre.latitude))
    if angular >= math.pi / 2 or ratio >= 1:
        return BoundingBox(south, -180.0, north, 180.0)
    delta_lon = math.degrees(math.asin(ratio))
    west = _wrap(centre.longitude - delta_lon)
    east = _wrap(centre.longitude + delta_lon)
    return BoundingBox(south, west, north, east)


def _wrap(longitude: float) -> float:
    """Longitude folded into [-180, 180]."""
    if -180.0 <= longitude <= 180.0:
        return longitude
    return (longitude + 180.0) % 360.0 - 180.0


TIME_ZONE_MAX = 64


def _number(
    value: float, name: str, low: float, high: float, where: Sequence[str]
) -> list[Problem]:
    # NaN compares false with everything: it fails the range check too.
    if not low <= value <= high:
        return [Problem(f"{name} must be between {low:g} and {high:g}.", field=[*where, name])]
    return []


def point_problems(
    latitude: float | None, longitude: float | None, where: Sequence[str]
) -> list[Problem]:
    """A point needs both coordinates, latitude in [-90, 90] and longitude in [-180, 180]."""
    if latitude is None and longitude is None:
        return []
    if latitude is None or longitude is None:
        missing = "latitude" if latitude is None else "longitude"
        return [Problem("Give latitude and longitude together.", field=[*where, missing])]
    return _number(latitude, "latitude", -90, 90, where) + _number(
        longitude, "longitude", -180, 180, where
    )


def radius_problems(
    radius_km: float, where: Sequence[str], name: str = "radiusKm"
) -> list[Problem]:
    if not 0 < radius_km <= MAX_RADIUS_KM:
        return [
            Problem(
                f"{name} must be above 0 and at most {MAX_RADIUS_KM:,.0f} km.",
                field=[*where, name],
            )
        ]
    return []


def box_problems(box: BoundingBox, where: Sequence[str]) -> list[Problem]:
    """West may exceed east (the box crosses the antimeridian); south may not exceed north."""
    problems = []
    for name, low, high in (
        ("south", -90, 90),
        ("north", -90, 90),
        ("west", -180, 180),
        ("east", -180, 180),
    ):
        problems += _number(getattr(box, name), name, low, high, where)
    if not problems and box.south > box.north:
        problems.append(Problem("south must not be above north.", field=[*where, "south"]))
    return problems


def circle_problems(centre: GeoPoint, radius_km: float, where: Sequence[str]) -> list[Problem]:
    return point_problems(centre.latitude, centre.longitude, where) + radius_problems(
        radius_km, where
    )


def time_zone_value(value: str | None) -> tuple[str | None, list[Problem]]:
    """An IANA time zone name (``Asia/Tokyo``) as the tz database knows it, or null."""
    cleaned = (value or "").strip() or None
    if cleaned is None:
        return None, []
    if len(cleaned) > TIME_ZONE_MAX or cleaned not in available_timezones():
        return cleaned, [
            Problem(
                "timeZone must be an IANA time zone name such as `Europe/Paris`.",
                field=["input", "timeZone"],
            )
        ]
    return cleaned, []
