"""Distances and areas on the globe: the one geometry shared by queries, matching and maps.

Distances are great-circle (haversine) on a sphere of the mean Earth radius, computed in Python
on both backends, so SQLite and PostgreSQL give the same answers to the metre.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

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
