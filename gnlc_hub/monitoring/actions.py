"""Writes of monitoring: indicators, reporting cycles and the life cycle of progress reports.

Each action checks who may act, validates everything before writing, records an audit event
and leaves the transaction to the caller. Dates come from the hub clock (`core.clock`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit import actions as audit
from gnlc_hub.auth.rules import Action, require, require_signed_in
from gnlc_hub.cities.models import City
from gnlc_hub.core import clock, validation
from gnlc_hub.core.errors import DomainError, ErrorCode, Problem, not_found
from gnlc_hub.core.lifecycle import LifeCycle, Step
from gnlc_hub.core.locking import check_version, flush, locked
from gnlc_hub.core.slugs import free_slug, slugify
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.monitoring import validation as rules
from gnlc_hub.monitoring.enums import (
    CycleState,
    Expectation,
    IndicatorDirection,
    ReportStatus,
)
from gnlc_hub.monitoring.models import (
    AreaRating,
    Indicator,
    IndicatorValue,
    KeyFeatureArea,
    ProgressReport,
    ReportEvidence,
    ReportingCycle,
    ReportingOverride,
    RoadmapEntry,
)
from gnlc_hub.monitoring.queries import (
    EXPECTED,
    cycle_state,
    expectation,
    visible_reports,
    with_cycle,
)
from gnlc_hub.practices.enums import GuidelineArea

Status = ReportStatus


# -- indicators -------------------------------------------------------------------------------


async def define_indicator(
    session: AsyncSession,
    *,
    viewer: Viewer,
    slug: str | None,
    name: str,
    description: str,
    unit: str,
    direction: IndicatorDirection,
    area_number: str,
    guideline_area: GuidelineArea | None = None,
    source_url: str | None = None,
) -> Indicator:
    """A new indicator the cities can report from now on."""
    require(viewer, Action.MANAGE_INDICATORS)
    values = {"name": name, "description": description, "unit": unit, "source_url": source_url}
    values = validation.normalise(values, editable=values, required=("name", "description", "unit"))
    problems = rules.indicator_problems(values)
    # A number no database can store cannot name an area: not found, without asking the driver.
    area_id = (
        None
        if validation.unstorable(area_number)
        else await session.scalar(
            select(KeyFeatureArea.id).where(KeyFeatureArea.number == area_number)
        )
    )
    if area_id is None:
        problems.append(
            Problem(
                f"There is no Key Features area {area_number!r} (areas are 1.1–3.3).",
                ErrorCode.NOT_FOUND,
                validation.path("keyFeatureArea"),
            )
        )
    derived = slugify(values.get("name") or "")
    problems += await validation.new_slug(
        session, Indicator.slug, slug, derived=derived, source="name", earlier=problems
    )
    validation.ensure(problems)
    indicator = Indicator(
        slug=slug or await free_slug(session, Indicator.slug, derived, max_length=120),
        name=values["name"],
        description=values["description"],
        unit=values["unit"],
        direction=direction,
        key_feature_area_id=area_id,
        guideline_area=guideline_area,
        source_url=values.get("source_url"),
        is_example=False,
    )
    session.add(indicator)
    await flush(session)
    await audit.record(session, viewer, "indicator.define", indicator, None, _row(indicator))
    return indicator


async def retire_indicator(
    session: AsyncSession, *, viewer: Viewer, indicator_id: int, version: int
) -> Indicator:
    """No new values from now on; the values reports already hold stay as they were."""
    require(viewer, Action.MANAGE_INDICATORS)
    indicator = await locked(session, Indicator, indicator_id, "The indicator")
    check_version(indicator, version, "The indicator")
    if indicator.retired_at is not None:
        raise DomainError.single("The indicator is already retired.", ErrorCode.INVALID_TRANSITION)
    before = _row(indicator)
    indicator.retired_at = clock.now()
    await flush(session)
    await audit.record(session, viewer, "indicator.retire", indicator, before, _row(indicator))
    return indicator


# -- reporting cycles -------------------------------------------------------------------------


async def open_cycle(
    session: AsyncSession,
    *,
    viewer: Viewer,
    name: str,
    slug: str | None,
    opens_on: date,
    closes_on: date,
    include: Sequence[int] = (),
    exclude: Sequence[int] = (),
) -> ReportingCycle:
    """A new reporting cycle. Who must report follows the default rule (see
    ``queries.expectation``) except for the cities named in ``include``/``exclude``."""
    require(viewer, Action.MANAGE_REPORTING_CYCLES)
    name = name.strip()
    problems = rules.cycle_problems(name, opens_on, closes_on)
    both = sorted(set(include) & set(exclude))
    if both:
        problems.append(
            Problem(
                "A city cannot be both included and excluded.", field=validation.path("exclude")
            )
        )
    named = set(include) | set(exclude)
    found = set(await session.scalars(select(City.id).where(City.id.in_(list(named)))))
    for field_name, ids in (("include", include), ("exclude", exclude)):
        problems += [
            Problem(
                "There is no such city.", ErrorCode.NOT_FOUND, validation.path(field_name, str(i))
            )
            for i, pk in enumerate(ids)
            if pk not in found
        ]
    derived = slugify(name)
    problems += await validation.new_slug(
        session, ReportingCycle.slug, slug, derived=derived, source="name", earlier=problems
    )
    validation.ensure(problems)
    cycle = ReportingCycle(
        slug=slug or await free_slug(session, ReportingCycle.slug, derived, max_length=120),
        name=name,
        opens_on=opens_on,
        closes_on=closes_on,
        is_example=False,
    )
    session.add(cycle)
    await flush(session)
    overrides = dict.fromkeys(include, True) | dict.fromkeys(exclude, False)
    session.add_all(
        ReportingOverride(cycle_id=cycle.id, city_id=pk, required=required)
        for pk, required in overrides.items()
    )
    after = {**_row(cycle), "include": sorted(include), "exclude": sorted(exclude)}
    await audit.record(session, viewer, "reporting_cycle.open", cycle, None, after)
    await flush(session)
    return cycle


async def reopen_cycle(
    session: AsyncSession,
    *,
    viewer: Viewer,
    cycle_id: int,
    version: int,
    until: date,
) -> ReportingCycle:
    """Let cities write again until ``until``; the deadline (and so "overdue") stays."""
    require(viewer, Action.MANAGE_REPORTING_CYCLES)
    cycle = await locked(session, ReportingCycle, cycle_id, "The reporting cycle")
    check_version(cycle, version, "The reporting cycle")
    today = clock.today()
    if until <= cycle.closes_on or until < today:
        raise DomainError.single(
            f"until must be after the deadline ({cycle.closes_on.isoformat()}) and not in the "
            "past.",
            ErrorCode.INVALID,
            validation.path("until"),
        )
    before = _row(cycle)
    cycle.reopened_until = until
    await flush(session)
    await audit.record(session, viewer, "reporting_cycle.reopen", cycle, before, _row(cycle))
    return cycle


# -- progress reports -------------------------------------------------------------------------


class Transition(enum.StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    ACCEPT = "accept"


# DRAFT → SUBMITTED → (RETURNED → SUBMITTED)* → ACCEPTED
LIFE_CYCLE: LifeCycle[Transition, ReportStatus] = LifeCycle(
    "report",
    {
        Transition.SUBMIT: Step(
            frozenset({Status.DRAFT, Status.RETURNED}),
            Status.SUBMITTED,
            Action.WRITE_PROGRESS_REPORT,
        ),
        Transition.RETURN: Step(
            frozenset({Status.SUBMITTED}),
            Status.RETURNED,
            Action.REVIEW_PROGRESS_REPORT,
            note_required=True,
        ),
        Transition.ACCEPT: Step(
            frozenset({Status.SUBMITTED}), Status.ACCEPTED, Action.REVIEW_PROGRESS_REPORT
        ),
    },
)
# The city writes while the report is in its hands.
EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})


async def create_report(
    session: AsyncSession,
    *,
    viewer: Viewer,
    cycle_id: int,
    city_id: int,
    changes: Mapping[str, Any],
    is_public: bool = False,
) -> ProgressReport:
    """A new DRAFT report of ``city_id`` for ``cycle_id``: one per city and cycle."""
    require_signed_in(viewer, Action.WRITE_PROGRESS_REPORT)
    city = await session.get(City, city_id)
    if city is None:
        raise not_found("The city", validation.path("cityId"))
    require(viewer, Action.WRITE_PROGRESS_REPORT, city.id)
    cycle = await session.get(ReportingCycle, cycle_id)
    if cycle is None:
        raise not_found("The reporting cycle", validation.path("cycleId"))
    _ensure_writable(cycle, clock.today())
    await _ensure_expected(session, cycle, city)
    taken = await session.scalar(
        select(
            exists().where(ProgressReport.city_id == city.id, ProgressReport.cycle_id == cycle.id)
        )
    )
    if taken:
        raise DomainError.single(
            f"{city.name} already has a report for {cycle.name}: update that one.",
            ErrorCode.DUPLICATE,
            validation.path("cycleId"),
        )
    changes = _normalised(changes)
    problems, resolved = await rules.content_problems(
        session, changes, city_id=city.id, today=clock.today()
    )
    validation.ensure(problems)
    report = ProgressReport(
        city_id=city.id,
        cycle_id=cycle.id,
        status=Status.DRAFT,
        narrative=changes.get("narrative"),
        is_public=is_public,
        is_example=False,
    )
    session.add(report)
    await flush(session)
    _write_content(session, report.id, changes, resolved)
    await flush(session)
    await audit.record(
        session, viewer, "progress_report.create", report, None, await _snapshot(session, report)
    )
    return report


async def update_report(
    session: AsyncSession,
    *,
    viewer: Viewer,
    report_id: int,
    version: int,
    changes: Mapping[str, Any],
) -> ProgressReport:
    """Replace the parts of a report given in ``changes`` (a list given replaces the list)."""
    report, cycle = await _report_to_write(
        session, viewer, Action.WRITE_PROGRESS_REPORT, report_id, version
    )
    if report.status not in EDITABLE:
        raise DomainError.single(
            f"A {report.status.value} report can no longer be edited.", ErrorCode.INVALID_TRANSITION
        )
    _ensure_writable(cycle, clock.today())
    changes = _normalised(changes)
    problems, resolved = await rules.content_problems(
        session, changes, city_id=report.city_id, today=clock.today()
    )
    validation.ensure(problems)
    before = await _snapshot(session, report)
    if "narrative" in changes:
        report.narrative = changes["narrative"]
    await _replace_content(session, report.id, changes, resolved)
    report.updated_at = clock.now()  # bumps the version when only the parts changed
    await flush(session)
    after = await _snapshot(session, report)
    await audit.record(session, viewer, "progress_report.update", report, before, after)
    return report


async def transition_report(
    session: AsyncSession,
    *,
    viewer: Viewer,
    report_id: int,
    version: int,
    transition: Transition,
    note: str | None = None,
) -> ProgressReport:
    """One step of the report's life cycle; submitting needs every area rated."""
    step = LIFE_CYCLE[transition]
    report, cycle = await _report_to_write(session, viewer, step.action, report_id, version)
    LIFE_CYCLE.ensure_possible(report.status, transition)
    if transition is Transition.SUBMIT:
        _ensure_writable(cycle, clock.today())
    note = (note or "").strip() or None
    problems = validation.text(note, "note", required=step.note_required, max_length=rules.NOTE_MAX)
    if transition is Transition.SUBMIT:
        problems += await _completeness_problems(session, report)
    validation.ensure(problems)
    before = await _snapshot(session, report)
    now = clock.now()
    report.status = step.target
    if transition is Transition.SUBMIT:
        report.submitted_at = now
    else:
        report.review_note = note
    if transition is Transition.ACCEPT:
        report.accepted_at = now
    report.updated_at = now
    await flush(session)
    after = await _snapshot(session, report)
    await audit.record(
        session, viewer, f"progress_report.{transition.value}", report, before, after, note
    )
    return report


async def set_report_public(
    session: AsyncSession, *, viewer: Viewer, report_id: int, version: int, is_public: bool
) -> ProgressReport:
    """The city's choice; anyone can read the report once it is also ACCEPTED."""
    report, _ = await _report_to_write(
        session, viewer, Action.PUBLISH_PROGRESS_REPORT, report_id, version
    )
    if report.is_public == is_public:
        return report
    before = _row(report)
    report.is_public = is_public
    await flush(session)
    action = "progress_report.publish" if is_public else "progress_report.unpublish"
    await audit.record(session, viewer, action, report, before, _row(report))
    return report


# -- helpers ----------------------------------------------------------------------------------


def _ensure_writable(cycle: ReportingCycle, today: date) -> None:
    state = cycle_state(cycle, today)
    if state is CycleState.UPCOMING:
        raise DomainError.single(
            f"{cycle.name} opens on {cycle.opens_on.isoformat()}: reports cannot be written yet.",
            ErrorCode.CLOSED,
        )
    if state is CycleState.CLOSED:
        raise DomainError.single(
            f"{cycle.name} closed on {cycle.closes_on.isoformat()}: reports can no longer be "
            "written unless the secretariat reopens it.",
            ErrorCode.CLOSED,
        )


async def _ensure_expected(session: AsyncSession, cycle: ReportingCycle, city: City) -> None:
    """Only cities expected in the cycle (members when it opened, or added) report in it."""
    statement = with_cycle(select(expectation(cycle)).select_from(City), cycle).where(
        City.id == city.id
    )
    reason = Expectation(await session.scalar(statement))
    if reason in EXPECTED:
        return
    why = (
        "the secretariat exempted it from this cycle"
        if reason is Expectation.EXEMPTED
        else f"it was admitted in {city.admitted_year}, not before the cycle opened"
    )
    raise DomainError.single(
        f"{city.name} was not a member expected to report in {cycle.name}: {why}.",
        ErrorCode.INVALID,
        validation.path("cityId"),
    )


async def _report_to_write(
    session: AsyncSession, viewer: Viewer, action: Action, report_id: int, version: int
) -> tuple[ProgressReport, ReportingCycle]:
    """The report, locked, once ``viewer`` may do ``action`` on the version they read.

    NOT_FOUND (before FORBIDDEN) when the viewer cannot see it, so a refusal does not reveal
    another city's draft.
    """
    require_signed_in(viewer, action)
    report = await locked(
        session, ProgressReport, report_id, "The progress report", visible_reports(viewer)
    )
    require(viewer, action, report.city_id)
    check_version(report, version, "The progress report")
    cycle = await session.get(ReportingCycle, report.cycle_id)
    assert cycle is not None
    return report, cycle


async def _completeness_problems(session: AsyncSession, report: ProgressReport) -> list[Problem]:
    areas = await session.scalar(select(func.count()).select_from(KeyFeatureArea))
    rated = await session.scalar(
        select(func.count()).select_from(AreaRating).where(AreaRating.report_id == report.id)
    )
    problems = []
    if rated != areas:
        problems.append(
            Problem(
                f"Rate every Key Features area before submitting ({rated} of {areas} rated).",
                ErrorCode.REQUIRED,
                validation.path("ratings"),
            )
        )
    if not report.narrative:
        problems.append(
            Problem(
                "Write the narrative before submitting.",
                ErrorCode.REQUIRED,
                validation.path("narrative"),
            )
        )
    return problems


def _normalised(changes: Mapping[str, Any]) -> dict[str, Any]:
    return validation.normalise(changes, editable=rules.CONTENT_FIELDS)


def _write_content(
    session: AsyncSession, report_id: int, changes: Mapping[str, Any], resolved: rules.Resolved
) -> None:
    for rating in changes.get("ratings") or ():
        session.add(
            AreaRating(
                report_id=report_id,
                area_id=resolved.areas[rating.area],
                rating=rating.rating,
                justification=rating.justification.strip(),
            )
        )
    for value in changes.get("indicator_values") or ():
        session.add(
            IndicatorValue(
                report_id=report_id,
                indicator_id=resolved.indicators[value.indicator],
                value=value.value,
                year=value.year,
                source=(value.source or "").strip() or None,
            )
        )
    for entry in changes.get("roadmap") or ():
        session.add(
            RoadmapEntry(
                report_id=report_id,
                guideline_area=entry.guideline_area,
                stage=entry.stage,
                next_steps=(entry.next_steps or "").strip() or None,
            )
        )
    for position, practice_id in enumerate(changes.get("evidence") or ()):
        session.add(ReportEvidence(report_id=report_id, practice_id=practice_id, position=position))


PARTS = {
    "ratings": AreaRating,
    "indicator_values": IndicatorValue,
    "roadmap": RoadmapEntry,
    "evidence": ReportEvidence,
}


async def _replace_content(
    session: AsyncSession, report_id: int, changes: Mapping[str, Any], resolved: rules.Resolved
) -> None:
    for name, model in PARTS.items():
        if name in changes:
            await session.execute(delete(model).where(model.report_id == report_id))
    _write_content(session, report_id, {k: v for k, v in changes.items() if k in PARTS}, resolved)


def _row(row: Any) -> audit.Snapshot:
    return audit.snapshot(row)


async def _snapshot(session: AsyncSession, report: ProgressReport) -> audit.Snapshot:
    """The report and its parts, as the audit trail keeps them (areas and indicators by name)."""
    await session.flush()
    ratings = await session.execute(
        select(KeyFeatureArea.number, AreaRating.rating, AreaRating.justification)
        .join(KeyFeatureArea, KeyFeatureArea.id == AreaRating.area_id)
        .where(AreaRating.report_id == report.id)
        .order_by(KeyFeatureArea.position)
    )
    values = await session.execute(
        select(Indicator.slug, IndicatorValue.value, IndicatorValue.year, IndicatorValue.source)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(IndicatorValue.report_id == report.id)
        .order_by(Indicator.slug)
    )
    roadmap = await session.execute(
        select(RoadmapEntry.guideline_area, RoadmapEntry.stage, RoadmapEntry.next_steps)
        .where(RoadmapEntry.report_id == report.id)
        .order_by(RoadmapEntry.guideline_area)
    )
    evidence = await session.scalars(
        select(ReportEvidence.practice_id)
        .where(ReportEvidence.report_id == report.id)
        .order_by(ReportEvidence.position)
    )
    return audit.snapshot(
        report,
        ratings={number: [rating, text] for number, rating, text in ratings},
        indicator_values={slug: [value, year, source] for slug, value, year, source in values},
        roadmap={area.value: [stage.value, steps] for area, stage, steps in roadmap},
        evidence=list(evidence),
    )
