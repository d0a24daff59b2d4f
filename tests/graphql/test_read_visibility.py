"""Anonymous readers see published content only; owners and the secretariat see the rest.

Each test plants unpublished rows directly in the database and then tries every read path.
"""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.alliances.enums import AllianceKind, AllianceStatus, MemberResponse
from gnlc_hub.alliances.models import Alliance, AllianceMember
from gnlc_hub.cities.models import City, CityContact
from gnlc_hub.core.viewer import Role
from gnlc_hub.practices.enums import PracticeStatus
from gnlc_hub.practices.models import Practice
from tests.conftest import GraphQLClient

DRAFT_SLUG = "larissa-unpublished-draft"
PROPOSAL_SLUG = "larissa-okayama-proposal"


async def city_id(session: AsyncSession, slug: str) -> int:
    value = await session.scalar(select(City.id).where(City.slug == slug))
    assert value is not None
    return value


@pytest.fixture
async def private_rows(session: AsyncSession) -> dict[str, int]:
    larissa = await city_id(session, "larissa")
    okayama = await city_id(session, "okayama")
    drafts = {}
    for status in (PracticeStatus.DRAFT, PracticeStatus.SUBMITTED, PracticeStatus.ARCHIVED):
        practice = Practice(
            slug=f"{DRAFT_SLUG}-{status.value.lower()}",
            city_id=larissa,
            title=f"Unpublished {status.value} practice",
            sort_title=f"unpublished {status.value.lower()} practice",
            summary="Not for the public yet.",
            body="Private working text.",
            status=status,
        )
        session.add(practice)
        await session.flush()
        drafts[status.value] = practice.id
    proposal = Alliance(
        slug=PROPOSAL_SLUG,
        name="Proposed Larissa–Okayama exchange",
        kind=AllianceKind.LEARNING_PARTNERSHIP,
        status=AllianceStatus.PROPOSED,
        proposed_by_city_id=larissa,
        is_example=True,
    )
    session.add(proposal)
    await session.flush()
    session.add_all(
        [
            AllianceMember(
                alliance_id=proposal.id, city_id=larissa, response=MemberResponse.PROPOSER
            ),
            AllianceMember(
                alliance_id=proposal.id, city_id=okayama, response=MemberResponse.PENDING
            ),
            CityContact(city_id=larissa, name="Focal Point", email="focal@example.org"),
        ]
    )
    await session.commit()
    return {**drafts, "alliance": proposal.id}


def global_id(typename: str, pk: int) -> str:
    return base64.b64encode(f"{typename}:{pk}".encode()).decode()


READ_ALL = """
query($draft: String!, $proposal: String!, $ids: [ID!]!) {
  practices(first: 100, filter: {cities: ["larissa"]}) { totalCount edges { node { slug } } }
  drafts: practices(first: 100, filter: {statuses: [DRAFT, SUBMITTED, ARCHIVED]}) {
    edges { node { slug } } }
  practice(slug: $draft) { slug body }
  alliance(slug: $proposal) { slug }
  alliances(first: 100, filter: {cities: ["larissa"]}) { edges { node { slug } } }
  city(slug: "larissa") {
    practices { totalCount edges { node { slug } } }
    alliances { totalCount edges { node { slug } } }
    contacts { email } }
  okayama: city(slug: "okayama") { alliances { edges { node { slug } } } }
  nodes(ids: $ids) { id }
  networkStats { publishedPracticeCount }
}
"""


async def read_everything(gql: GraphQLClient, rows: dict[str, int], token: str | None) -> dict:
    ids = [global_id("Practice", rows[s]) for s in ("DRAFT", "SUBMITTED", "ARCHIVED")]
    ids.append(global_id("Alliance", rows["alliance"]))
    return await gql.data(
        READ_ALL,
        {"draft": f"{DRAFT_SLUG}-draft", "proposal": PROPOSAL_SLUG, "ids": ids},
        token=token,
    )


def leaked(data: dict) -> set[str]:
    """Every private thing that came back."""
    found = set()
    text = str(data)
    for marker in (DRAFT_SLUG, PROPOSAL_SLUG, "focal@example.org", "Private working text"):
        if marker in text:
            found.add(marker)
    if any(node is not None for node in data["nodes"]):
        found.add("nodes")
    return found


async def test_anonymous_sees_nothing_private(gql: GraphQLClient, private_rows) -> None:
    data = await read_everything(gql, private_rows, token=None)
    assert leaked(data) == set()
    assert data["practice"] is None
    assert data["alliance"] is None
    assert data["city"]["contacts"] == []
    # Nested counts count only what the caller may see.
    for relation in ("practices", "alliances"):
        page = data["city"][relation]
        assert page["totalCount"] == len(page["edges"])


async def test_editor_of_another_city_sees_nothing_private(
    gql: GraphQLClient, private_rows, issue_token
) -> None:
    token = await issue_token(Role.CITY_EDITOR, city="swansea")
    assert leaked(await read_everything(gql, private_rows, token)) == set()


async def test_editor_of_the_invited_city_sees_the_proposal_only(
    gql: GraphQLClient, private_rows, issue_token
) -> None:
    token = await issue_token(Role.CITY_EDITOR, city="okayama")
    data = await read_everything(gql, private_rows, token)
    assert leaked(data) == {PROPOSAL_SLUG, "nodes"}
    assert PROPOSAL_SLUG in {e["node"]["slug"] for e in data["okayama"]["alliances"]["edges"]}
    assert [node is not None for node in data["nodes"]] == [False, False, False, True]


@pytest.mark.parametrize(
    ("role", "city"),
    [(Role.CITY_EDITOR, "larissa"), (Role.SECRETARIAT, None), (Role.ADMIN, None)],
)
async def test_owners_and_staff_see_everything(
    gql: GraphQLClient, private_rows, issue_token, role: Role, city: str | None
) -> None:
    token = await issue_token(role, city=city)
    data = await read_everything(gql, private_rows, token)
    assert leaked(data) == {
        DRAFT_SLUG,
        PROPOSAL_SLUG,
        "focal@example.org",
        "Private working text",
        "nodes",
    }
    assert all(node is not None for node in data["nodes"])
    assert len(data["drafts"]["edges"]) == 3


async def test_published_count_ignores_drafts(gql: GraphQLClient, private_rows) -> None:
    anonymous = await read_everything(gql, private_rows, token=None)
    from tests import seedfacts

    assert anonymous["networkStats"]["publishedPracticeCount"] == len(seedfacts.all_practices())
