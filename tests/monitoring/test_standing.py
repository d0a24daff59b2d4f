"""Who must report in a cycle, and each city's standing as the days go by."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.models import City
from gnlc_hub.monitoring.enums import CycleState, Expectation, ReportStatus, Standing
from gnlc_hub.monitoring.models import ReportingCycle
from gnlc_hub.monitoring.queries import cycle_state, overdue_days, select_standing_rows
from tests.helpers import city_pk
from tests.monitoring.support import CLOSES, OPENS, open_cycle, report_in


async def standings(
    session: AsyncSession, cycle: ReportingCycle, today: date, *slugs: str
) -> dict[str, tuple[Standing, Expectation]]:
    ids = {await city_pk(session, slug): slug for slug in slugs}
    rows = await session.execute(select_standing_rows(cycle, today, list(ids)))
    return {ids[pk]: (Standing(s), Expectation(e)) for pk, s, e, _ in rows}


async def test_who_must_report_by_default(session: AsyncSession) -> None:
    # Larissa 2015, Hina 2022, Cork year unknown, Porto-Novo 2025; the cycle opens in 2024.
    cycle = await open_cycle(session)
    found = await standings(session, cycle, date(2024, 5, 1), "larissa", "hina", "cork")
    assert found == {
        "larissa": (Standing.DUE, Expectation.ADMITTED_BEFORE),
        "hina": (Standing.DUE, Expectation.ADMITTED_BEFORE),
        "cork": (Standing.DUE, Expectation.ADMISSION_YEAR_UNKNOWN),
    }
    later = await standings(session, cycle, date(2024, 5, 1), "porto-novo")
    assert later == {"porto-novo": (Standing.NOT_DUE, Expectation.ADMITTED_LATER)}


async def test_admitted_in_the_opening_year_is_not_asked(session: AsyncSession) -> None:
    city = await session.get(City, await city_pk(session, "hina"))
    city.admitted_year = 2024
    await session.commit()
    cycle = await open_cycle(session)
    found = await standings(session, cycle, date(2024, 5, 1), "hina")
    assert found == {"hina": (Standing.NOT_DUE, Expectation.ADMITTED_LATER)}


async def test_the_secretariat_adds_and_exempts(session: AsyncSession) -> None:
    porto_novo, larissa = [await city_pk(session, s) for s in ("porto-novo", "larissa")]
    cycle = await open_cycle(session, include=[porto_novo], exclude=[larissa])
    found = await standings(session, cycle, date(2024, 5, 1), "porto-novo", "larissa")
    assert found == {
        "porto-novo": (Standing.DUE, Expectation.ADDED),
        "larissa": (Standing.NOT_DUE, Expectation.EXEMPTED),
    }


async def test_standing_follows_the_report_and_the_calendar(session: AsyncSession) -> None:
    cycle = await open_cycle(session)
    before, during, after = OPENS - timedelta(days=1), date(2025, 6, 1), CLOSES + timedelta(30)
    await report_in(session, ReportStatus.SUBMITTED, cycle, city="bristol")
    await report_in(session, ReportStatus.ACCEPTED, cycle, city="belfast")
    await report_in(session, ReportStatus.RETURNED, cycle, city="cork")
    await report_in(session, ReportStatus.DRAFT, cycle, city="dublin")
    slugs = ("bristol", "belfast", "cork", "dublin", "larissa")

    def only_standing(found: dict) -> dict:
        return {slug: standing for slug, (standing, _) in found.items()}

    assert set(only_standing(await standings(session, cycle, before, *slugs)).values()) == {
        Standing.NOT_DUE
    }
    assert only_standing(await standings(session, cycle, during, *slugs)) == {
        "bristol": Standing.SUBMITTED,
        "belfast": Standing.ACCEPTED,
        "cork": Standing.DUE,
        "dublin": Standing.DUE,
        "larissa": Standing.DUE,
    }
    assert only_standing(await standings(session, cycle, after, *slugs)) == {
        "bristol": Standing.SUBMITTED,
        "belfast": Standing.ACCEPTED,
        "cork": Standing.OVERDUE,  # returned and not resubmitted by the deadline
        "dublin": Standing.OVERDUE,
        "larissa": Standing.OVERDUE,
    }
    assert overdue_days(cycle, after) == 30
    assert overdue_days(cycle, during) == 0


async def test_cycle_states(session: AsyncSession) -> None:
    cycle = await open_cycle(session)
    assert cycle_state(cycle, OPENS - timedelta(days=1)) is CycleState.UPCOMING
    assert cycle_state(cycle, OPENS) is CycleState.OPEN
    assert cycle_state(cycle, CLOSES) is CycleState.OPEN
    assert cycle_state(cycle, CLOSES + timedelta(days=1)) is CycleState.CLOSED
    cycle.reopened_until = CLOSES + timedelta(days=10)
    assert cycle_state(cycle, CLOSES + timedelta(days=10)) is CycleState.OPEN
