"""Reading the network as a whole: regions, countries, events and the headline counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.models import City
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.network.enums import EventKind
from gnlc_hub.network.models import Award, Cluster, Country, Event, Publication, Region
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice

EVENT_SORT_KEY = (func.coalesce(Event.starts_on, ""), Event.id)
COUNTRY_SORT_KEY = (Country.sort_name, Country.id)


@dataclass(frozen=True)
class EventCriteria:
    kinds: Sequence[EventKind] = ()
    cities: Sequence[str] = ()
    year_from: int | None = None
    year_to: int | None = None


def select_events(criteria: EventCriteria) -> Select[tuple[Event]]:
    conditions: list[ColumnElement[bool]] = []
    if criteria.kinds:
        conditions.append(Event.kind.in_(list(criteria.kinds)))
    if criteria.cities:
        conditions.append(Event.city_id.in_(select(City.id).where(City.slug.in_(criteria.cities))))
    # Dates are ISO strings of varying precision; their first four characters are the year.
    year = func.substr(Event.starts_on, 1, 4)
    if criteria.year_from is not None:
        conditions.append(year >= f"{criteria.year_from:04d}")
    if criteria.year_to is not None:
        conditions.append(year <= f"{criteria.year_to:04d}")
    return select(Event).where(and_(True, *conditions))


def select_countries(region: RegionCode | None) -> Select[tuple[Country]]:
    statement = select(Country)
    if region is not None:
        statement = statement.join(Region, Region.id == Country.region_id).where(
            Region.code == region
        )
    return statement.order_by(*COUNTRY_SORT_KEY)


@dataclass(frozen=True)
class RegionCount:
    region_id: int
    country_count: int
    city_count: int


@dataclass(frozen=True)
class CountryCount:
    country_id: int
    city_count: int


@dataclass(frozen=True)
class YearCount:
    year: int | None
    city_count: int


@dataclass(frozen=True)
class NetworkStats:
    city_count: int
    country_count: int
    published_practice_count: int
    award_count: int
    by_region: list[RegionCount]
    by_country: list[CountryCount]
    by_admission_year: list[YearCount]


_REAL_CITY = City.is_example.is_(False)


async def network_stats(session: AsyncSession) -> NetworkStats:
    """Headline counts of member cities (real data only; example rows are left out)."""
    by_region = [
        RegionCount(region_id, countries, cities)
        for region_id, countries, cities in await session.execute(
            select(Region.id, func.count(distinct(Country.id)), func.count(City.id))
            .select_from(Region)
            .outerjoin(Country, Country.region_id == Region.id)
            .outerjoin(City, and_(City.country_id == Country.id, _REAL_CITY))
            .group_by(Region.id)
            .order_by(Region.id)
        )
    ]
    by_country = [
        CountryCount(country_id, cities)
        for country_id, cities in await session.execute(
            select(City.country_id, func.count(City.id))
            .where(_REAL_CITY)
            .group_by(City.country_id)
            .order_by(func.count(City.id).desc(), City.country_id)
        )
    ]
    by_year = [
        YearCount(year, cities)
        for year, cities in await session.execute(
            select(City.admitted_year, func.count(City.id))
            .where(_REAL_CITY)
            .group_by(City.admitted_year)
            .order_by(func.coalesce(City.admitted_year, 0))
        )
    ]
    practices = await session.scalar(
        select(func.count(Practice.id)).where(
            Practice.status == PracticeStatus.PUBLISHED, Practice.is_example.is_(False)
        )
    )
    awards = await session.scalar(select(func.count(Award.id)))
    return NetworkStats(
        city_count=sum(row.city_count for row in by_country),
        country_count=len(by_country),
        published_practice_count=int(practices or 0),
        award_count=int(awards or 0),
        by_region=by_region,
        by_country=by_country,
        by_admission_year=by_year,
    )


def select_regions() -> Select[tuple[Region]]:
    return select(Region).order_by(Region.id)


def select_clusters() -> Select[tuple[Cluster]]:
    return select(Cluster).order_by(Cluster.name)


def select_publications() -> Select[tuple[Publication]]:
    """Newest first."""
    return select(Publication).order_by(Publication.year.desc(), Publication.id)
