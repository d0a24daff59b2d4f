"""Enrolling cities in programmes: seats, deadlines, duplicates, withdrawals, who may see what."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.viewer import Role
from gnlc_hub.programmes.enums import Modality
from gnlc_hub.programmes.models import Enrolment, Programme
from gnlc_hub.programmes.queries import enrolment_closed_reason, first_day, last_day
from tests.conftest import GraphQLClient
from tests.helpers import BEFORE_MIDNIGHT as NOW
from tests.helpers import city_gid, codes, global_id

FIELDS = """
  enrolment { id status enrolledAt withdrawnAt city { slug } programme { slug } }
  programme { slug seats seatsTaken seatsLeft enrolmentOpen }
  userErrors { field message code }
"""
ENROL = f"""mutation($input: EnrolInProgrammeInput!) {{
  enrolInProgramme(input: $input) {{ {FIELDS} }} }}"""
WITHDRAW = f"""mutation($input: WithdrawEnrolmentInput!) {{
  withdrawEnrolment(input: $input) {{ {FIELDS} }} }}"""
PROGRAMME = """query($slug: String!) {
  programme(slug: $slug) {
    seats seatsTaken seatsLeft enrolmentOpen
    enrolments { totalCount edges { node { city { slug } } } } }
}"""
EXAMPLE = "example-peer-learning-visit-learning-neighbourhoods"


async def make_programme(session: AsyncSession, **values: Any) -> Programme:
    slug = values.pop("slug", "test-programme")
    programme = Programme(
        slug=slug,
        title=values.pop("title", "Test programme"),
        sort_title=slug,
        modality=Modality.ONLINE,
        is_example=True,
        **values,
    )
    session.add(programme)
    await session.commit()
    return programme


class Enroller:
    def __init__(self, gql: GraphQLClient, session: AsyncSession, issue_token: Any) -> None:
        self.gql, self.session, self.issue_token = gql, session, issue_token
        self.tokens: dict[str, str] = {}

    async def token(self, city: str) -> str:
        if city not in self.tokens:
            self.tokens[city] = await self.issue_token(Role.CITY_EDITOR, city=city)
        return self.tokens[city]

    async def enrol(self, city: str, programme: Programme) -> dict[str, Any]:
        variables = {"input": {"programmeId": global_id("Programme", programme.id)}}
        data = await self.gql.data(ENROL, variables, token=await self.token(city))
        return data["enrolInProgramme"]

    async def withdraw(self, city: str, programme: Programme) -> dict[str, Any]:
        variables = {"input": {"programmeId": global_id("Programme", programme.id)}}
        data = await self.gql.data(WITHDRAW, variables, token=await self.token(city))
        return data["withdrawEnrolment"]


pytestmark = pytest.mark.usefixtures("before_midnight")


@pytest.fixture
def enroller(gql: GraphQLClient, session: AsyncSession, issue_token: Any) -> Enroller:
    return Enroller(gql, session, issue_token)


def in_days(days: int) -> date:
    return NOW.date() + timedelta(days=days)


async def enrolled(session: AsyncSession, programme: Programme) -> int:
    return int(
        await session.scalar(
            select(func.count(Enrolment.id)).where(
                Enrolment.programme_id == programme.id, Enrolment.status == "ENROLLED"
            )
        )
    )


async def test_seats_fill_up_and_a_withdrawal_frees_one(
    enroller: Enroller, session: AsyncSession
) -> None:
    programme = await make_programme(session, seats=2, enrolment_deadline=in_days(30))
    first = await enroller.enrol("larissa", programme)
    assert first["userErrors"] == []
    assert first["enrolment"]["status"] == "ENROLLED"
    assert first["enrolment"]["city"] == {"slug": "larissa"}
    assert first["programme"] == {
        "slug": "test-programme",
        "seats": 2,
        "seatsTaken": 1,
        "seatsLeft": 1,
        "enrolmentOpen": True,
    }
    assert (await enroller.enrol("okayama", programme))["programme"]["seatsLeft"] == 0

    full = await enroller.enrol("swansea", programme)
    assert full["enrolment"] is None
    assert full["userErrors"] == [
        {
            "field": ["input", "programmeId"],
            "message": "'Test programme' is full: all 2 seats are taken.",
            "code": "FULL",
        }
    ]
    withdrawn = await enroller.withdraw("okayama", programme)
    assert withdrawn["enrolment"]["status"] == "WITHDRAWN"
    assert withdrawn["enrolment"]["withdrawnAt"] is not None
    assert withdrawn["programme"]["seatsLeft"] == 1
    assert (await enroller.enrol("swansea", programme))["userErrors"] == []
    assert await enrolled(session, programme) == 2


async def test_enrolling_twice_and_withdrawing_twice(
    enroller: Enroller, session: AsyncSession
) -> None:
    programme = await make_programme(session, enrolment_deadline=in_days(3))
    await enroller.enrol("larissa", programme)
    twice = await enroller.enrol("larissa", programme)
    assert codes(twice) == ["DUPLICATE"]
    assert twice["userErrors"][0]["message"] == "Larissa is already enrolled in 'Test programme'."
    assert await enrolled(session, programme) == 1

    await enroller.withdraw("larissa", programme)
    assert codes(await enroller.withdraw("larissa", programme)) == ["INVALID_TRANSITION"]
    # Coming back after withdrawing reuses the city's enrolment.
    back = await enroller.enrol("larissa", programme)
    assert back["enrolment"]["status"] == "ENROLLED"
    assert back["enrolment"]["withdrawnAt"] is None
    assert codes(await enroller.withdraw("okayama", programme)) == ["NOT_FOUND"]


async def test_deadlines(enroller: Enroller, session: AsyncSession, gql: GraphQLClient) -> None:
    closed = await make_programme(session, slug="closed", enrolment_deadline=in_days(-1))
    payload = await enroller.enrol("larissa", closed)
    assert codes(payload) == ["CLOSED"]
    assert f"closed on {in_days(-1).isoformat()}" in payload["userErrors"][0]["message"]
    data = await gql.data(PROGRAMME, {"slug": "closed"})
    assert data["programme"]["enrolmentOpen"] is False

    last_day_today = await make_programme(session, slug="today", enrolment_deadline=in_days(0))
    assert (await enroller.enrol("larissa", last_day_today))["userErrors"] == []


async def test_without_a_deadline_enrolment_closes_when_the_programme_starts(
    enroller: Enroller, gql: GraphQLClient
) -> None:
    # Real programmes of the seeds all lie in the past.
    data = await gql.data('{ programme(slug: "gnlc-covid-19-webinars") { id enrolmentOpen } }')
    assert data["programme"]["enrolmentOpen"] is False
    payload = await enroller.gql.data(
        ENROL,
        {"input": {"programmeId": data["programme"]["id"]}},
        token=await enroller.token("cork"),
    )
    assert codes(payload["enrolInProgramme"]) == ["CLOSED"]
    assert "started in 2020-03" in payload["enrolInProgramme"]["userErrors"][0]["message"]


def test_partial_dates_and_closing_rules() -> None:
    assert first_day("2020") == date(2020, 1, 1)
    assert first_day("2020-03") == date(2020, 3, 1)
    assert last_day("2020-02") == date(2020, 2, 29)
    assert last_day("2021") == date(2021, 12, 31)
    assert last_day("2021-06-15") == date(2021, 6, 15)
    programme = Programme(title="P", starts_on="2030-03", enrolment_deadline=None)
    assert enrolment_closed_reason(programme, date(2030, 2, 28)) is None
    assert enrolment_closed_reason(programme, date(2030, 3, 1)) is not None
    undated = Programme(title="P", starts_on=None, enrolment_deadline=None)
    assert enrolment_closed_reason(undated, date(2030, 3, 1)) is None


async def test_withdrawing_after_the_programme_ended_is_refused(
    enroller: Enroller, session: AsyncSession
) -> None:
    programme = await make_programme(session, enrolment_deadline=in_days(1))
    await enroller.enrol("larissa", programme)
    programme.ends_on = "2001"
    await session.commit()
    assert codes(await enroller.withdraw("larissa", programme)) == ["CLOSED"]


async def test_who_may_enrol_a_city(
    enroller: Enroller, session: AsyncSession, gql: GraphQLClient, issue_token: Any
) -> None:
    programme = await make_programme(session, enrolment_deadline=in_days(10))
    larissa = await city_gid(session, "larissa")
    variables = {"input": {"programmeId": global_id("Programme", programme.id), "cityId": larissa}}
    anonymous = await gql.data(ENROL, variables)
    assert codes(anonymous["enrolInProgramme"]) == ["UNAUTHENTICATED"]
    other_city = await gql.data(ENROL, variables, token=await enroller.token("swansea"))
    assert codes(other_city["enrolInProgramme"]) == ["FORBIDDEN"]
    secretariat = await issue_token(Role.SECRETARIAT)
    staff = await gql.data(ENROL, variables, token=secretariat)
    assert staff["enrolInProgramme"]["enrolment"]["city"] == {"slug": "larissa"}
    without_city = {"input": {"programmeId": global_id("Programme", programme.id)}}
    unnamed = await gql.data(ENROL, without_city, token=secretariat)
    assert codes(unnamed["enrolInProgramme"]) == ["REQUIRED"]


async def test_unknown_programme_and_city(enroller: Enroller, gql: GraphQLClient) -> None:
    token = await enroller.token("larissa")
    missing = {"input": {"programmeId": global_id("Programme", 999_999)}}
    payload = (await gql.data(ENROL, missing, token=token))["enrolInProgramme"]
    assert codes(payload) == ["NOT_FOUND"]
    wrong_type = {"input": {"programmeId": global_id("City", 1)}}
    payload = (await gql.data(ENROL, wrong_type, token=token))["enrolInProgramme"]
    assert payload["userErrors"][0]["message"] == "programmeId must be the ID of a Programme."


async def test_who_sees_enrolments(
    enroller: Enroller, session: AsyncSession, gql: GraphQLClient, issue_token: Any
) -> None:
    programme = await make_programme(session, seats=5, enrolment_deadline=in_days(10))
    await enroller.enrol("larissa", programme)
    await enroller.enrol("okayama", programme)
    variables = {"slug": "test-programme"}

    async def seen(token: str | None) -> list[str]:
        data = await gql.data(PROGRAMME, variables, token=token)
        assert data["programme"]["seatsTaken"] == 2
        enrolments = data["programme"]["enrolments"]
        assert enrolments["totalCount"] == len(enrolments["edges"])
        return sorted(e["node"]["city"]["slug"] for e in enrolments["edges"])

    assert await seen(None) == []
    assert await seen(await enroller.token("larissa")) == ["larissa"]
    assert await seen(await enroller.token("swansea")) == []
    assert await seen(await issue_token(Role.SECRETARIAT)) == ["larissa", "okayama"]

    city = await gql.data(
        '{ city(slug: "okayama") { enrolments { edges { node { programme { slug } status } } } } }',
        token=await enroller.token("okayama"),
    )
    assert [e["node"] for e in city["city"]["enrolments"]["edges"]] == [
        {"programme": {"slug": "test-programme"}, "status": "ENROLLED"}
    ]


async def test_the_example_programme_can_be_tried(enroller: Enroller, gql: GraphQLClient) -> None:
    data = await gql.data(
        "query($slug: String!) { programme(slug: $slug) { id isExample seatsLeft enrolmentOpen } }",
        {"slug": EXAMPLE},
    )
    assert data["programme"]["isExample"] is True
    assert data["programme"]["seatsLeft"] == 3
    assert data["programme"]["enrolmentOpen"] is True
