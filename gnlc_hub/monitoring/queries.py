"""Reading monitoring data: who sees which report, who must report, and each city's standing.

Standing is computed in SQL (one CASE expression) so that lists can filter and page on it and
one statement answers for any number of cities.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_, select, true

from gnlc_hub.auth.rules import Action, allows
from gnlc_hub.cities.models import City
from gnlc_hub.cities.queries import CityCriteria, city_conditions
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.core.vocabularies import RegionCode
from gnlc_hub.monitoring.enums import CycleState, Expectation, ReportStatus, Standing
from gnlc_hub.monitoring.models import (
    Indicator,
    ProgressReport,
    ReportingCycle,
    ReportingOverride,
)
from gnlc_hub.network.models import Country, Region

# The expectations under which a city must report.
EXPECTED = frozenset(
    {Expectation.ADMITTED_BEFORE, Expectation.ADMISSION_YEAR_UNKNOWN, Expectation.ADDED}
)


def visible_reports(viewer: Viewer) -> ColumnElement[bool]:
    """The one reading rule for reports: the secretariat sees all, a city its own, everyone the
    accepted reports their cities made public."""
    if viewer.is_staff:
        return true()
    public = and_(ProgressReport.status == ReportStatus.ACCEPTED, ProgressReport.is_public)
    if viewer.city_id is not None and not viewer.is_anonymous:
        return or_(public, ProgressReport.city_id == viewer.city_id)
    return public


def is_public(report: ProgressReport) -> bool:
    """The same rule as ``visible_reports`` for anonymous readers, on a loaded row."""
    return report.status is ReportStatus.ACCEPTED and report.is_public


def writable_until(cycle: ReportingCycle) -> date:
    """The last day reports may be written: the deadline, or the reopening when later."""
    return max(cycle.closes_on, cycle.reopened_until or cycle.closes_on)


def cycle_state(cycle: ReportingCycle, today: date) -> CycleState:
    if today < cycle.opens_on:
        return CycleState.UPCOMING
    if today <= writable_until(cycle):
        return CycleState.OPEN
    return CycleState.CLOSED


def overdue_days(cycle: ReportingCycle, today: date) -> int:
    """Days since the deadline (the same for every city of a cycle: the deadline is the cycle's)."""
    return max(0, (today - cycle.closes_on).days)


def expectation(cycle: ReportingCycle) -> ColumnElement[Any]:
    """Why each city is or is not expected to report in ``cycle`` (needs the override joined).

    Default rule: every member admitted before the cycle opened. Only admission *years* are
    known, so "before" means a year before the opening year: a city admitted in the opening year
    may have joined after the opening and is not asked. A city whose admission year is unknown
    is a documented member and is asked (the secretariat can exempt it).
    """
    return case(
        (ReportingOverride.required.is_(True), literal(Expectation.ADDED.value)),
        (ReportingOverride.required.is_(False), literal(Expectation.EXEMPTED.value)),
        (City.admitted_year.is_(None), literal(Expectation.ADMISSION_YEAR_UNKNOWN.value)),
        (City.admitted_year < cycle.opens_on.year, literal(Expectation.ADMITTED_BEFORE.value)),
        else_=literal(Expectation.ADMITTED_LATER.value),
    )


def standing(cycle: ReportingCycle, today: date) -> ColumnElement[Any]:
    """Each city's standing in ``cycle`` on ``today`` (needs the report and override joined)."""
    if today < cycle.opens_on:
        return literal(Standing.NOT_DUE.value)
    late = Standing.OVERDUE if today > cycle.closes_on else Standing.DUE
    return case(
        (expectation(cycle).not_in([e.value for e in EXPECTED]), literal(Standing.NOT_DUE.value)),
        (ProgressReport.status == ReportStatus.ACCEPTED, literal(Standing.ACCEPTED.value)),
        (ProgressReport.status == ReportStatus.SUBMITTED, literal(Standing.SUBMITTED.value)),
        else_=literal(late.value),
    )


def with_cycle(statement: Select[Any], cycle: ReportingCycle) -> Select[Any]:
    """Join a statement over cities to their report and override in ``cycle``."""
    return statement.outerjoin(
        ProgressReport,
        and_(ProgressReport.city_id == City.id, ProgressReport.cycle_id == cycle.id),
    ).outerjoin(
        ReportingOverride,
        and_(ReportingOverride.city_id == City.id, ReportingOverride.cycle_id == cycle.id),
    )


def visible_standings(viewer: Viewer) -> ColumnElement[bool] | None:
    """Whose standing a viewer may see (rule ``SEE_REPORTING_STATUS``): every city for the
    secretariat, its own for a city editor, none (None) for anyone else."""
    action = Action.SEE_REPORTING_STATUS
    if allows(viewer, action):
        return true()
    if viewer.city_id is not None and allows(viewer, action, viewer.city_id):
        return City.id == viewer.city_id
    return None


@dataclass(frozen=True)
class StandingCriteria:
    regions: Sequence[RegionCode] = ()
    countries: Sequence[str] = ()
    standings: Sequence[Standing] = ()
    include_examples: bool = True


def select_standing_cities(
    cycle: ReportingCycle, today: date, criteria: StandingCriteria, visible: ColumnElement[bool]
) -> Select[tuple[City]]:
    """Cities of ``reportingStatus``, filtered on place and standing."""
    place = CityCriteria(
        regions=criteria.regions,
        countries=criteria.countries,
        include_examples=criteria.include_examples,
    )
    conditions = [visible, *city_conditions(place)]
    if criteria.standings:
        conditions.append(standing(cycle, today).in_([s.value for s in criteria.standings]))
    return with_cycle(select(City), cycle).where(*conditions)


def select_standing_rows(
    cycle: ReportingCycle, today: date, city_ids: Sequence[int]
) -> Select[tuple[int, str, str, int | None]]:
    """``(city id, standing, expectation, report id)`` of the given cities: one statement."""
    statement = select(
        City.id, standing(cycle, today), expectation(cycle), ProgressReport.id
    ).where(City.id.in_(list(city_ids)))
    return with_cycle(statement, cycle)


def standing_counts(cycle: ReportingCycle, today: date) -> Select[tuple[str, str, int]]:
    """``(region code, standing, number of cities)``: the coverage picture."""
    label = standing(cycle, today).label("standing")
    statement = (
        select(Region.code, label, func.count(City.id))
        .select_from(City)
        .join(Country, Country.id == City.country_id)
        .join(Region, Region.id == Country.region_id)
    )
    return with_cycle(statement, cycle).group_by(Region.code, label)


def active_indicators() -> ColumnElement[bool]:
    return Indicator.retired_at.is_(None)


def latest_cycle() -> Select[tuple[ReportingCycle]]:
    return select(ReportingCycle).order_by(ReportingCycle.opens_on.desc(), ReportingCycle.id.desc())
