"""No N+1: reportingStatus and benchmark send as many statements for 3 cities as for 100."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.models import City
from gnlc_hub.core.viewer import Role
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.monitoring.enums import ReportStatus
from gnlc_hub.network.models import Country, Region
from tests.conftest import GraphQLClient
from tests.monitoring.support import on, open_cycle, report_in

STATUS = """query($first: Int!) { reportingStatus(first: $first) { totalCount edges { node {
  standing expectation overdueDays deadline city { slug country { iso2 region { code } } }
  cycle { slug } report { status ratings { rating area { number } } } } } } }"""
BENCHMARK = """query($city: String!) { benchmark(city: $city) {
  city { slug } report { status }
  areas { area { number name } cityRating groups { group count median withheld } }
  indicators { indicator { slug } cityValue groups { group median } }
  trends { area { number } points { cycle { slug } cityRating network { median } } } } }"""


async def european_cities(session: AsyncSession, count: int) -> list[str]:
    statement = (
        select(City.slug)
        .join(Country, Country.id == City.country_id)
        .join(Region, Region.id == Country.region_id)
        .where(Region.code == RegionCode.EUROPE_AND_NORTH_AMERICA, City.admitted_year < 2022)
        .order_by(City.slug)
        .limit(count)
    )
    return list(await session.scalars(statement))


LAST: dict[str, list[str]] = {}


async def statements(gql: GraphQLClient, count_statements: Any, query: str, variables: dict, token):
    # The token's first use is recorded (one UPDATE); use it once before counting.
    await gql.data("{ viewer { role } }", token=token)
    with count_statements() as counter:
        data = await gql.data(query, variables, token=token)
    LAST["statements"] = counter.statements
    return counter.count, data


def _diff(a, b):
    return [s[:120] for s in a], [s[:120] for s in b]


async def test_reporting_status_statements_do_not_grow(
    gql: GraphQLClient, session: AsyncSession, count_statements: Any, issue_token: Any
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    cycle = await open_cycle(session)
    # The first cities by name report, so the small page has reports too.
    first = select(City.slug).where(or_(City.admitted_year < 2024, City.admitted_year.is_(None)))
    for slug in await session.scalars(first.order_by(City.sort_name, City.id).limit(12)):
        await report_in(session, ReportStatus.ACCEPTED, cycle, city=slug)
    small, few = await statements(gql, count_statements, STATUS, {"first": 3}, staff)
    few_statements = LAST["statements"]
    large, many = await statements(gql, count_statements, STATUS, {"first": 100}, staff)
    many_statements = LAST["statements"]
    assert len(few["reportingStatus"]["edges"]) == 3
    assert len(many["reportingStatus"]["edges"]) == 100
    assert any(e["node"]["report"] for e in many["reportingStatus"]["edges"])
    assert small == large, (small, large, _diff(few_statements, many_statements))
    # cycle, page, count, standings, then one batch per relation (city, country, region…).
    assert large <= 12, large


async def test_benchmark_statements_do_not_grow(
    gql: GraphQLClient, session: AsyncSession, count_statements: Any, issue_token: Any
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    earlier = await open_cycle(
        session, name="2022–2023", opens_on=_d(2022, 4), closes_on=_d(2023, 12)
    )
    cycle = await open_cycle(session)
    cities = await european_cities(session, 30)
    counts = []
    for reporting in (cities[:5], cities[5:30]):
        for slug in reporting:
            await report_in(session, ReportStatus.ACCEPTED, cycle, city=slug)
            with on(_d(2023, 6)):
                await report_in(session, ReportStatus.ACCEPTED, earlier, city=slug, level=2)
        count, data = await statements(gql, count_statements, BENCHMARK, {"city": cities[0]}, staff)
        counts.append(count)
        network = data["benchmark"]["areas"][0]["groups"][0]
        assert network["count"] in (5, 30)
        assert len(data["benchmark"]["trends"][0]["points"]) == 2
    assert counts[0] == counts[1], counts
    assert counts[1] <= 16, counts


def _d(year: int, month: int) -> date:
    return date(year, month, 1)
