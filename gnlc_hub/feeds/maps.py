"""SVG maps rendered server-side by pygal: the network on a world map (pygal_maps_world ships the
country shapes) and a city's learning places on a simple locator map."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import pygal
from pygal.style import Style
from pygal_maps_world.i18n import COUNTRIES
from pygal_maps_world.maps import World
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.enums import ProfileFact
from gnlc_hub.cities.models import City, CityProfile
from gnlc_hub.core.vocabularies import REGION_NAMES, RegionCode
from gnlc_hub.network.models import Award, Country, Region
from gnlc_hub.places.enums import PlaceKind
from gnlc_hub.places.models import LearningPlace

# One fixed colour per UNESCO region from the Okabe–Ito palette (told apart with the common
# colour-vision deficiencies; neighbouring regions get hues far apart), then black for the
# laureates' outline. Every member country is drawn in its region's full colour: pygal's maps
# would shade each country by its count, which made Europe's pale blue look like the Arab States.
REGION_COLOURS: dict[RegionCode, str] = {
    RegionCode.AFRICA: "#E69F00",  # orange
    RegionCode.ARAB_STATES: "#009E73",  # bluish green
    RegionCode.ASIA_AND_THE_PACIFIC: "#CC79A7",  # reddish purple
    RegionCode.EUROPE_AND_NORTH_AMERICA: "#0072B2",  # blue
    RegionCode.LATIN_AMERICA_AND_THE_CARIBBEAN: "#D55E00",  # vermillion
}
LAUREATE_OUTLINE = "#000000"
PALETTE = (*(REGION_COLOURS[region] for region in RegionCode), LAUREATE_OUTLINE)
LAUREATES_LEGEND = "Black outline: award laureate"
LOCATOR_SPAN_DEGREES = 0.05  # minimal half-width of the locator map around its points


def _style() -> Style:
    return Style(
        colors=PALETTE,
        background="white",
        plot_background="white",
        opacity="1",  # legend keys in the colours the map shows
        opacity_hover=".75",
        legend_font_size=15,
        title_font_size=18,
        font_family="DejaVu Sans, Helvetica, Arial, sans-serif",
    )


# pygal shades a map's areas by value with an inline style, and its stylesheet sets outlines
# `!important` under the chart's id (the paths of a many-part country also their own width):
# only inline `!important` styles, on the country and on its parts, override those.
OUTLINE = f"stroke: {LAUREATE_OUTLINE} !important; stroke-width: 4.5px !important"
MEMBER = {"style": "fill-opacity: 1"}
LAUREATE = {"style": f"fill-opacity: 1; {OUTLINE}", "node": {"style": OUTLINE}}


def _tooltip(count: int, laureates: Sequence[str]) -> str:
    """A country's tooltip: "3 member cities; laureates: Okayama (2015)"."""
    text = f"{count} member {'city' if count == 1 else 'cities'}"
    return f"{text}; laureates: {', '.join(laureates)}" if laureates else text


async def network_map(session: AsyncSession) -> str:
    """Member cities per country in their UNESCO region's colour; countries with a Learning
    City Award laureate outlined in black, their tooltips naming the laureates."""
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
    chart = World(
        style=_style(),
        width=1000,
        height=600,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        truncate_legend=-1,
    )
    chart.title = "UNESCO Global Network of Learning Cities: member cities by region"
    for region in RegionCode:
        chart.add(
            REGION_NAMES[region],
            [
                {
                    "value": (code, count),
                    "label": _tooltip(count, laureates.get(code, ())),
                    **(LAUREATE if code in laureates else MEMBER),
                }
                for code, count in sorted(by_region.get(region, {}).items())
            ],
        )
    chart.add(LAUREATES_LEGEND, [])  # the legend's key to the outline
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
        # Not always the centre: a district may stand at its parent city's point; the tooltip
        # says where the point came from.
        source = (profile.sources or {}).get(ProfileFact.LOCATION.value) or city.name
        chart.add(f"{city.name} (profile location)", [{"value": centre, "label": source}])
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
