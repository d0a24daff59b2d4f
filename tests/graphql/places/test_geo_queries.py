"""Geo queries over GraphQL on a synthetic grid: the same answers as brute force on every backend
(the suite runs on SQLite and on PostgreSQL), across the antimeridian and near the poles."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.geo import BoundingBox, GeoPoint, distance_km
from gnlc_hub.places.enums import PlaceKind
from gnlc_hub.places.models import LearningPlace
from tests.conftest import GraphQLClient
from tests.helpers import city_pk

PLACES_NEAR = """
query($near: GeoCircleInput!, $filter: LearningPlaceFilter, $first: Int!) {
  learningPlacesNear(near: $near, filter: $filter, first: $first) {
    distanceKm point { latitude longitude } place { slug kind city { slug } }
  }
}
"""
PLACES_IN_BOX = """
query($box: BoundingBoxInput!, $filter: LearningPlaceFilter) {
  learningPlacesInBox(box: $box, filter: $filter, first: 500) { place { slug } }
}
"""
CITIES_NEAR = """
query($near: GeoCircleInput!, $filter: CityMapFilter) {
  citiesNear(near: $near, filter: $filter, first: 50) {
    distanceKm city { slug } point { latitude longitude }
  }
}
"""

# Every 7.5 degrees of latitude and 20 of longitude, including ±180 and near the poles.
GRID = [
    (lat / 2, lon)
    for lat in range(-170, 171, 15)  # -85 … 85
    for lon in range(-180, 181, 20)
]


@pytest.fixture
async def grid(session: AsyncSession) -> dict[str, GeoPoint]:
    """Synthetic example places on a grid, written in the test's transaction."""
    city_id = await city_pk(session, "okayama")
    points = {}
    for index, (lat, lon) in enumerate(GRID):
        slug = f"synthetic-grid-{index}"
        points[slug] = GeoPoint(float(lat), float(lon))
        session.add(
            LearningPlace(
                slug=slug,
                city_id=city_id,
                kind=PlaceKind.OTHER if index % 2 else PlaceKind.LIBRARY,
                name=f"Synthetic grid place {index}",
                latitude=float(lat),
                longitude=float(lon),
                target_groups=[],
                languages=[],
                is_example=True,
            )
        )
    await session.commit()
    return points


def expected_near(points: dict[str, GeoPoint], centre: GeoPoint, radius: float) -> list[str]:
    found = [
        (round(distance_km(centre, p), 3), slug)
        for slug, p in points.items()
        if distance_km(centre, p) <= radius
    ]

    def name(slug: str) -> str:
        return slug.replace("synthetic-grid-", "Synthetic grid place ")

    return [slug for _, slug in sorted(found, key=lambda f: (f[0], name(f[1])))]


@pytest.mark.parametrize(
    ("lat", "lon", "radius"),
    [
        (0, 179, 2000),  # across the antimeridian
        (-17, -179.9, 1700),
        (84, 0, 1500),  # over the north pole
        (35, 135, 3000),
        (0, 0, 20_000),  # the whole globe
        (10, 10, 0.5),  # nothing
    ],
)
async def test_places_near_a_point_agree_with_brute_force(
    gql: GraphQLClient, grid: dict[str, GeoPoint], lat: float, lon: float, radius: float
) -> None:
    centre = GeoPoint(lat, lon)
    data = await gql.data(
        PLACES_NEAR,
        {
            "near": {"latitude": lat, "longitude": lon, "radiusKm": radius},
            "filter": {"cities": ["okayama"]},
            "first": 500,
        },
    )
    rows = [r for r in data["learningPlacesNear"] if r["place"]["slug"].startswith("synthetic")]
    assert [r["place"]["slug"] for r in rows] == expected_near(grid, centre, radius)
    distances = [r["distanceKm"] for r in rows]
    assert distances == sorted(distances)
    for row in rows:
        point = GeoPoint(row["point"]["latitude"], row["point"]["longitude"])
        assert row["distanceKm"] == pytest.approx(distance_km(centre, point), abs=0.001)


@pytest.mark.parametrize(
    "box",
    [
        {"south": -30, "west": 170, "north": 30, "east": -170},  # crosses the antimeridian
        {"south": -90, "west": -180, "north": 90, "east": 180},
        {"south": 40, "west": -10, "north": 60, "east": 30},
        {"south": 10, "west": 10, "north": 10, "east": 10},
    ],
)
async def test_places_in_a_box_agree_with_brute_force(
    gql: GraphQLClient, grid: dict[str, GeoPoint], box: dict[str, float]
) -> None:
    area = BoundingBox(**box)
    data = await gql.data(PLACES_IN_BOX, {"box": box, "filter": {"cities": ["okayama"]}})
    found = {r["place"]["slug"] for r in data["learningPlacesInBox"]}
    synthetic = {slug for slug in found if slug.startswith("synthetic")}
    assert synthetic == {slug for slug, p in grid.items() if area.contains(p)}


async def test_kind_filters_and_first_limit_the_answer(
    gql: GraphQLClient, grid: dict[str, GeoPoint]
) -> None:
    data = await gql.data(
        PLACES_NEAR,
        {
            "near": {"latitude": 0, "longitude": 0, "radiusKm": 20_000},
            "filter": {"kinds": ["LIBRARY"], "cities": ["okayama"]},
            "first": 5,
        },
    )
    rows = data["learningPlacesNear"]
    assert len(rows) == 5
    assert {r["place"]["kind"] for r in rows} == {"LIBRARY"}


async def test_seeded_cities_near_okayama_come_nearest_first(
    gql: GraphQLClient, session: AsyncSession
) -> None:
    data = await gql.data(
        CITIES_NEAR, {"near": {"latitude": 34.66, "longitude": 133.92, "radiusKm": 300}}
    )
    slugs = [row["city"]["slug"] for row in data["citiesNear"]]
    assert slugs[0] == "okayama"
    assert data["citiesNear"][0]["distanceKm"] < 5
    assert all(row["distanceKm"] <= 300 for row in data["citiesNear"])
    europe = await gql.data(
        CITIES_NEAR,
        {
            "near": {"latitude": 34.66, "longitude": 133.92, "radiusKm": 20_000},
            "filter": {"regions": ["EUROPE_AND_NORTH_AMERICA"]},
        },
    )
    assert "okayama" not in {row["city"]["slug"] for row in europe["citiesNear"]}


BAD = [
    ({"latitude": 91, "longitude": 0, "radiusKm": 10}, "latitude"),
    ({"latitude": 0, "longitude": -181, "radiusKm": 10}, "longitude"),
    ({"latitude": 0, "longitude": 0, "radiusKm": 0}, "radiusKm"),
    ({"latitude": 0, "longitude": 0, "radiusKm": -5}, "radiusKm"),
    ({"latitude": 0, "longitude": 0, "radiusKm": 20_001}, "radiusKm"),
]


@pytest.mark.parametrize(("near", "field"), BAD)
async def test_bad_circles_are_bad_user_input(
    gql: GraphQLClient, near: dict[str, Any], field: str
) -> None:
    body = await gql(CITIES_NEAR, {"near": near})
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == f"near.{field}"


async def test_bad_boxes_and_limits_are_bad_user_input(gql: GraphQLClient) -> None:
    upside_down = {"south": 10, "west": 0, "north": 0, "east": 10}
    body = await gql(PLACES_IN_BOX, {"box": upside_down})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "south" in body["errors"][0]["message"]
    body = await gql(
        PLACES_NEAR, {"near": {"latitude": 0, "longitude": 0, "radiusKm": 1}, "first": 501}
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    body = await gql(
        PLACES_NEAR,
        {
            "near": {"latitude": 0, "longitude": 0, "radiusKm": 1},
            "filter": {"kinds": ["PUB"]},
            "first": 1,
        },
    )
    assert "PUB" in body["errors"][0]["message"]


async def test_learning_places_list_real_ones_before_examples(
    gql: GraphQLClient, count_statements: Any
) -> None:
    query = """{ learningPlaces(first: 50) { totalCount edges { node {
        slug isExample point { latitude } city { slug } practices { slug } } } } }"""
    with count_statements() as counter:
        data = await gql.data(query)
    nodes = [edge["node"] for edge in data["learningPlaces"]["edges"]]
    flags = [node["isExample"] for node in nodes]
    assert flags == sorted(flags)  # False (real) first
    real = {node["slug"]: node for node in nodes if not node["isExample"]}
    assert real["larissa-lifelong-learning-center"]["practices"] == [
        {"slug": "larissa-refugee-minors-digital-training"}
    ]
    assert real["larissa-lifelong-learning-center"]["point"] is None  # no source gives one
    # page + count + cities + practices: no query per place.
    assert counter.count <= 5


async def test_cities_near_read_in_a_fixed_number_of_statements(
    gql: GraphQLClient, count_statements: Any
) -> None:
    query = """{ citiesNear(near: {latitude: 50, longitude: 10, radiusKm: 2000}, first: 200) {
        distanceKm city { slug country { iso2 } region { code } profile { timeZone } } } }"""
    with count_statements() as counter:
        data = await gql.data(query)
    assert len(data["citiesNear"]) > 20
    # the box query, then one statement each for countries, regions and profiles
    assert counter.count <= 4
