"""Reading member cities: filters as SQL, in one place for the API, the CLI and matching."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, func, select

from gnlc_hub.cities.models import City
from gnlc_hub.core.slugs import fold
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.network.models import Award, Cluster, ClusterMembership, Country, Region


class CityOrderField(enum.StrEnum):
    NAME = "NAME"
    ADMITTED_YEAR = "ADMITTED_YEAR"


# Keyset sort keys: every key ends with the primary key so that the order is total.
# Undocumented admission years sort first (as 0) on every backend.
CITY_SORT_KEYS: dict[CityOrderField, tuple[ColumnElement[object], ...]] = {
    CityOrderField.NAME: (City.sort_name, City.id),
    CityOrderField.ADMITTED_YEAR: (func.coalesce(City.admitted_year, 0), City.sort_name, City.id),
}


@dataclass(frozen=True)
class CityCriteria:
    slugs: Sequence[str] = ()
    regions: Sequence[RegionCode] = ()
    countries: Sequence[str] = ()
    admitted_from: int | None = None
    admitted_to: int | None = None
    clusters: Sequence[str] = ()
    award_years: Sequence[int] = ()
    name_prefix: str | None = None
    include_examples: bool = True
    ids: Sequence[int] = ()


def city_conditions(criteria: CityCriteria) -> list[ColumnElement[bool]]:
    """WHERE clauses for ``criteria``; AND across criteria, OR within one list."""
    conditions: list[ColumnElement[bool]] = []
    if criteria.slugs:
        conditions.append(City.slug.in_(list(criteria.slugs)))
    if criteria.regions:
        conditions.append(
            City.country_id.in_(
                select(Country.id)
                .join(Region, Region.id == Country.region_id)
                .where(Region.code.in_(list(criteria.regions)))
            )
        )
    if criteria.countries:
        codes = [code.upper() for code in criteria.countries]
        conditions.append(City.country_id.in_(select(Country.id).where(Country.iso2.in_(codes))))
    if criteria.admitted_from is not None:
        conditions.append(City.admitted_year >= criteria.admitted_from)
    if criteria.admitted_to is not None:
        conditions.append(City.admitted_year <= criteria.admitted_to)
    if criteria.clusters:
        conditions.append(
            City.id.in_(
                select(ClusterMembership.city_id)
                .join(Cluster, Cluster.id == ClusterMembership.cluster_id)
                .where(Cluster.slug.in_(list(criteria.clusters)))
            )
        )
    if criteria.award_years:
        conditions.append(
            City.id.in_(select(Award.city_id).where(Award.year.in_(list(criteria.award_years))))
        )
    if criteria.name_prefix:
        prefix = fold(criteria.name_prefix.strip())
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(City.sort_name.like(escaped + "%", escape="\\"))
    if not criteria.include_examples:
        conditions.append(City.is_example.is_(False))
    if criteria.ids:
        conditions.append(City.id.in_(list(criteria.ids)))
    return conditions


def select_cities(criteria: CityCriteria) -> Select[tuple[City]]:
    return select(City).where(and_(True, *city_conditions(criteria)))
