"""HTTP routes beside /graphql: SVG charts (linked from the API) and the secretariat's CSV.

They authenticate like /graphql (``Authorization: Bearer …``; a bad token is 401) and apply the
same reading rules: anonymous callers get pictures of public data only.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gnlc_hub.auth.rules import Action, allows
from gnlc_hub.auth.tokens import InvalidToken, resolve_viewer
from gnlc_hub.cities.models import City
from gnlc_hub.core import clock
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.core.vocabularies import REGION_NAMES, RegionCode
from gnlc_hub.monitoring import benchmarks, charts, export, queries
from gnlc_hub.monitoring.enums import BenchmarkGroup, Standing
from gnlc_hub.monitoring.models import ProgressReport, ReportingCycle
from gnlc_hub.runtime import Runtime

SVG = "image/svg+xml"


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def _viewer(session: AsyncSession, request: Request) -> Viewer:
    try:
        return await resolve_viewer(session, request.headers.get("authorization"))
    except InvalidToken as error:
        raise Refused(401, str(error)) from None


def _runtime(request: Request) -> Runtime:
    return request.app.state.runtime


async def _answer(request: Request, work: Any) -> Response:
    """Run ``work(session, viewer)`` (a read: charts and exports write nothing, so they never
    wait for SQLite's write lock); refusals become plain JSON errors."""
    runtime = _runtime(request)
    clock.use(runtime.clock)  # as /graphql does: the rules read the runtime's clock
    try:
        async with runtime.database.sessions() as session:
            viewer = await _viewer(session, request)
            runtime.token_usage.note(viewer.token_id)  # written later, off this request's path
            return await work(session, viewer)
    except Refused as refused:
        return JSONResponse({"error": str(refused)}, status_code=refused.status)


async def _cycle(session: AsyncSession, slug: str) -> ReportingCycle:
    cycle = await session.scalar(select(ReportingCycle).where(ReportingCycle.slug == slug))
    if cycle is None:
        raise Refused(404, f"There is no reporting cycle {slug!r}.")
    return cycle


async def report_chart(request: Request) -> Response:
    """The report's ratings against its region's and the network's medians."""
    raw = request.path_params["report_id"]

    async def work(session: AsyncSession, viewer: Viewer) -> Response:
        report = None
        if raw.isascii() and raw.isdigit() and len(raw) <= 10:
            report = await session.scalar(
                select(ProgressReport).where(
                    ProgressReport.id == int(raw), queries.visible_reports(viewer)
                )
            )
        if report is None:
            raise Refused(404, "There is no such report you may see.")
        cycle = await session.get(ReportingCycle, report.cycle_id)
        city = await session.get(City, report.city_id)
        assert cycle is not None
        assert city is not None
        point = await benchmarks.standpoint(session, viewer=viewer, city_id=city.id, cycle=cycle)
        figures = await benchmarks.area_figures(session, point)
        shown = (BenchmarkGroup.REGION, BenchmarkGroup.NETWORK)
        medians = {
            group: [
                next(s.median for s in summaries if s.group is group) for _, _, summaries in figures
            ]
            for group in shown
        }
        withheld = [g.value.lower() for g in shown if all(v is None for v in medians[g])]
        note = (
            f"{', '.join(withheld)} median withheld: fewer than {benchmarks.MIN_GROUP} "
            "accepted reports"
            if withheld
            else None
        )
        svg = charts.ratings_radar(
            f"{city.name}: self-assessment, {cycle.name}",
            [area for area, _, _ in figures],
            (city.name, [rating for _, rating, _ in figures]),
            medians,
            note,
        )
        return Response(svg, media_type=SVG)

    return await _answer(request, work)


async def coverage_chart(request: Request) -> Response:
    """Member cities per region by standing: counts only, so public."""

    async def work(session: AsyncSession, _viewer: Viewer) -> Response:
        cycle = await _cycle(session, request.path_params["slug"])
        today = clock.today()
        counts: dict[str, dict[Standing, int]] = defaultdict(dict)
        for code in RegionCode:
            counts[REGION_NAMES[code]] = {}
        for region, standing, count in await session.execute(queries.standing_counts(cycle, today)):
            counts[REGION_NAMES[RegionCode(region)]][Standing(standing)] = count
        svg = charts.coverage_bars(f"Reporting coverage, {cycle.name} (on {today})", counts)
        return Response(svg, media_type=SVG)

    return await _answer(request, work)


async def cycle_export(request: Request) -> Response:
    """The secretariat's CSV of a cycle's accepted reports."""

    async def work(session: AsyncSession, viewer: Viewer) -> Response:
        if viewer.is_anonymous:
            raise Refused(401, f"Send a bearer token to {Action.EXPORT_PROGRESS_REPORTS.value}.")
        if not allows(viewer, Action.EXPORT_PROGRESS_REPORTS):
            raise Refused(403, f"You may not {Action.EXPORT_PROGRESS_REPORTS.value}.")
        cycle = await _cycle(session, request.path_params["slug"])
        body = await export.cycle_csv(session, cycle)
        disposition = f'attachment; filename="gnlc-progress-reports-{cycle.slug}.csv"'
        return Response(body, media_type="text/csv", headers={"Content-Disposition": disposition})

    return await _answer(request, work)


ROUTES = [
    Route("/charts/progress-reports/{report_id}.svg", report_chart),
    Route("/charts/reporting-cycles/{slug}/coverage.svg", coverage_chart),
    Route("/exports/reporting-cycles/{slug}.csv", cycle_export),
]
