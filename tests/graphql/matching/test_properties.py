"""Whatever a client sends to matching, profiles and alliances: an answer or userErrors, never a
server error, never a half-written record."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.models import Alliance, AllianceMember
from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.cities.models import CityProfile
from gnlc_hub.core.viewer import Role
from tests.conftest import GraphQLClient
from tests.helpers import city_gid, city_pk, global_id, post_escaped

PROPERTIES = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
WILD_TEXT = st.one_of(
    st.text(max_size=60),
    st.text(min_size=1990, max_size=2010),
    st.sampled_from(["", "  ", "\x00", "a\x00b", "\ud800", "SDG 4 SDG 99", '"(*~:)', "😀" * 5]),
)
INT32 = st.integers(min_value=-(2**31), max_value=2**31 - 1)


def no_server_error(payload: dict[str, Any]) -> list[str]:
    codes = [error["code"] for error in payload["userErrors"]]
    for error in payload["userErrors"]:
        assert "Traceback" not in error["message"]
    return codes


@PROPERTIES
@given(
    need=WILD_TEXT,
    first=st.integers(-5, 60),
    regions=st.lists(st.sampled_from(["AFRICA", "ARAB_STATES", "EUROPE_AND_NORTH_AMERICA"])),
    population=st.one_of(st.none(), INT32),
)
async def test_peer_matches_answers_or_explains(
    gql: GraphQLClient, need: str, first: int, regions: list[str], population: int | None
) -> None:
    body = await post_escaped(
        gql.http,
        """query($need: String, $first: Int, $filter: PeerMatchFilter) {
             peerMatches(need: $need, first: $first, filter: $filter) {
               matches { score city { slug } } userErrors { field message code } } }""",
        {"need": need, "first": first, "filter": {"regions": regions, "populationMin": population}},
        errors_allowed=True,
    )
    if "errors" in body:  # refused arguments: a client error, never a server one
        assert body["data"] is None
        for error in body["errors"]:
            assert error["extensions"]["code"] == "BAD_USER_INPUT", error
            assert "Traceback" not in error["message"]
        return
    result = body["data"]["peerMatches"]
    assert no_server_error(result) == []
    for match in result["matches"]:
        assert 0 <= match["score"] <= 1


@pytest.fixture
async def swansea_editor(issue_token: Any) -> str:
    return await issue_token(Role.CITY_EDITOR, city="swansea")


@PROPERTIES
@given(
    population=st.one_of(st.none(), INT32),
    languages=st.one_of(st.none(), st.lists(st.one_of(WILD_TEXT, st.just("en")), max_size=25)),
    priorities=st.one_of(st.none(), st.lists(WILD_TEXT, max_size=25)),
    challenges=st.one_of(st.none(), WILD_TEXT),
)
async def test_profile_updates_are_all_or_nothing(
    gql: GraphQLClient,
    session: AsyncSession,
    swansea_editor: str,
    population: int | None,
    languages: list[str] | None,
    priorities: list[str] | None,
    challenges: str | None,
) -> None:
    swansea = await city_pk(session, "swansea")

    async def state() -> tuple[Any, ...]:
        profile = await session.scalar(
            select(CityProfile)
            .where(CityProfile.city_id == swansea)
            .execution_options(populate_existing=True)
        )
        assert profile is not None
        events = await session.scalar(select(func.count(AuditEvent.id)))
        return (
            profile.population,
            profile.languages,
            profile.priorities,
            profile.challenges,
            events,
        )

    before = await state()
    data = await post_escaped(
        gql.http,
        """mutation($input: UpdateCityProfileInput!) { updateCityProfile(input: $input) {
             profile { population languages priorities challenges }
             userErrors { code message } } }""",
        {
            "input": {
                "population": population,
                "languages": languages,
                "priorities": priorities,
                "challenges": challenges,
            }
        },
        swansea_editor,
    )
    payload = data["updateCityProfile"]
    if no_server_error(payload):
        assert payload["profile"] is None
        assert await state() == before
    else:
        after = await state()
        assert after[-1] == before[-1] + 1
        assert payload["profile"]["population"] == population


@PROPERTIES
@given(
    name=WILD_TEXT,
    themes=st.lists(WILD_TEXT, max_size=25),
    summary=st.one_of(st.none(), WILD_TEXT),
    partners=st.lists(st.sampled_from(["larissa", "okayama", "swansea", "unknown"]), max_size=4),
)
async def test_proposals_are_all_or_nothing(
    gql: GraphQLClient,
    session: AsyncSession,
    swansea_editor: str,
    name: str,
    themes: list[str],
    summary: str | None,
    partners: list[str],
) -> None:
    async def counts() -> tuple[int, int]:
        alliances = await session.scalar(select(func.count(Alliance.id)))
        members = await session.scalar(select(func.count(AllianceMember.id)))
        return int(alliances), int(members)

    invited = [
        global_id("City", 999_999) if slug == "unknown" else await city_gid(session, slug)
        for slug in partners
    ]
    before = await counts()
    data = await post_escaped(
        gql.http,
        """mutation($input: ProposeAllianceInput!) { proposeAlliance(input: $input) {
             alliance { status members { response } } userErrors { code message } } }""",
        {"input": {"name": name, "themes": themes, "summary": summary, "invitedCityIds": invited}},
        swansea_editor,
    )
    payload = data["proposeAlliance"]
    if no_server_error(payload):
        assert payload["alliance"] is None
        assert await counts() == before
    else:
        assert payload["alliance"]["status"] == "PROPOSED"
        assert await counts() == (before[0] + 1, before[1] + len(invited) + 1)
