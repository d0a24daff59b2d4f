"""GeoJSON, SVG and iCalendar feeds, parsed with standard libraries as a client would."""

from __future__ import annotations

from typing import Any
from xml.etree import ElementTree

import httpx
import icalendar
import pytest
from geojson_pydantic import FeatureCollection
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.geo import GeoPoint, distance_km
from gnlc_hub.core.viewer import Role
from gnlc_hub.feeds import maps
from gnlc_hub.network.models import Event
from tests.conftest import GraphQLClient
from tests.helpers import global_id, mutate


async def collection(client: httpx.AsyncClient, url: str) -> FeatureCollection:
    response = await client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/geo+json")
    return FeatureCollection.model_validate_json(response.content)


async def test_cities_geojson_holds_every_located_member(client: httpx.AsyncClient) -> None:
    cities = await collection(client, "/geo/cities.geojson?includeExamples=false")
    assert len(cities.features) >= 313
    okayama = next(f for f in cities.features if f.properties["slug"] == "okayama")
    longitude, latitude = okayama.geometry.coordinates  # RFC 7946: longitude first
    assert (round(latitude), round(longitude)) == (35, 134)
    assert okayama.properties["region"] == "ASIA_AND_THE_PACIFIC"
    assert okayama.properties["sources"]["LOCATION"].startswith("GeoNames")
    laureates = [f for f in cities.features if f.properties["awardYears"]]
    assert laureates


async def test_cities_geojson_filters_by_region_and_radius(client: httpx.AsyncClient) -> None:
    africa = await collection(client, "/geo/cities.geojson?region=AFRICA")
    assert africa.features
    assert {f.properties["region"] for f in africa.features} == {"AFRICA"}
    near = await collection(client, "/geo/cities.geojson?near=53.35,-6.26&radiusKm=250")
    assert "dublin" in {f.properties["slug"] for f in near.features}
    centre = GeoPoint(53.35, -6.26)
    for feature in near.features:
        lon, lat = feature.geometry.coordinates
        assert distance_km(centre, GeoPoint(lat, lon)) <= 250
        assert feature.properties["distanceKm"] <= 250


async def test_places_geojson_across_the_antimeridian(client: httpx.AsyncClient) -> None:
    places = await collection(client, "/geo/places.geojson?city=okayama&kind=LIBRARY")
    assert [f.properties["slug"] for f in places.features] == ["example-okayama-city-library"]
    # A box from 120°E across 180° to 170°W holds Okayama's places.
    wrapped = await collection(client, "/geo/places.geojson?bbox=120,30,-170,40")
    assert "example-okayama-kominkan-north" in {f.properties["slug"] for f in wrapped.features}
    elsewhere = await collection(client, "/geo/places.geojson?bbox=-10,30,20,40")
    assert "example-okayama-kominkan-north" not in {
        f.properties["slug"] for f in elsewhere.features
    }


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("region=MARS", "region"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=0,10,10,0", "south"),
        ("near=95,0&radiusKm=10", "latitude"),
        ("near=0,0&radiusKm=0", "radiusKm"),
        ("near=0,0&radiusKm=20001", "radiusKm"),
        ("near=0,0", "radiusKm"),
        ("includeExamples=perhaps", "includeExamples"),
        ("colour=red", "colour"),
    ],
)
async def test_bad_feed_parameters_are_400_with_reasons(
    client: httpx.AsyncClient, query: str, parameter: str
) -> None:
    response = await client.get(f"/geo/cities.geojson?{query}")
    assert response.status_code == 400
    assert parameter in [error["parameter"] for error in response.json()["errors"]]


SVG = "{http://www.w3.org/2000/svg}"


def country_areas(svg: ElementTree.Element) -> dict[str, ElementTree.Element]:
    """The world map's countries that carry data, by ISO code ("kr")."""
    return {
        element.get("class", "").split()[0]: element
        for element in svg.iter()
        if "map-element" in element.get("class", "").split()
        and "series" in element.get("class", "").split()
    }


async def test_the_network_map_renders(client: httpx.AsyncClient) -> None:
    response = await client.get("/maps/network.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    svg = ElementTree.fromstring(response.content)
    text = response.text
    assert svg.tag.endswith("svg")
    for region in ("Africa", "Arab States", "Asia and the Pacific", "Europe and North America"):
        assert region in text
    assert maps.LAUREATES_LEGEND in text
    assert "Okayama (2017)" in text or "Okayama" in text


async def test_the_network_map_colours_each_region_in_full_and_outlines_laureates(
    client: httpx.AsyncClient,
) -> None:
    svg = ElementTree.fromstring((await client.get("/maps/network.svg")).content)
    areas = country_areas(svg)
    # One series, and so one colour, per region, whatever a country's count: Japan (Asia and
    # the Pacific) and Korea share a colour, Germany (Europe) has another.
    series = {
        code: next(c for c in areas[code].get("class").split() if c.startswith("color-"))
        for code in ("jp", "kr", "de", "eg")
    }
    assert series["jp"] == series["kr"]
    assert len({series["jp"], series["de"], series["eg"]}) == 3
    assert len(set(maps.PALETTE)) == len(maps.PALETTE)
    for area in areas.values():
        assert "fill-opacity: 1" in area.get("style", "")
    # Korea has laureates (Namyangju 2015, Seodaemun-gu 2019): outlined; others are not all.
    assert maps.LAUREATE_OUTLINE in areas["kr"].get("style")
    unrewarded = [a for a in areas.values() if maps.LAUREATE_OUTLINE not in a.get("style")]
    assert unrewarded
    tooltips = " ".join(d.text or "" for d in svg.iter(f"{SVG}desc"))
    assert "laureates:" in tooltips


async def test_a_city_locator_map_shows_its_places(client: httpx.AsyncClient) -> None:
    response = await client.get("/maps/cities/okayama/places.svg")
    assert response.status_code == 200
    ElementTree.fromstring(response.content)
    assert "Example: central library" in response.text
    assert (await client.get("/maps/cities/atlantis/places.svg")).status_code == 404


def events_of(body: bytes) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(body)
    return list(calendar.walk("VEVENT"))


async def test_the_events_calendar_parses_and_filters(
    client: httpx.AsyncClient, gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    response = await client.get("/events.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    everything = events_of(response.content)
    summaries = {str(event["SUMMARY"]) for event in everything}
    assert "Third International Conference on Learning Cities" in summaries
    cork = next(e for e in everything if e["UID"] == "iclc-3-cork-2017@gnlc-hub")
    assert cork.decoded("DTSTART").isoformat() == "2017-09-18"
    assert cork.decoded("DTEND").isoformat() == "2017-09-21"  # exclusive end

    conferences = events_of((await client.get("/events.ics?kind=CONFERENCE")).content)
    assert conferences
    assert all("Conference" in str(e["SUMMARY"]) for e in conferences)
    irish = events_of((await client.get("/events.ics?city=limerick")).content)
    assert {str(e["LOCATION"]) for e in irish} == {"Limerick"}
    africa = events_of((await client.get("/events.ics?region=AFRICA")).content)
    assert {str(e["LOCATION"]) for e in africa} <= {"Ibadan", "Abuja", "Kano", "Owerri"}

    staff = await issue_token(Role.SECRETARIAT)
    cork_festival = await session.scalar(
        select(Event.id).where(Event.slug == "cork-lifelong-learning-festival")
    )
    await mutate(
        gql,
        """mutation($input: SetEventEditionInput!) { setEventEdition(input: $input) {
             userErrors { message } } }""",
        {
            "eventId": global_id("Event", cork_festival),
            "year": 2025,
            "startsOn": "2025-03-24",
            "endsOn": "2025-03-30",
        },
        staff,
    )
    festivals = events_of((await client.get("/events.ics?kind=FESTIVAL")).content)
    edition = next(
        e for e in festivals if e["UID"] == "cork-lifelong-learning-festival-2025@gnlc-hub"
    )
    assert edition.decoded("DTSTART").isoformat() == "2025-03-24"
    assert (await client.get("/events.ics?kind=PARTY")).status_code == 400
