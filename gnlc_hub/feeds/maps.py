"""SVG maps rendered server-side by pygal: the network on a world map (pygal_maps_world ships the
country shapes) and a city's learning places on a simple locator map."""

from __future__ import annotations

from collections import defaultdict

import pygal
from pygal.style import Style
from pygal_maps_world.i18n import COUNTRIES
from pygal_maps_world.maps import World
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.core.vocabularies import REGION_NAMES, RegionCode
from gnlc_hub.network.models import Award, Country, Region
from gnlc_hub.places.enums import PlaceKind
from gnlc_hub.places.models import LearningPlace

# One colour per UNESCO region (colour-blind-safe Okabe–Ito), then dark grey for the laureates.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#CC79A7", "#333333")
LOCATOR_SPAN_DEGREES = 0.05  # minimal half-width of the locator map around its points


def _style() -> Style:
    return Style(colors=PALETTE, background="white", plot_background="white")


async def network_map(session: AsyncSession) -> str:
    """Member cities counted per country, coloured by region; countries with a Learning City
    Award laureate highlighted as their own series (a country is drawn in one series only, so
    laureate countries leave their region's series; their tooltips name the laureates)."""
    rows = await session.execute(
        select(Region.code, Country.iso2, func.count(City.id))
        .join(Country, Country.region_id == Region.id)
        .join(City, City.country_id == Country.id)
        .where(City.is_example.is_(False))
        .group_by(Region.code, Country.iso2)
    )
    by_region: dict[RegionCode, dict[str, int]] = defaultdict(dict)
    for region, iso2, count in rows:
        code = iso2.lower()
        if code in COUNTRIES:  # pygal's shapes: ISO 3166-1 countries
            by_region[RegionCode(region)][code] = int(count)
    laureates: dict[str, list[str]] = defaultdict(list)
    for iso2, name, year in await session.execute(
        select(Country.iso2, City.name, Award.year)
        .join(City, City.id == Award.city_id)
        .join(Country, Country.id == City.country_id)
        .order_by(Award.year, City.name)
    ):
        laureates[iso2.lower()].append(f"{name} ({year})")
    chart = World(style=_style(), width=1000, height=560, legend_at_bottom=True)
    chart.title = "UNESCO Global Network of Learning Cities: member cities per country"
    for region in RegionCode:
        members = by_region.get(region, {})
        chart.add(
            REGION_NAMES[region],
            {code: count for code, count in members.items() if code not in laureates},
        )
    chart.add(
        "With award laureates",
        [
            {"value": (code, len(names)), "label": ", ".join(names)}
            for code, names in sorted(laureates.items())
            if code in COUNTRIES
        ],
    )
    return chart.render(is_unicode=True)


async def locator_map(session: AsyncSession, city: City) -> str:
    """The city's located learning places by kind, around the city's own point."""
    profile = await session.get(CityProfile, city.id)
    places = list(
        await session.scalars(
            select(LearningPlace)
            .where(LearningPlace.city_id == city.id, LearningPlace.latitude.is_not(None))
            .order_by(LearningPlace.kind, LearningPlace.name)
        )
    )
    chart = pygal.XY(
        style=_style(),
        width=800,
        height=600,
        stroke=False,
        dots_size=6,
        legend_at_bottom=True,
        x_title="longitude (°E)",
        y_title="latitude (°N)",
    )
    chart.title = f"Learning places of {city.name}"
    points = [(p.longitude, p.latitude) for p in places]
    if profile is not None and profile.latitude is not None and profile.longitude is not None:
        centre = (profile.longitude, profile.latitude)
        chart.add(f"{city.name} (city centre)", [{"value": centre, "label": city.name}])
        points.append(centre)
    by_kind: dict[PlaceKind, list[dict[str, object]]] = defaultdict(list)
    for place in places:
        by_kind[place.kind].append(
            {"value": (place.longitude, place.latitude), "label": place.name}
        )
    for kind, values in by_kind.items():
        chart.add(kind.value.replace("_", " ").capitalize(), values)
    if points:
        xs, ys = [x for x, _ in points], [y for _, y in points]
        pad_x = max((max(xs) - min(xs)) * 0.15, LOCATOR_SPAN_DEGREES)
        pad_y = max((max(ys) - min(ys)) * 0.15, LOCATOR_SPAN_DEGREES)
        chart.xrange = (min(xs) - pad_x, max(xs) + pad_x)
        chart.range = (min(ys) - pad_y, max(ys) + pad_y)
    else:
        chart.no_data_text = "No located learning places yet"
    return chart.render(is_unicode=True)
