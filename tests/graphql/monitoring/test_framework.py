"""The framework as data, indicators that retire without losing history, pictures and CSV."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.viewer import Role
from gnlc_hub.monitoring import actions
from gnlc_hub.monitoring import validation as limits
from gnlc_hub.monitoring.enums import IndicatorDirection, ReportStatus
from gnlc_hub.seeding.files import SEEDS_DIR, read_csv
from tests.conftest import GraphQLClient
from tests.graphql.monitoring import support as api
from tests.graphql.support import STAFF, gid
from tests.helpers import city_pk, mutate
from tests.monitoring.support import complete, open_cycle, report_in

AREAS = """{ keyFeatureAreas { number tier name description sourceUrl buildingBlock
  practices { slug buildingBlocks } } }"""


async def test_the_twelve_areas_in_three_tiers(gql: GraphQLClient) -> None:
    areas = (await gql.data(AREAS))["keyFeatureAreas"]
    assert [a["number"] for a in areas] == list(api.AREAS)
    tiers = [a["tier"] for a in areas]
    assert (
        tiers
        == ["WIDER_BENEFITS"] * 3 + ["MAJOR_BUILDING_BLOCKS"] * 6 + ["FUNDAMENTAL_CONDITIONS"] * 3
    )
    assert all(a["sourceUrl"].startswith("http") and a["description"] for a in areas)
    # The names are UNESCO's, exactly as in the seed copy of the sourced CSV.
    seeded = {
        row["number"]: row["name"] for row in read_csv(SEEDS_DIR / "monitoring/key_features.csv")
    }
    assert {a["number"]: a["name"] for a in areas} == seeded


async def test_column_areas_are_the_building_blocks_and_link_practices(gql: GraphQLClient) -> None:
    areas = (await gql.data(AREAS))["keyFeatureAreas"]
    blocks = [a["buildingBlock"] for a in areas if a["buildingBlock"]]
    assert len(blocks) == len(set(blocks)) == 6
    assert {a["tier"] for a in areas if a["buildingBlock"]} == {"MAJOR_BUILDING_BLOCKS"}
    for area in areas:
        if area["buildingBlock"] is None:
            assert area["practices"] == []
            continue
        listed = await gql.data(
            "query($b: [BuildingBlock!]) { practices(filter: {buildingBlocks: $b}, first: 100) "
            "{ edges { node { slug } } } }",
            {"b": [area["buildingBlock"]]},
        )
        assert {p["slug"] for p in area["practices"]} == {
            e["node"]["slug"] for e in listed["practices"]["edges"]
        }
        assert all(area["buildingBlock"] in p["buildingBlocks"] for p in area["practices"])
    assert any(area["practices"] for area in areas)


async def test_guideline_areas_link_their_practices(gql: GraphQLClient) -> None:
    data = await gql.data("{ guidelineAreas { code name sourceUrl practices { guidelineAreas } } }")
    areas = data["guidelineAreas"]
    assert [a["code"] for a in areas] == [
        "PLANNING",
        "INVOLVEMENT",
        "CELEBRATION",
        "ACCESSIBILITY",
        "MONITORING_AND_EVALUATION",
        "FUNDING",
    ]
    for area in areas:
        assert all(area["code"] in p["guidelineAreas"] for p in area["practices"])
    assert sum(len(a["practices"]) for a in areas) > 0


async def test_seeded_indicators_are_all_examples(gql: GraphQLClient) -> None:
    indicators = (await gql.data("{ indicators(includeRetired: true) { isExample } }"))[
        "indicators"
    ]
    assert indicators
    assert {i["isExample"] for i in indicators} == {True}


async def test_retiring_keeps_history(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    cycle = await open_cycle(session)
    indicator = await actions.define_indicator(
        session,
        viewer=STAFF,
        slug="evening-classes",
        name="Evening classes",
        description="Adult evening classes offered.",
        unit="classes",
        direction=IndicatorDirection.HIGHER_IS_BETTER,
        area_number="2.3",
    )
    report = await actions.create_report(
        session,
        viewer=STAFF,
        cycle_id=cycle.id,
        city_id=await city_pk(session, "larissa"),
        changes={
            **complete(),
            "indicator_values": [limits.Value("evening-classes", 120, 2024, "City")],
        },
    )
    await session.commit()
    retired = await mutate(
        gql, api.RETIRE_INDICATOR, {"id": gid(indicator), "version": indicator.version}, staff
    )
    assert retired["userErrors"] == []
    assert retired["indicator"]["isRetired"] is True
    active = await gql.data("{ indicators { slug } }")
    assert "evening-classes" not in {i["slug"] for i in active["indicators"]}
    kept = await gql.data(
        f'{{ node(id: "{gid(report)}") {{ ... on ProgressReport {{ indicatorValues '
        "{ value indicator { slug isRetired } } } } }",
        token=staff,
    )
    assert kept["node"]["indicatorValues"] == [
        {"value": 120.0, "indicator": {"slug": "evening-classes", "isRetired": True}}
    ]
    again = await mutate(
        gql, api.RETIRE_INDICATOR, {"id": gid(indicator), "version": indicator.version + 1}, staff
    )
    assert [e["code"] for e in again["userErrors"]] == ["INVALID_TRANSITION"]


async def test_history_of_a_report(gql: GraphQLClient, session: AsyncSession, issue_token) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    report = await report_in(session, ReportStatus.ACCEPTED, await open_cycle(session))
    data = await gql.data(
        f'{{ node(id: "{gid(report)}") {{ ... on ProgressReport {{ history {{ action '
        "changes { field before after } } } } }",
        token=staff,
    )
    actions_done = [event["action"] for event in data["node"]["history"]]
    assert actions_done == [
        "progress_report.create",
        "progress_report.submit",
        "progress_report.accept",
    ]
    accept = data["node"]["history"][-1]["changes"]
    assert {"field": "status", "before": "SUBMITTED", "after": "ACCEPTED"} in accept


async def test_pictures_are_svg_drawn_from_the_data(
    gql: GraphQLClient, session: AsyncSession
) -> None:
    cycle = await open_cycle(session)
    cities = ("larissa", "bristol", "belfast", "cork", "dublin")
    for level, city in enumerate(cities, start=1):
        report = await report_in(session, ReportStatus.ACCEPTED, cycle, city=city, level=level)
    url = await gql.data(
        f'{{ node(id: "{gid(report)}") {{ ... on ProgressReport {{ chartUrl }} }} }}'
    )
    assert url["node"] is None  # not public: anonymous readers cannot even get the link
    report.is_public = True
    await session.commit()
    url = await gql.data(
        f'{{ node(id: "{gid(report)}") {{ ... on ProgressReport {{ chartUrl }} }} }}'
    )
    response = await gql.http.get(url["node"]["chartUrl"])
    assert response.status_code == 200
    svg = ET.fromstring(response.content)
    assert svg.tag.endswith("svg")
    text = response.text
    assert "Dublin: self-assessment, 2024–2025" in text
    assert "region median" in text
    assert "network median" in text
    assert "kozea.github.io" not in text  # no external script: it opens offline

    cycle_url = await gql.data('{ reportingCycle(slug: "2024-2025") { coverageChartUrl } }')
    coverage = await gql.http.get(cycle_url["reportingCycle"]["coverageChartUrl"])
    assert coverage.status_code == 200
    ET.fromstring(coverage.content)
    assert "Europe and North America" in coverage.text
    assert "accepted" in coverage.text
    missing = await gql.http.get("/charts/reporting-cycles/1999/coverage.svg")
    assert missing.status_code == 404


async def test_coverage_counts(gql: GraphQLClient, session: AsyncSession) -> None:
    cycle = await open_cycle(session)
    await report_in(session, ReportStatus.ACCEPTED, cycle, city="larissa")
    data = await gql.data("{ reportingCoverage { region standing cityCount } }")
    europe = {
        row["standing"]: row["cityCount"]
        for row in data["reportingCoverage"]
        if row["region"] == "EUROPE_AND_NORTH_AMERICA"
    }
    assert europe["ACCEPTED"] == 1
    assert sum(row["cityCount"] for row in data["reportingCoverage"]) == await _cities(session)


async def _cities(session: AsyncSession) -> int:
    from sqlalchemy import func, select

    from gnlc_hub.cities.models import City

    return await session.scalar(select(func.count()).select_from(City))


async def test_csv_export(gql: GraphQLClient, session: AsyncSession, issue_token) -> None:
    staff = await issue_token(Role.SECRETARIAT)
    cycle = await open_cycle(session)
    await report_in(session, ReportStatus.ACCEPTED, cycle, city="larissa", level=4)
    await report_in(session, ReportStatus.SUBMITTED, cycle, city="cork")
    response = await gql.http.get(
        "/exports/reporting-cycles/2024-2025.csv", headers={"Authorization": f"Bearer {staff}"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {row["city"] for row in rows} == {"larissa"}  # accepted reports only
    ratings = [row for row in rows if row["part"] == "rating"]
    assert [row["key"] for row in ratings] == list(api.AREAS)
    assert {row["value"] for row in ratings} == {"4"}
    assert ratings[0]["region"] == "EUROPE_AND_NORTH_AMERICA"
    roadmap = [row for row in rows if row["part"] == "roadmap"]
    assert [(row["key"], row["label"]) for row in roadmap] == [("PLANNING", "IMPLEMENTING")]
