"""HTTP routes of the feeds: read-only, anonymous, each answering bad parameters with a 400."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gnlc_hub.cities.models import City
from gnlc_hub.feeds import geojson, ical, maps
from gnlc_hub.feeds.params import BadParameters, Reader

GEOJSON = "application/geo+json"
SVG = "image/svg+xml"
ICS = "text/calendar; charset=utf-8"


async def _read(request: Request, work: Callable[[AsyncSession], Awaitable[Any]]) -> Any:
    database = request.app.state.runtime.database
    async with database.sessions() as session:
        return await work(session)


def _guarded(handler: Callable[[Request], Awaitable[Response]]) -> Callable[..., Any]:
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except BadParameters as error:
            return error.response()

    return endpoint


async def cities_geojson(request: Request) -> Response:
    reader = Reader(request.query_params, geojson.CITY_PARAMETERS)
    collection = await _read(request, lambda s: geojson.cities_feed(s, reader))
    return Response(collection.model_dump_json(exclude_none=True), media_type=GEOJSON)


async def places_geojson(request: Request) -> Response:
    reader = Reader(request.query_params, geojson.PLACE_PARAMETERS)
    collection = await _read(request, lambda s: geojson.places_feed(s, reader))
    return Response(collection.model_dump_json(exclude_none=True), media_type=GEOJSON)


async def network_svg(request: Request) -> Response:
    Reader(request.query_params, frozenset()).done()
    return Response(await _read(request, maps.network_map), media_type=SVG)


async def city_places_svg(request: Request) -> Response:
    Reader(request.query_params, frozenset()).done()
    slug = request.path_params["slug"]

    async def work(session: AsyncSession) -> str | None:
        city = await session.scalar(select(City).where(City.slug == slug))
        return None if city is None else await maps.locator_map(session, city)

    svg = await _read(request, work)
    if svg is None:
        return JSONResponse({"errors": [{"message": f"No city {slug!r}."}]}, status_code=404)
    return Response(svg, media_type=SVG)


async def events_ics(request: Request) -> Response:
    reader = Reader(request.query_params, ical.PARAMETERS)
    return Response(await _read(request, lambda s: ical.events_calendar(s, reader)), media_type=ICS)


ROUTES = [
    Route("/geo/cities.geojson", _guarded(cities_geojson)),
    Route("/geo/places.geojson", _guarded(places_geojson)),
    Route("/maps/network.svg", _guarded(network_svg)),
    Route("/maps/cities/{slug}/places.svg", _guarded(city_places_svg)),
    Route("/events.ics", _guarded(events_ics)),
]
