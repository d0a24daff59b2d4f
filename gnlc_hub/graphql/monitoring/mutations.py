"""Mutations of monitoring: indicators and cycles (secretariat), progress reports (cities, then
the secretariat's review)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from gnlc_hub.auth.rules import Action
from gnlc_hub.graphql.core.mutations import UserError, acting_city, pk_of, provided, run_mutation
from gnlc_hub.graphql.monitoring.inputs import (
    CreateProgressReportInput,
    DefineIndicatorInput,
    OpenReportingCycleInput,
    ProgressReportFields,
    ProgressReportStepInput,
    ReopenReportingCycleInput,
    RetireIndicatorInput,
    SetProgressReportPublicInput,
    UpdateProgressReportInput,
)
from gnlc_hub.graphql.monitoring.types import (
    Indicator,
    ProgressReport,
    ReportingCycle,
)
from gnlc_hub.monitoring import actions


def user_errors_field() -> Any:
    """The payloads' ``userErrors``, described once."""
    return strawberry.field(description="Why the mutation was refused; empty on success.")


@strawberry.type(description="The indicator after the mutation, or why nothing changed.")
class IndicatorPayload:
    indicator: Indicator | None = strawberry.field(
        description="The indicator as it is now; null when the mutation was refused."
    )
    user_errors: list[UserError] = user_errors_field()


@strawberry.type(description="The reporting cycle after the mutation, or why nothing changed.")
class ReportingCyclePayload:
    cycle: ReportingCycle | None = strawberry.field(
        description="The cycle as it is now; null when the mutation was refused."
    )
    user_errors: list[UserError] = user_errors_field()


@strawberry.type(description="The progress report after the mutation, or why nothing changed.")
class ProgressReportPayload:
    report: ProgressReport | None = strawberry.field(
        description="The report as it is now; null when the mutation was refused."
    )
    user_errors: list[UserError] = user_errors_field()


def content(input: ProgressReportFields, *, exclude: set[str]) -> dict[str, Any]:
    """The report parts the client sent, as domain values (absent parts left out)."""
    changes = provided(input, exclude=exclude)
    for name in ("ratings", "indicator_values", "roadmap"):
        if changes.get(name) is not None:
            changes[name] = [item.to_domain() for item in changes[name]]
    if changes.get("evidence") is not None:
        changes["evidence"] = [
            pk_of(gid, "Practice", "evidence", str(index))
            for index, gid in enumerate(changes["evidence"])
        ]
    return changes


async def _report(
    info: Info, work: Callable[[AsyncSession], Awaitable[Any]]
) -> ProgressReportPayload:
    report, errors = await run_mutation(info, work)
    return ProgressReportPayload(report=report, user_errors=errors)


async def _step(
    info: Info, input: ProgressReportStepInput, transition: actions.Transition
) -> ProgressReportPayload:
    viewer = info.context.viewer

    async def work(session: AsyncSession) -> Any:
        return await actions.transition_report(
            session,
            viewer=viewer,
            report_id=pk_of(input.id, "ProgressReport", "id"),
            version=input.version,
            transition=transition,
            note=input.note,
        )

    return await _report(info, work)


@strawberry.type(description="Monitoring: indicators, reporting cycles and progress reports.")
class MonitoringMutation:
    @strawberry.mutation(description="Secretariat: define a new indicator.")
    async def define_indicator(self, info: Info, input: DefineIndicatorInput) -> IndicatorPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> Any:
            return await actions.define_indicator(
                session,
                viewer=viewer,
                slug=input.slug,
                name=input.name,
                description=input.description,
                unit=input.unit,
                direction=input.direction,
                area_number=input.key_feature_area.strip(),
                guideline_area=input.guideline_area,
                source_url=input.source_url,
            )

        indicator, errors = await run_mutation(info, work)
        return IndicatorPayload(indicator=indicator, user_errors=errors)

    @strawberry.mutation(
        description="Secretariat: retire an indicator. Reports keep the values they hold; new "
        "values are refused."
    )
    async def retire_indicator(self, info: Info, input: RetireIndicatorInput) -> IndicatorPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> Any:
            return await actions.retire_indicator(
                session,
                viewer=viewer,
                indicator_id=pk_of(input.id, "Indicator", "id"),
                version=input.version,
            )

        indicator, errors = await run_mutation(info, work)
        return IndicatorPayload(indicator=indicator, user_errors=errors)

    @strawberry.mutation(description="Secretariat: open a reporting cycle.")
    async def open_reporting_cycle(
        self, info: Info, input: OpenReportingCycleInput
    ) -> ReportingCyclePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> Any:
            return await actions.open_cycle(
                session,
                viewer=viewer,
                name=input.name,
                slug=input.slug,
                opens_on=input.opens_on,
                closes_on=input.closes_on,
                include=[pk_of(g, "City", "include", str(i)) for i, g in enumerate(input.include)],
                exclude=[pk_of(g, "City", "exclude", str(i)) for i, g in enumerate(input.exclude)],
            )

        cycle, errors = await run_mutation(info, work)
        return ReportingCyclePayload(cycle=cycle, user_errors=errors)

    @strawberry.mutation(
        description="Secretariat: let cities write again after the deadline, until a date."
    )
    async def reopen_reporting_cycle(
        self, info: Info, input: ReopenReportingCycleInput
    ) -> ReportingCyclePayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> Any:
            return await actions.reopen_cycle(
                session,
                viewer=viewer,
                cycle_id=pk_of(input.id, "ReportingCycle", "id"),
                version=input.version,
                until=input.until,
            )

        cycle, errors = await run_mutation(info, work)
        return ReportingCyclePayload(cycle=cycle, user_errors=errors)

    @strawberry.mutation(
        description="Start a city's DRAFT report for a cycle: the city's editors or the "
        "secretariat, while the cycle is open, for a city expected to report, once per cycle."
    )
    async def create_progress_report(
        self, info: Info, input: CreateProgressReportInput
    ) -> ProgressReportPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> Any:
            return await actions.create_report(
                session,
                viewer=viewer,
                cycle_id=pk_of(input.cycle_id, "ReportingCycle", "cycleId"),
                city_id=acting_city(viewer, input.city_id, Action.WRITE_PROGRESS_REPORT),
                changes=content(input, exclude={"cycle_id", "city_id"}),
            )

        return await _report(info, work)

    @strawberry.mutation(
        description="Change a DRAFT or RETURNED report while its cycle is open; only the parts "
        "you send change."
    )
    async def update_progress_report(
        self, info: Info, input: UpdateProgressReportInput
    ) -> ProgressReportPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> Any:
            return await actions.update_report(
                session,
                viewer=viewer,
                report_id=pk_of(input.id, "ProgressReport", "id"),
                version=input.version,
                changes=content(input, exclude={"id", "version"}),
            )

        return await _report(info, work)

    @strawberry.mutation(
        description="Send a DRAFT or RETURNED report to the secretariat; every area must be "
        "rated and the narrative written."
    )
    async def submit_progress_report(
        self, info: Info, input: ProgressReportStepInput
    ) -> ProgressReportPayload:
        return await _step(info, input, actions.Transition.SUBMIT)

    @strawberry.mutation(
        description="Secretariat: send a SUBMITTED report back to its city with a note (required)."
    )
    async def return_progress_report(
        self, info: Info, input: ProgressReportStepInput
    ) -> ProgressReportPayload:
        return await _step(info, input, actions.Transition.RETURN)

    @strawberry.mutation(description="Secretariat: accept a SUBMITTED report.")
    async def accept_progress_report(
        self, info: Info, input: ProgressReportStepInput
    ) -> ProgressReportPayload:
        return await _step(info, input, actions.Transition.ACCEPT)

    @strawberry.mutation(
        description="The city's editors: choose whether the report is public once accepted."
    )
    async def set_progress_report_public(
        self, info: Info, input: SetProgressReportPublicInput
    ) -> ProgressReportPayload:
        viewer = info.context.viewer

        async def work(session: AsyncSession) -> Any:
            return await actions.set_report_public(
                session,
                viewer=viewer,
                report_id=pk_of(input.id, "ProgressReport", "id"),
                version=input.version,
                is_public=input.is_public,
            )

        return await _report(info, work)
