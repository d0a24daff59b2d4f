"""No existence oracles: what one city's editor is told never depends on another city's hidden
rows (drafts, proposals). Each test tries to learn of a hidden row and must learn nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.viewer import Role
from gnlc_hub.practices.enums import PracticeStatus
from tests.conftest import GraphQLClient
from tests.graphql import support
from tests.graphql.alliances.test_lifecycle import Cities
from tests.helpers import codes, mutate


async def create(gql: GraphQLClient, token: str, **fields: Any) -> dict[str, Any]:
    return await mutate(
        gql, support.CREATE_PRACTICE, {**support.COMPLETE_PRACTICE, **fields}, token
    )


async def test_a_slug_held_by_another_citys_draft_is_not_revealed(
    gql: GraphQLClient, issue_token: Any
) -> None:
    larissa = await issue_token(Role.CITY_EDITOR, city="larissa")
    cork = await issue_token(Role.CITY_EDITOR, city="cork")
    hidden = await create(gql, larissa, slug="harbour-learning-plan")
    assert hidden["practice"]["slug"] == "harbour-learning-plan"

    probe = await create(gql, cork, slug="harbour-learning-plan")
    fresh = await create(gql, cork, slug="quay-learning-plan")
    # Both succeed the same way: no DUPLICATE, no message naming or confirming the draft.
    assert probe["userErrors"] == fresh["userErrors"] == []
    assert probe["practice"]["slug"] != "harbour-learning-plan"  # the slug is held, silently
    assert probe["practice"]["slug"].startswith("harbour-learning-plan")
    assert fresh["practice"]["slug"] == "quay-learning-plan"


async def test_a_slug_the_caller_can_see_is_still_refused(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    cork = await issue_token(Role.CITY_EDITOR, city="cork")
    own = await create(gql, cork, slug="cork-own-draft")
    again = await create(gql, cork, slug=own["practice"]["slug"])
    published = await support.practice_in(session, PracticeStatus.PUBLISHED, city="larissa")
    public = await create(gql, cork, slug=published.slug)
    assert codes(again) == codes(public) == ["DUPLICATE"]


async def test_an_alliance_slug_does_not_depend_on_another_citys_hidden_proposal(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    cities = Cities(gql, session, issue_token)
    hidden = await cities.propose("larissa", ["heraklion"], name="Harbour Learning Bridges")
    assert hidden["alliance"]["status"] == "PROPOSED"

    seen_by_cork = await cities.propose("cork", ["swansea"], name="Harbour Learning Bridges")
    assert seen_by_cork["userErrors"] == []
    # The slug lives in Cork's namespace: the same answer as if Larissa had proposed nothing.
    assert seen_by_cork["alliance"]["slug"] == "cork-harbour-learning-bridges"
    assert hidden["alliance"]["slug"] == "larissa-harbour-learning-bridges"
    named_after_itself = await cities.propose("cork", ["heraklion"], name="Cork learning circle")
    assert named_after_itself["alliance"]["slug"] == "cork-learning-circle"  # not cork-cork-…
