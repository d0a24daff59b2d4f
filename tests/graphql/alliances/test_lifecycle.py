"""Alliances through the API: a city proposes, the invited cities answer, a member concludes."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.actions import status_after_answers
from gnlc_hub.alliances.enums import AllianceStatus, MemberResponse
from gnlc_hub.alliances.models import Alliance
from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.core.viewer import Role
from tests.conftest import GraphQLClient
from tests.helpers import BEFORE_MIDNIGHT as NOW
from tests.helpers import city_gid, codes, global_id

FIELDS = """
  alliance { id slug name kind status startedOn endedOn themes isExample
             proposedBy { slug } members { response respondedAt city { slug } } }
  userErrors { field message code }
"""


def mutation(name: str, input_type: str) -> str:
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {FIELDS} }} }}"


PROPOSE = mutation("proposeAlliance", "ProposeAllianceInput")
RESPOND = mutation("respondToAlliance", "RespondToAllianceInput")
CONCLUDE = mutation("concludeAlliance", "ConcludeAllianceInput")
BY_SLUG = "query($slug: String!) { alliance(slug: $slug) { slug status } }"


async def alliance_count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Alliance.id))))


class Cities:
    """Tokens and IDs of the cities a test works with."""

    def __init__(self, gql: GraphQLClient, session: AsyncSession, issue_token: Any) -> None:
        self.gql, self.session, self.issue_token = gql, session, issue_token
        self.tokens: dict[str, str] = {}

    async def token(self, slug: str) -> str:
        if slug not in self.tokens:
            self.tokens[slug] = await self.issue_token(Role.CITY_EDITOR, city=slug)
        return self.tokens[slug]

    async def propose(self, proposer: str, invited: list[str], **extra: Any) -> dict[str, Any]:
        variables = {
            "name": f"{proposer.title()} learning partnership",
            "invitedCityIds": [await city_gid(self.session, slug) for slug in invited],
            **extra,
        }
        data = await self.gql.data(PROPOSE, {"input": variables}, token=await self.token(proposer))
        return data["proposeAlliance"]

    async def respond(self, city: str, alliance_id: str, decision: str) -> dict[str, Any]:
        data = await self.gql.data(
            RESPOND,
            {"input": {"allianceId": alliance_id, "decision": decision}},
            token=await self.token(city),
        )
        return data["respondToAlliance"]

    async def conclude(self, token: str, alliance_id: str, **extra: Any) -> dict[str, Any]:
        data = await self.gql.data(
            CONCLUDE, {"input": {"allianceId": alliance_id, **extra}}, token=token
        )
        return data["concludeAlliance"]


pytestmark = pytest.mark.usefixtures("before_midnight")


@pytest.fixture
def cities(gql: GraphQLClient, session: AsyncSession, issue_token: Any) -> Cities:
    return Cities(gql, session, issue_token)


def responses(alliance: dict[str, Any]) -> dict[str, str]:
    return {member["city"]["slug"]: member["response"] for member in alliance["members"]}


async def test_a_proposal_is_private_until_accepted(
    cities: Cities, gql: GraphQLClient, session: AsyncSession
) -> None:
    payload = await cities.propose(
        "heraklion", ["larissa"], themes=["refugee inclusion"], kind="TWINNING"
    )
    assert payload["userErrors"] == []
    alliance = payload["alliance"]
    assert alliance["status"] == "PROPOSED"
    assert alliance["kind"] == "TWINNING"
    assert alliance["slug"] == "heraklion-learning-partnership"
    assert alliance["proposedBy"] == {"slug": "heraklion"}
    assert alliance["isExample"] is False
    assert responses(alliance) == {"heraklion": "PROPOSER", "larissa": "PENDING"}

    slug = {"slug": alliance["slug"]}
    assert (await gql.data(BY_SLUG, slug))["alliance"] is None
    invited = await gql.data(BY_SLUG, slug, token=await cities.token("larissa"))
    assert invited["alliance"] == {"slug": alliance["slug"], "status": "PROPOSED"}
    outsider = await gql.data(BY_SLUG, slug, token=await cities.token("swansea"))
    assert outsider["alliance"] is None

    accepted = await cities.respond("larissa", alliance["id"], "ACCEPT")
    assert accepted["userErrors"] == []
    assert accepted["alliance"]["status"] == "ACTIVE"
    assert accepted["alliance"]["startedOn"] == NOW.date().isoformat()
    assert (await gql.data(BY_SLUG, slug))["alliance"]["status"] == "ACTIVE"

    actions = list(
        await session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.entity_type == "alliance")
            .order_by(AuditEvent.id)
        )
    )
    assert actions[-2:] == ["alliance.propose", "alliance.accept"]


async def test_a_multilateral_alliance_goes_ahead_with_the_cities_that_accept(
    cities: Cities,
) -> None:
    proposed = await cities.propose("cork", ["larissa", "okayama", "swansea"])
    alliance_id = proposed["alliance"]["id"]

    first = await cities.respond("larissa", alliance_id, "ACCEPT")
    assert first["alliance"]["status"] == "PROPOSED"
    second = await cities.respond("okayama", alliance_id, "DECLINE")
    assert second["alliance"]["status"] == "PROPOSED"
    last = await cities.respond("swansea", alliance_id, "ACCEPT")
    assert last["alliance"]["status"] == "ACTIVE"
    assert responses(last["alliance"]) == {
        "cork": "PROPOSER",
        "larissa": "ACCEPTED",
        "okayama": "DECLINED",
        "swansea": "ACCEPTED",
    }


async def test_when_every_invited_city_declines_the_alliance_is_declined(
    cities: Cities, gql: GraphQLClient
) -> None:
    proposed = await cities.propose("cork", ["larissa", "okayama"])
    alliance = proposed["alliance"]
    await cities.respond("larissa", alliance["id"], "DECLINE")
    last = await cities.respond("okayama", alliance["id"], "DECLINE")
    assert last["alliance"]["status"] == "DECLINED"
    assert (await gql.data(BY_SLUG, {"slug": alliance["slug"]}))["alliance"] is None
    again = await cities.respond("okayama", alliance["id"], "ACCEPT")
    assert codes(again) == ["INVALID_TRANSITION"]


def test_status_after_answers() -> None:
    proposer, pending = MemberResponse.PROPOSER, MemberResponse.PENDING
    accepted, declined = MemberResponse.ACCEPTED, MemberResponse.DECLINED
    assert status_after_answers([proposer, pending, accepted]) is AllianceStatus.PROPOSED
    assert status_after_answers([proposer, declined, accepted]) is AllianceStatus.ACTIVE
    assert status_after_answers([proposer, declined, declined]) is AllianceStatus.DECLINED
    # Seeded alliances have no proposer: every member accepted.
    assert status_after_answers([accepted, accepted]) is AllianceStatus.ACTIVE


async def test_proposing_to_oneself_or_twice_is_refused_and_writes_nothing(
    cities: Cities, session: AsyncSession
) -> None:
    before = await alliance_count(session)
    itself = await cities.propose("larissa", ["larissa"])
    assert itself["alliance"] is None
    assert itself["userErrors"] == [
        {
            "field": ["input", "invitedCityIds"],
            "message": "A city cannot form an alliance with itself.",
            "code": "INVALID",
        }
    ]
    assert await alliance_count(session) == before

    assert (await cities.propose("larissa", ["okayama"]))["userErrors"] == []
    twice = await cities.propose("larissa", ["okayama"])
    assert codes(twice) == ["DUPLICATE"]
    assert "Larissa learning partnership" in twice["userErrors"][0]["message"]
    # The other side proposing the same thing is the same alliance, too.
    mirrored = await cities.propose("okayama", ["larissa"])
    assert codes(mirrored) == ["DUPLICATE"]
    assert await alliance_count(session) == before + 1
    # Another form of cooperation between the same cities is a different alliance.
    assert (await cities.propose("larissa", ["okayama"], kind="MOU"))["userErrors"] == []


async def test_every_input_problem_is_reported_at_once(cities: Cities) -> None:
    payload = await cities.propose(
        "larissa", ["okayama", "okayama"], name=" ", themes=["x" * 121], summary="s" * 4001
    )
    fields = {tuple(error["field"]) for error in payload["userErrors"]}
    assert fields == {
        ("input", "name"),
        ("input", "invitedCityIds"),
        ("input", "themes"),
        ("input", "summary"),
    }
    assert payload["alliance"] is None


async def test_unknown_and_mistyped_ids(cities: Cities, session: AsyncSession) -> None:
    unknown = await cities.propose("larissa", [], invitedCityIds=[global_id("City", 999_999)])
    assert codes(unknown) == ["NOT_FOUND"]
    practice = await cities.propose("larissa", [], invitedCityIds=[global_id("Practice", 1)])
    assert practice["userErrors"][0]["message"] == "invitedCityIds must be the ID of a City."
    nobody = await cities.propose("larissa", [], invitedCityIds=[])
    assert codes(nobody) == ["REQUIRED"]
    missing = await cities.respond("larissa", global_id("Alliance", 999_999), "ACCEPT")
    assert codes(missing) == ["NOT_FOUND"]


async def test_who_may_propose(
    cities: Cities, gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    larissa, okayama = await city_gid(session, "larissa"), await city_gid(session, "okayama")
    proposal = {"name": "Exchange", "invitedCityIds": [okayama], "cityId": larissa}
    anonymous = await gql.data(PROPOSE, {"input": proposal})
    assert codes(anonymous["proposeAlliance"]) == ["UNAUTHENTICATED"]
    for token in (
        await issue_token(Role.SECRETARIAT),
        await issue_token(Role.ADMIN),
        await cities.token("swansea"),
    ):
        refused = await gql.data(PROPOSE, {"input": proposal}, token=token)
        assert codes(refused["proposeAlliance"]) == ["FORBIDDEN"]
    staff_without_city = await gql.data(
        PROPOSE,
        {"input": {"name": "Exchange", "invitedCityIds": [okayama]}},
        token=await issue_token(Role.SECRETARIAT),
    )
    assert codes(staff_without_city["proposeAlliance"]) == ["REQUIRED"]


async def test_who_may_answer(cities: Cities, issue_token: Any, gql: GraphQLClient) -> None:
    alliance_id = (await cities.propose("larissa", ["okayama", "cork"]))["alliance"]["id"]
    own = await cities.respond("larissa", alliance_id, "ACCEPT")
    assert own["userErrors"][0]["message"] == "The proposing city cannot answer its own proposal."
    # Cities outside a proposal cannot see it, so to them it does not exist.
    assert codes(await cities.respond("swansea", alliance_id, "ACCEPT")) == ["NOT_FOUND"]
    secretariat = await gql.data(
        RESPOND,
        {"input": {"allianceId": alliance_id, "decision": "ACCEPT"}},
        token=await issue_token(Role.SECRETARIAT),
    )
    assert codes(secretariat["respondToAlliance"]) == ["FORBIDDEN"]
    assert (await cities.respond("okayama", alliance_id, "ACCEPT"))["userErrors"] == []
    twice = await cities.respond("okayama", alliance_id, "DECLINE")
    assert codes(twice) == ["INVALID_TRANSITION"]
    assert "already answered" in twice["userErrors"][0]["message"]


async def test_seeded_active_alliances_cannot_be_answered(
    cities: Cities, gql: GraphQLClient
) -> None:
    data = await gql.data('{ alliance(slug: "irish-network-of-learning-cities") { id } }')
    payload = await cities.respond("cork", data["alliance"]["id"], "DECLINE")
    assert codes(payload) == ["INVALID_TRANSITION"]
    assert "it is ACTIVE" in payload["userErrors"][0]["message"]


async def test_concluding(cities: Cities, issue_token: Any, gql: GraphQLClient) -> None:
    alliance_id = (await cities.propose("larissa", ["okayama"]))["alliance"]["id"]
    early = await cities.conclude(await cities.token("larissa"), alliance_id)
    assert codes(early) == ["INVALID_TRANSITION"]
    await cities.respond("okayama", alliance_id, "ACCEPT")

    outsider = await cities.conclude(await cities.token("swansea"), alliance_id)
    assert codes(outsider) == ["FORBIDDEN"]
    anonymous = await gql.data(CONCLUDE, {"input": {"allianceId": alliance_id}})
    assert codes(anonymous["concludeAlliance"]) == ["UNAUTHENTICATED"]
    future = await cities.conclude(await cities.token("okayama"), alliance_id, endedOn="2999")
    assert future["userErrors"][0]["message"] == "endedOn cannot be in the future."
    before_start = await cities.conclude(
        await cities.token("okayama"), alliance_id, endedOn="2001-01"
    )
    assert before_start["userErrors"][0]["field"] == ["input", "endedOn"]

    done = await cities.conclude(await cities.token("okayama"), alliance_id)
    assert done["userErrors"] == []
    assert done["alliance"]["status"] == "CONCLUDED"
    assert done["alliance"]["endedOn"] == NOW.date().isoformat()
    again = await cities.conclude(await issue_token(Role.SECRETARIAT), alliance_id)
    assert codes(again) == ["INVALID_TRANSITION"]


async def test_the_secretariat_concludes_seeded_alliances(
    gql: GraphQLClient, issue_token: Any
) -> None:
    data = await gql.data('{ alliance(slug: "uk-network-of-unesco-learning-cities") { id } }')
    payload = await gql.data(
        CONCLUDE,
        {"input": {"allianceId": data["alliance"]["id"], "endedOn": "2026-01"}},
        token=await issue_token(Role.SECRETARIAT),
    )
    alliance = payload["concludeAlliance"]["alliance"]
    assert alliance["status"] == "CONCLUDED"
    assert alliance["endedOn"] == "2026-01"


async def test_the_example_proposal_can_be_tried(cities: Cities, gql: GraphQLClient) -> None:
    slug = {"slug": "example-refugee-inclusion-learning-partnership"}
    assert (await gql.data(BY_SLUG, slug))["alliance"] is None
    seen = await gql.data(
        "query($slug: String!) { alliance(slug: $slug) { id isExample status } }",
        slug,
        token=await cities.token("amman"),
    )
    example = seen["alliance"]
    assert example["isExample"] is True
    assert example["status"] == "PROPOSED"
    assert (await cities.respond("amman", example["id"], "ACCEPT"))["alliance"]["status"] == (
        "PROPOSED"
    )
    settled = await cities.respond("larissa", example["id"], "DECLINE")
    assert settled["alliance"]["status"] == "ACTIVE"
    assert responses(settled["alliance"]) == {
        "heraklion": "PROPOSER",
        "amman": "ACCEPTED",
        "larissa": "DECLINED",
    }
