"""Every monitoring write, private field and picture, tried as every kind of caller.

The expectations are written out here, independently of `auth.rules`, so that a change to the
rules shows up as a failing row of this table.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.monitoring import actions
from gnlc_hub.monitoring.enums import IndicatorDirection, ReportStatus
from gnlc_hub.monitoring.models import ReportingCycle
from tests.conftest import GraphQLClient
from tests.graphql.monitoring import support as api
from tests.graphql.support import STAFF, gid
from tests.graphql.test_access_matrix import (
    ADMIN_SEES,
    OK,
    OWN_CITY,
    OWN_DRAFT,
    ROLES,
    SEES_CITY_PRIVATE,
    STAFF_ONLY,
    STAFF_SEES,
    Operation,
    outcomes,
    tokens,
)
from tests.graphql.test_access_matrix import test_mutation_as_role as check_mutation_as_role
from tests.helpers import city_gid
from tests.monitoring.support import open_cycle, report_in

__all__ = ["tokens"]  # the fixture: a bearer token per role, Larissa is the own city

# Reviewing a report that is under review: other cities cannot see it at all.
REVIEW = outcomes("UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", OK, OK)
# Publishing is the city's own choice: not even the secretariat makes it.
CITY_ONLY = outcomes("UNAUTHENTICATED", OK, "NOT_FOUND", "FORBIDDEN", "FORBIDDEN")
CITY_ONLY_PUBLISHED = outcomes("UNAUTHENTICATED", OK, "FORBIDDEN", "FORBIDDEN", "FORBIDDEN")

Prepared = tuple[str, dict[str, Any], Any]


async def _cycle(session: AsyncSession) -> ReportingCycle:
    return await open_cycle(session)


async def _define(session: AsyncSession) -> Prepared:
    return (
        api.DEFINE_INDICATOR,
        {
            "name": "Learning hours",
            "description": "Hours of organised learning per adult and year.",
            "unit": "hours",
            "direction": "HIGHER_IS_BETTER",
            "keyFeatureArea": "2.6",
        },
        None,
    )


async def _retire(session: AsyncSession) -> Prepared:
    indicator = await actions.define_indicator(
        session,
        viewer=STAFF,
        slug=None,
        name="Reading clubs",
        description="Reading clubs meeting at least monthly.",
        unit="clubs",
        direction=IndicatorDirection.HIGHER_IS_BETTER,
        area_number="2.2",
    )
    await session.commit()
    return api.RETIRE_INDICATOR, {"id": gid(indicator), "version": indicator.version}, indicator


async def _open(session: AsyncSession) -> Prepared:
    return (
        api.OPEN_CYCLE,
        {"name": "2026–2027", "opensOn": "2026-04-01", "closesOn": "2027-12-31"},
        None,
    )


async def _reopen(session: AsyncSession) -> Prepared:
    cycle = await _cycle(session)
    return (
        api.REOPEN_CYCLE,
        {"id": gid(cycle), "version": cycle.version, "until": "2026-03-01"},
        cycle,
    )


async def _create(session: AsyncSession) -> Prepared:
    cycle = await _cycle(session)
    city = await city_gid(session, "larissa")
    return api.CREATE_REPORT, {"cycleId": gid(cycle), "cityId": city, "narrative": "Ours."}, None


def _update(status: ReportStatus) -> Callable[[AsyncSession], Awaitable[Prepared]]:
    async def prepare(session: AsyncSession) -> Prepared:
        report = await report_in(session, status, await _cycle(session))
        change = {"id": gid(report), "version": report.version, "narrative": "Changed."}
        return api.UPDATE_REPORT, change, report

    return prepare


def _step(status: ReportStatus, name: str) -> Callable[[AsyncSession], Awaitable[Prepared]]:
    async def prepare(session: AsyncSession) -> Prepared:
        report = await report_in(session, status, await _cycle(session))
        step = {"id": gid(report), "version": report.version, "note": "Reviewed."}
        return api.STEPS[name], step, report

    return prepare


def _publish(status: ReportStatus) -> Callable[[AsyncSession], Awaitable[Prepared]]:
    async def prepare(session: AsyncSession) -> Prepared:
        report = await report_in(session, status, await _cycle(session))
        return (
            api.SET_PUBLIC,
            {"id": gid(report), "version": report.version, "isPublic": True},
            report,
        )

    return prepare


OPERATIONS = [
    Operation("defineIndicator", "indicator", _define, STAFF_ONLY),
    Operation("retireIndicator", "indicator", _retire, STAFF_ONLY),
    Operation("openReportingCycle", "cycle", _open, STAFF_ONLY),
    Operation("reopenReportingCycle", "cycle", _reopen, STAFF_ONLY),
    Operation("createProgressReport", "report", _create, OWN_CITY),
    Operation("updateProgressReport", "report", _update(ReportStatus.DRAFT), OWN_DRAFT),
    Operation("updateProgressReport", "report", _update(ReportStatus.RETURNED), OWN_DRAFT),
    Operation(
        "submitProgressReport",
        "report",
        _step(ReportStatus.DRAFT, "submitProgressReport"),
        OWN_DRAFT,
    ),
    Operation(
        "returnProgressReport",
        "report",
        _step(ReportStatus.SUBMITTED, "returnProgressReport"),
        REVIEW,
    ),
    Operation(
        "acceptProgressReport",
        "report",
        _step(ReportStatus.SUBMITTED, "acceptProgressReport"),
        REVIEW,
    ),
    Operation("setProgressReportPublic", "report", _publish(ReportStatus.DRAFT), CITY_ONLY),
    Operation("setProgressReportPublic", "report", _publish(ReportStatus.ACCEPTED), CITY_ONLY),
]
CASES = [
    pytest.param(operation, role, id=f"{operation.name}[{index}]-{role}")
    for index, operation in enumerate(OPERATIONS)
    for role in ROLES
]


@pytest.mark.parametrize(("operation", "role"), CASES)
async def test_mutation_as_role(
    gql: GraphQLClient,
    session: AsyncSession,
    tokens: dict[str, str | None],
    operation: Operation,
    role: str,
) -> None:
    """The curation matrix's check, row by row: refusals are userErrors that write nothing."""
    await check_mutation_as_role(gql, session, tokens, operation, role)


def test_every_monitoring_mutation_is_in_the_matrix() -> None:
    from gnlc_hub.graphql.monitoring.mutations import MonitoringMutation

    mine = {
        field.graphql_name or field.python_name
        for field in MonitoringMutation.__strawberry_definition__.fields
    }
    from strawberry.utils.str_converters import to_camel_case

    mine = {to_camel_case(name) for name in mine}
    assert {operation.name for operation in OPERATIONS} == mine


# -- reading ------------------------------------------------------------------------------------

REPORT_QUERY = '{ progressReport(city: "larissa") { narrative } }'


@dataclass(frozen=True)
class Read:
    name: str
    prepare: Callable[[AsyncSession], Awaitable[tuple[str, Callable[[dict], Any]]]]
    expected: dict[str, str]


def _report_through(kind: str, status: ReportStatus, public: bool) -> Any:
    async def prepare(session: AsyncSession) -> tuple[str, Callable[[dict], Any]]:
        report = await report_in(session, status, await _cycle(session), public=public)
        queries = {
            "progressReport": (REPORT_QUERY, lambda d: d["progressReport"]),
            "node": (
                f'{{ node(id: "{gid(report)}") {{ ... on ProgressReport {{ narrative }} }} }}',
                lambda d: d["node"],
            ),
            "progressReports": (
                "{ progressReports(first: 100) { edges { node { city { slug } } } } }",
                lambda d: (
                    [
                        e
                        for e in d["progressReports"]["edges"]
                        if e["node"]["city"]["slug"] == "larissa"
                    ]
                    or None
                ),
            ),
            "benchmark.report": (
                '{ benchmark(city: "larissa") { report { status } areas { cityRating } } }',
                lambda d: (
                    d["benchmark"]["report"]
                    or [a for a in d["benchmark"]["areas"] if a["cityRating"] is not None]
                    or None
                ),
            ),
        }
        return queries[kind]

    return prepare


def _private(field: str, status: ReportStatus) -> Any:
    async def prepare(session: AsyncSession) -> tuple[str, Callable[[dict], Any]]:
        await report_in(session, status, await _cycle(session), public=True)
        query = f'{{ progressReport(city: "larissa") {{ {field} }} }}'
        return query, lambda d: (d["progressReport"] or {}).get(field.split(" ")[0])

    return prepare


async def _export_url(session: AsyncSession) -> tuple[str, Callable[[dict], Any]]:
    await _cycle(session)
    return '{ reportingCycle(slug: "2024-2025") { exportUrl } }', lambda d: d["reportingCycle"][
        "exportUrl"
    ]


def _standing_of(slug: str) -> Any:
    async def prepare(session: AsyncSession) -> tuple[str, Callable[[dict], Any]]:
        await _cycle(session)
        query = (
            '{ reportingStatus(first: 100, filter: {countries: ["GR", "JP"]}) '
            "{ edges { node { city { slug } } } } }"
        )

        def extract(data: dict) -> Any:
            if data["reportingStatus"] is None:
                return None
            slugs = [e["node"]["city"]["slug"] for e in data["reportingStatus"]["edges"]]
            return [s for s in slugs if s == slug] or None

        return query, extract

    return prepare


PUBLIC_ONCE_ACCEPTED = outcomes("shown", "shown", "shown", "shown", "shown")
DRAFTS = [
    Read(f"draft via {kind}", _report_through(kind, ReportStatus.DRAFT, True), SEES_CITY_PRIVATE)
    for kind in ("progressReport", "node", "progressReports", "benchmark.report")
]
ACCEPTED_PRIVATE = [
    Read(
        f"accepted, not public, via {kind}",
        _report_through(kind, ReportStatus.ACCEPTED, False),
        SEES_CITY_PRIVATE,
    )
    for kind in ("progressReport", "node", "progressReports", "benchmark.report")
]
ACCEPTED_PUBLIC = [
    Read(
        f"accepted and public via {kind}",
        _report_through(kind, ReportStatus.ACCEPTED, True),
        PUBLIC_ONCE_ACCEPTED,
    )
    for kind in ("progressReport", "node", "progressReports", "benchmark.report")
]
READS = [
    *DRAFTS,
    *ACCEPTED_PRIVATE,
    *ACCEPTED_PUBLIC,
    Read(
        "ProgressReport.reviewNote",
        _private("reviewNote", ReportStatus.RETURNED),
        SEES_CITY_PRIVATE,
    ),
    Read(
        "ProgressReport.history", _private("history { action }", ReportStatus.ACCEPTED), STAFF_SEES
    ),
    Read("ReportingCycle.exportUrl", _export_url, STAFF_SEES),
    Read("reportingStatus of Larissa", _standing_of("larissa"), SEES_CITY_PRIVATE),
    Read(
        "reportingStatus of Okayama",
        _standing_of("okayama"),
        outcomes("hidden", "hidden", "shown", "shown", "shown"),
    ),
]
assert ADMIN_SEES  # imported for symmetry with the curation matrix


@pytest.mark.parametrize(
    ("read", "role"),
    [pytest.param(r, role, id=f"{r.name}-{role}") for r in READS for role in ROLES],
)
async def test_read_as_role(
    gql: GraphQLClient,
    session: AsyncSession,
    tokens: dict[str, str | None],
    read: Read,
    role: str,
) -> None:
    query, extract = await read.prepare(session)
    body = await gql(query, token=tokens[role])
    assert "errors" not in body, body
    value = extract(body["data"])
    if read.expected[role] == "shown":
        assert value, f"{read.name} should be visible to {role}"
    else:
        assert value in (None, []), f"{read.name} leaked to {role}: {value}"


# -- pictures and the export --------------------------------------------------------------------

CHART_PRIVATE = outcomes(404, 200, 404, 200, 200)
CHART_PUBLIC = outcomes(200, 200, 200, 200, 200)
EXPORT = outcomes(401, 403, 403, 200, 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("public", "expected"),
    [(False, CHART_PRIVATE), (True, CHART_PUBLIC)],
    ids=["private", "public"],
)
async def test_report_chart_as_role(
    gql: GraphQLClient, session: AsyncSession, tokens: dict, role: str, public: bool, expected
) -> None:
    report = await report_in(session, ReportStatus.ACCEPTED, await _cycle(session), public=public)
    headers = {"Authorization": f"Bearer {tokens[role]}"} if tokens[role] else {}
    response = await gql.http.get(f"/charts/progress-reports/{report.id}.svg", headers=headers)
    assert response.status_code == expected[role]
    if response.status_code == 200:
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert b"Larissa" in response.content
    else:
        assert b"Larissa" not in response.content


@pytest.mark.parametrize("role", ROLES)
async def test_export_as_role(
    gql: GraphQLClient, session: AsyncSession, tokens: dict, role: str
) -> None:
    await report_in(session, ReportStatus.ACCEPTED, await _cycle(session))
    headers = {"Authorization": f"Bearer {tokens[role]}"} if tokens[role] else {}
    response = await gql.http.get("/exports/reporting-cycles/2024-2025.csv", headers=headers)
    assert response.status_code == EXPORT[role]
    assert (b"larissa" in response.content) == (EXPORT[role] == 200)


async def test_a_bad_token_is_refused_by_the_routes(gql: GraphQLClient, session) -> None:
    await _cycle(session)
    response = await gql.http.get(
        "/charts/reporting-cycles/2024-2025/coverage.svg",
        headers={"Authorization": "Bearer nope"},
    )
    assert response.status_code == 401
