"""The issue's bad inputs: each is a userError with a code and a field, and nothing is written."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.viewer import Role
from gnlc_hub.monitoring import actions
from gnlc_hub.monitoring.enums import IndicatorDirection, ReportStatus
from gnlc_hub.monitoring.models import IndicatorValue, ProgressReport, ReportingCycle
from tests.conftest import GraphQLClient
from tests.graphql.monitoring import support as api
from tests.graphql.support import STAFF, audit_count, fresh, gid
from tests.helpers import city_gid, codes, mutate
from tests.monitoring.support import on, open_cycle, report_in


async def written(session: AsyncSession) -> tuple[int, int, int]:
    reports = await session.scalar(select(func.count()).select_from(ProgressReport))
    values = await session.scalar(select(func.count()).select_from(IndicatorValue))
    return reports, values, await audit_count(session)


@pytest.fixture
async def cycle(session: AsyncSession) -> ReportingCycle:
    return await open_cycle(session)


@pytest.fixture
async def staff(issue_token: Any) -> str:
    return await issue_token(Role.SECRETARIAT)


@pytest.fixture
async def editor(issue_token: Any) -> str:
    return await issue_token(Role.CITY_EDITOR, city="larissa")


async def refused(
    gql: GraphQLClient, session: AsyncSession, document: str, input_: dict, token: str
) -> dict:
    before = await written(session)
    payload = await mutate(gql, document, input_, token)
    assert payload["report" if "report" in payload else "cycle"] is None
    assert await written(session) == before, "a refused write wrote something"
    return payload


async def test_ratings_outside_one_to_five(gql, session, cycle, editor) -> None:
    ratings = api.ratings_input()
    ratings[0]["rating"] = 0
    ratings[5]["rating"] = 6
    payload = await refused(
        gql, session, api.CREATE_REPORT, {"cycleId": gid(cycle), "ratings": ratings}, editor
    )
    assert codes(payload) == ["INVALID", "INVALID"]
    assert [e["field"] for e in payload["userErrors"]] == [
        ["input", "ratings", "0", "rating"],
        ["input", "ratings", "5", "rating"],
    ]


async def test_unknown_area_duplicate_area_and_missing_justification(
    gql, session, cycle, editor
) -> None:
    ratings = [
        {"area": "4.1", "rating": 3, "justification": "x"},
        {"area": "1.1", "rating": 3, "justification": " "},
        {"area": "1.1", "rating": 3, "justification": "again"},
    ]
    payload = await refused(
        gql, session, api.CREATE_REPORT, {"cycleId": gid(cycle), "ratings": ratings}, editor
    )
    assert sorted(codes(payload)) == ["DUPLICATE", "NOT_FOUND", "REQUIRED"]


async def test_values_for_retired_indicators(gql, session, cycle, editor) -> None:
    indicator = await actions.define_indicator(
        session,
        viewer=STAFF,
        slug="green-jobs",
        name="Green jobs",
        description="Jobs in green sectors.",
        unit="jobs",
        direction=IndicatorDirection.HIGHER_IS_BETTER,
        area_number="1.3",
    )
    await actions.retire_indicator(
        session, viewer=STAFF, indicator_id=indicator.id, version=indicator.version
    )
    await session.commit()
    value = {"indicator": "green-jobs", "value": 10, "year": 2024}
    payload = await refused(
        gql,
        session,
        api.CREATE_REPORT,
        {"cycleId": gid(cycle), "indicatorValues": [value]},
        editor,
    )
    assert codes(payload) == ["INVALID"]
    assert "retired" in payload["userErrors"][0]["message"]
    assert payload["userErrors"][0]["field"] == ["input", "indicatorValues", "0", "indicator"]


async def test_a_year_in_the_future_or_an_unknown_indicator(gql, session, cycle, editor) -> None:
    values = [{"indicator": "no-such-indicator", "value": 1, "year": 2030}]
    payload = await refused(
        gql, session, api.CREATE_REPORT, {"cycleId": gid(cycle), "indicatorValues": values}, editor
    )
    assert sorted(codes(payload)) == ["INVALID", "NOT_FOUND"]


async def test_a_city_that_was_not_a_member_in_the_cycle(gql, session, cycle, staff) -> None:
    city = await city_gid(session, "porto-novo")  # admitted 2025, the cycle opened in 2024
    payload = await refused(
        gql, session, api.CREATE_REPORT, {"cycleId": gid(cycle), "cityId": city}, staff
    )
    assert codes(payload) == ["INVALID"]
    assert payload["userErrors"][0]["field"] == ["input", "cityId"]
    assert "2025" in payload["userErrors"][0]["message"]


async def test_a_second_report_for_the_same_city_and_cycle(gql, session, cycle, editor) -> None:
    await report_in(session, ReportStatus.DRAFT, cycle)
    payload = await refused(gql, session, api.CREATE_REPORT, {"cycleId": gid(cycle)}, editor)
    assert codes(payload) == ["DUPLICATE"]


async def test_writes_after_the_cycle_closed_unless_reopened(
    gql, session, app, editor, staff
) -> None:
    cycle = await open_cycle(session, opens_on=date(2023, 1, 1), closes_on=date(2025, 5, 31))
    with on(date(2025, 5, 1)):
        report = await report_in(session, ReportStatus.DRAFT, cycle)
    change = {"id": gid(report), "version": report.version, "narrative": "Late words."}
    for document, input_ in (
        (api.CREATE_REPORT, {"cycleId": gid(cycle), "cityId": await city_gid(session, "cork")}),
        (api.UPDATE_REPORT, change),
        (api.STEPS["submitProgressReport"], {"id": gid(report), "version": report.version}),
    ):
        payload = await refused(gql, session, document, input_, staff)
        assert codes(payload) == ["CLOSED"], payload

    reopened = await mutate(
        gql,
        api.REOPEN_CYCLE,
        {"id": gid(cycle), "version": cycle.version, "until": "2025-06-30"},
        staff,
    )
    assert reopened["userErrors"] == []
    assert reopened["cycle"]["state"] == "OPEN"
    assert reopened["cycle"]["closesOn"] == "2025-05-31"  # the deadline stays
    updated = await mutate(gql, api.UPDATE_REPORT, change, editor)
    assert updated["userErrors"] == []
    assert updated["report"]["narrative"] == "Late words."


async def test_writes_before_the_cycle_opens(gql, session, editor) -> None:
    cycle = await open_cycle(session, opens_on=date(2026, 1, 1), closes_on=date(2027, 12, 31))
    payload = await refused(gql, session, api.CREATE_REPORT, {"cycleId": gid(cycle)}, editor)
    assert codes(payload) == ["CLOSED"]


async def test_an_editor_touching_another_citys_report(gql, session, cycle, issue_token) -> None:
    okayama = await issue_token(Role.CITY_EDITOR, city="okayama")
    draft = await report_in(session, ReportStatus.DRAFT, cycle)
    payload = await refused(
        gql,
        session,
        api.UPDATE_REPORT,
        {"id": gid(draft), "version": draft.version, "narrative": "Not mine."},
        okayama,
    )
    assert codes(payload) == ["NOT_FOUND"]  # a draft of another city is not even confirmed
    larissa = await city_gid(session, "larissa")
    payload = await refused(
        gql, session, api.CREATE_REPORT, {"cycleId": gid(cycle), "cityId": larissa}, okayama
    )
    assert codes(payload) == ["FORBIDDEN"]
    assert (await fresh(session, draft)).narrative != "Not mine."


async def test_a_stale_version_is_a_conflict(gql, session, cycle, editor) -> None:
    draft = await report_in(session, ReportStatus.DRAFT, cycle)
    change = {"id": gid(draft), "version": draft.version - 1, "narrative": "Stale."}
    payload = await refused(gql, session, api.UPDATE_REPORT, change, editor)
    assert codes(payload) == ["CONFLICT"]


async def test_submitting_an_incomplete_report(gql, session, cycle, editor) -> None:
    created = await mutate(gql, api.CREATE_REPORT, {"cycleId": gid(cycle)}, editor)
    report = created["report"]
    payload = await refused(
        gql,
        session,
        api.STEPS["submitProgressReport"],
        {"id": report["id"], "version": report["version"]},
        editor,
    )
    assert sorted(codes(payload)) == ["REQUIRED", "REQUIRED"]


async def test_returning_needs_a_note_and_steps_need_the_right_state(
    gql, session, cycle, staff
) -> None:
    submitted = await report_in(session, ReportStatus.SUBMITTED, cycle)
    step = {"id": gid(submitted), "version": submitted.version}
    payload = await refused(gql, session, api.STEPS["returnProgressReport"], step, staff)
    assert codes(payload) == ["REQUIRED"]
    draft = await report_in(session, ReportStatus.DRAFT, cycle, city="cork")
    step = {"id": gid(draft), "version": draft.version}
    payload = await refused(gql, session, api.STEPS["acceptProgressReport"], step, staff)
    assert codes(payload) == ["INVALID_TRANSITION"]


async def test_evidence_must_be_the_citys_own_practice(gql, session, cycle, editor) -> None:
    from gnlc_hub.practices.models import Practice
    from tests.helpers import city_pk

    other = await session.scalar(
        select(Practice).where(Practice.city_id == await city_pk(session, "okayama")).limit(1)
    )
    payload = await refused(
        gql, session, api.CREATE_REPORT, {"cycleId": gid(cycle), "evidence": [gid(other)]}, editor
    )
    assert codes(payload) == ["NOT_FOUND"]
    assert payload["userErrors"][0]["field"] == ["input", "evidence", "0"]


async def test_bad_cycles(gql, session, staff) -> None:
    payload = await refused(
        gql,
        session,
        api.OPEN_CYCLE,
        {"name": " ", "opensOn": "2025-01-01", "closesOn": "2024-01-01"},
        staff,
    )
    assert sorted(codes(payload)) == ["INVALID", "REQUIRED"]
    await open_cycle(session)
    payload = await refused(
        gql,
        session,
        api.OPEN_CYCLE,
        {"name": "Again", "slug": "2024-2025", "opensOn": "2026-01-01", "closesOn": "2027-01-01"},
        staff,
    )
    assert codes(payload) == ["DUPLICATE"]


async def test_an_unknown_cycle_in_a_query_is_bad_user_input(gql, staff) -> None:
    body = await gql('{ reportingStatus(cycle: "1999") { totalCount } }', token=staff)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
