"""A whole reporting cycle through the API: open → draft → submit → return → resubmit → accept
→ publish, and benchmark and standing reflect it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.viewer import Role
from gnlc_hub.monitoring.enums import ReportStatus
from gnlc_hub.monitoring.models import ReportingCycle
from gnlc_hub.practices.models import Practice
from tests.conftest import GraphQLClient
from tests.graphql.monitoring import support as api
from tests.helpers import city_pk, global_id, mutate
from tests.monitoring.support import report_in

BENCHMARK = """query($city: String!) { benchmark(city: $city) {
  report { status }
  areas { area { number } cityRating groups { group count median lowerQuartile upperQuartile
          withheld statement } }
  indicators { indicator { slug } cityValue groups { group count median withheld } }
  trends { area { number } points { cycle { slug } cityRating network { median count } } }
} }"""
STATUS = """query($filter: ReportingStatusFilter) { reportingStatus(filter: $filter, first: 100) {
  totalCount edges { node { standing expectation overdueDays deadline city { slug }
  report { status } } } } }"""
PUBLIC_REPORT = """{ progressReport(city: "larissa") { status narrative reviewNote
  ratings { rating } evidence { slug } } }"""


async def test_full_cycle(gql: GraphQLClient, session: AsyncSession, issue_token: Any) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    editor = await issue_token(Role.CITY_EDITOR, city="larissa")

    opened = await mutate(
        gql,
        api.OPEN_CYCLE,
        {"name": "2024–2025", "opensOn": "2024-04-01", "closesOn": "2025-12-31"},
        staff,
    )
    assert opened["userErrors"] == []
    cycle = opened["cycle"]
    assert (cycle["slug"], cycle["state"]) == ("2024-2025", "OPEN")

    defined = await mutate(
        gql,
        api.DEFINE_INDICATOR,
        {
            "name": "Learning centres per 100 000 inhabitants",
            "description": "Community learning centres open to all, per 100 000 inhabitants.",
            "unit": "centres per 100 000",
            "direction": "HIGHER_IS_BETTER",
            "keyFeatureArea": "2.2",
        },
        staff,
    )
    assert defined["userErrors"] == []
    indicator = defined["indicator"]["slug"]

    practice = await session.scalar(
        select(Practice).where(Practice.city_id == await city_pk(session, "larissa")).limit(1)
    )
    created = await mutate(
        gql,
        api.CREATE_REPORT,
        {
            "cycleId": cycle["id"],
            "narrative": "Larissa opened learning centres in every district.",
            "ratings": api.ratings_input(4),
            "indicatorValues": [
                {"indicator": indicator, "value": 3.5, "year": 2024, "source": "City statistics"}
            ],
            "roadmap": [
                {"guidelineArea": "PLANNING", "stage": "ESTABLISHED", "nextSteps": "Review it."}
            ],
            "evidence": [global_id("Practice", practice.id)],
        },
        editor,
    )
    assert created["userErrors"] == []
    report = created["report"]
    assert report["status"] == "DRAFT"
    assert [r["area"]["number"] for r in report["ratings"]] == list(api.AREAS)
    assert report["evidence"] == [{"slug": practice.slug}]

    async def step(name: str, token: str, **extra: Any) -> dict:
        payload = await mutate(
            gql, api.STEPS[name], {"id": report["id"], "version": report["version"], **extra}, token
        )
        assert payload["userErrors"] == [], payload
        return payload["report"]

    report = await step("submitProgressReport", editor)
    assert report["status"] == "SUBMITTED"
    assert report["submittedAt"].startswith("2025-06-01")
    report = await step("returnProgressReport", staff, note="Please add the 2024 figures.")
    assert (report["status"], report["reviewNote"]) == ("RETURNED", "Please add the 2024 figures.")
    # The city sees the note, anonymous readers do not even see the report.
    seen = await gql.data(PUBLIC_REPORT, token=editor)
    assert seen["progressReport"]["reviewNote"] == "Please add the 2024 figures."
    assert (await gql.data(PUBLIC_REPORT))["progressReport"] is None

    updated = await mutate(
        gql,
        api.UPDATE_REPORT,
        {"id": report["id"], "version": report["version"], "ratings": api.ratings_input(5)},
        editor,
    )
    assert updated["userErrors"] == []
    report = updated["report"]
    report = await step("submitProgressReport", editor)
    report = await step("acceptProgressReport", staff)
    assert report["status"] == "ACCEPTED"
    # Accepted but not public yet: still hidden from anonymous readers.
    assert (await gql.data(PUBLIC_REPORT))["progressReport"] is None
    published = await mutate(
        gql,
        api.SET_PUBLIC,
        {"id": report["id"], "version": report["version"], "isPublic": True},
        editor,
    )
    assert published["userErrors"] == []
    public = (await gql.data(PUBLIC_REPORT))["progressReport"]
    assert public["status"] == "ACCEPTED"
    assert public["reviewNote"] is None
    assert {r["rating"] for r in public["ratings"]} == {5}

    # Four more accepted reports in the region make the network and the region big enough.
    row = await session.scalar(select(ReportingCycle).where(ReportingCycle.slug == "2024-2025"))
    for city, level in (("bristol", 1), ("belfast", 2), ("cork", 3), ("dublin", 4)):
        await report_in(session, ReportStatus.ACCEPTED, row, city=city, level=level)

    figures = (await gql.data(BENCHMARK, {"city": "larissa"}))["benchmark"]
    assert figures["report"] == {"status": "ACCEPTED"}
    first = figures["areas"][0]
    assert first["cityRating"] == 5
    groups = {g["group"]: g for g in first["groups"]}
    # Ratings 1, 2, 3, 4, 5: median 3, quartiles 2 and 4.
    assert groups["NETWORK"] == {
        "group": "NETWORK",
        "count": 5,
        "median": 3.0,
        "lowerQuartile": 2.0,
        "upperQuartile": 4.0,
        "withheld": False,
        "statement": None,
    }
    assert groups["REGION"]["count"] == 5
    assert groups["PEERS"]["withheld"] is True
    assert groups["PEERS"]["median"] is None
    assert "fewer than 5" in groups["PEERS"]["statement"]
    # One city reported the indicator: withheld everywhere, yet the city sees its own value.
    (value,) = figures["indicators"]
    assert value["cityValue"] == 3.5
    assert all(g["withheld"] for g in value["groups"])
    trend = figures["trends"][0]["points"]
    assert trend == [
        {"cycle": {"slug": "2024-2025"}, "cityRating": 5, "network": {"median": 3.0, "count": 5}}
    ]

    standing = await gql.data(STATUS, {"filter": {"standings": ["ACCEPTED"]}}, token=staff)
    accepted = {e["node"]["city"]["slug"] for e in standing["reportingStatus"]["edges"]}
    assert accepted == {"larissa", "bristol", "belfast", "cork", "dublin"}
    due = await gql.data(STATUS, {"filter": {"standings": ["DUE"]}}, token=staff)
    assert due["reportingStatus"]["totalCount"] > 100
    assert {e["node"]["overdueDays"] for e in due["reportingStatus"]["edges"]} == {None}
