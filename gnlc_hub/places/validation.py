"""Rules of the places domain: coordinates, radii, boxes and learning-place fields.

Every check returns Problems (named by field path), so mutations report them as userErrors and
queries as BAD_USER_INPUT errors, with one wording for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import available_timezones

from gnlc_hub.errors import Problem
from gnlc_hub.places.geo import MAX_RADIUS_KM, BoundingBox, GeoPoint

NAME_MAX = 200
ADDRESS_MAX = 400
OPENING_MAX = 1000
SUMMARY_MAX = 2000
MAX_LINKS = 50
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
