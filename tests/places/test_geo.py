"""The geometry every geo query relies on: distances, boxes around circles, the antimeridian."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gnlc_hub.core.geo import (
    EARTH_RADIUS_KM,
    BoundingBox,
    GeoPoint,
    box_around,
    distance_km,
)

PARIS = GeoPoint(48.8566, 2.3522)
LONDON = GeoPoint(51.5074, -0.1278)


def test_distances_match_known_great_circles() -> None:
    assert distance_km(PARIS, LONDON) == pytest.approx(343.6, abs=1.0)
    assert distance_km(PARIS, PARIS) == 0
    antipode = GeoPoint(-PARIS.latitude, PARIS.longitude - 180)
    assert distance_km(PARIS, antipode) == pytest.approx(math.pi * EARTH_RADIUS_KM, rel=1e-9)


def test_a_box_across_the_antimeridian_is_two_longitude_ranges() -> None:
    fiji = BoundingBox(south=-20, west=177, north=-15, east=-178)
    assert fiji.crosses_antimeridian
    assert [(r.west, r.east) for r in fiji.longitude_ranges()] == [(177, 180), (-180, -178)]
    assert fiji.contains(GeoPoint(-17, 179.5))
    assert fiji.contains(GeoPoint(-17, -179.5))
    assert not fiji.contains(GeoPoint(-17, 0))


def test_a_circle_over_a_pole_spans_every_longitude() -> None:
    box = box_around(GeoPoint(89.5, 10), 200)
    assert (box.west, box.east, box.north) == (-180, 180, 90)


points = st.builds(
    GeoPoint,
    st.floats(min_value=-89.9, max_value=89.9),
    st.floats(min_value=-180, max_value=180),
)


@given(centre=points, other=points, radius=st.floats(min_value=0.5, max_value=19_999))
def test_the_prefilter_box_holds_every_point_within_the_radius(
    centre: GeoPoint, other: GeoPoint, radius: float
) -> None:
    # The index prefilter may read too much, never too little.
    if distance_km(centre, other) <= radius:
        assert box_around(centre, radius).contains(other)
