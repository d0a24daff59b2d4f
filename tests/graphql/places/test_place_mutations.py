"""Managing learning places: a city's editors their own city's places, the secretariat all;
every refusal changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.core.viewer import Role
from gnlc_hub.places.models import LearningPlace
from tests.conftest import GraphQLClient
from tests.helpers import city_gid, codes, global_id, mutate

FIELDS = """place { id slug kind name version point { latitude longitude } languages
  targetGroups city { slug } practices { slug } }
  userErrors { field message code }"""
CREATE = f"""mutation($input: CreateLearningPlaceInput!) {{
  createLearningPlace(input: $input) {{ {FIELDS} }} }}"""
UPDATE = f"""mutation($input: UpdateLearningPlaceInput!) {{
  updateLearningPlace(input: $input) {{ {FIELDS} }} }}"""
DELETE = """mutation($input: DeleteLearningPlaceInput!) {
  deleteLearningPlace(input: $input) { deletedId userErrors { field message code } } }"""
KOMINKAN = {
    "kind": "COMMUNITY_LEARNING_CENTRE",
    "name": "Test kominkan",
    "latitude": 34.7,
    "longitude": 133.9,
    "languages": ["JA", "en"],
    "targetGroups": ["OLDER_ADULTS"],
}


async def places(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(LearningPlace)))


async def test_an_editor_adds_edits_and_removes_a_place_of_its_city(
    gql: GraphQLClient, issue_token: Any
) -> None:
    token = await issue_token(Role.CITY_EDITOR, city="okayama")
    created = await mutate(gql, CREATE, KOMINKAN, token)
    assert created["userErrors"] == []
    place = created["place"]
    assert place["slug"] == "test-kominkan"
    assert place["city"]["slug"] == "okayama"
    assert place["languages"] == ["ja", "en"]
    assert place["point"] == {"latitude": 34.7, "longitude": 133.9}

    updated = await mutate(
        gql,
        UPDATE,
        {
            "id": place["id"],
            "version": place["version"],
            "latitude": None,
            "longitude": None,
            "kind": "ONLINE_SERVICE",
        },
        token,
    )
    assert updated["userErrors"] == []
    assert updated["place"]["point"] is None
    assert updated["place"]["kind"] == "ONLINE_SERVICE"

    stale = await mutate(
        gql, UPDATE, {"id": place["id"], "version": place["version"], "name": "Stale"}, token
    )
    assert codes(stale) == ["CONFLICT"]

    deleted = await mutate(
        gql, DELETE, {"id": place["id"], "version": updated["place"]["version"]}, token
    )
    assert deleted["userErrors"] == []
    assert deleted["deletedId"] == place["id"]


async def test_links_practices_of_its_own_city_only(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    from gnlc_hub.practices.models import Practice

    token = await issue_token(Role.CITY_EDITOR, city="okayama")
    own = await session.scalar(select(Practice.id).where(Practice.slug.like("okayama-%")))
    other = await session.scalar(select(Practice.id).where(Practice.slug.like("larissa-%")))
    good = await mutate(
        gql, CREATE, {**KOMINKAN, "practiceIds": [global_id("Practice", own)]}, token
    )
    assert [p["slug"] for p in good["place"]["practices"]]
    before = await places(session)
    bad = await mutate(
        gql,
        CREATE,
        {**KOMINKAN, "name": "Other", "practiceIds": [global_id("Practice", other)]},
        token,
    )
    assert codes(bad) == ["NOT_FOUND"]
    assert bad["userErrors"][0]["field"] == ["input", "practiceIds"]
    assert await places(session) == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"latitude": 90.5}, "latitude"),
        ({"longitude": 200}, "longitude"),
        ({"latitude": 10, "longitude": None}, "longitude"),
        ({"name": " "}, "name"),
        ({"languages": ["xx"]}, "languages"),
        ({"website": "ftp://x"}, "website"),
        ({"name": "x" * 201}, "name"),
    ],
)
async def test_bad_values_are_user_errors_and_write_nothing(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession, changes: dict, field: str
) -> None:
    token = await issue_token(Role.CITY_EDITOR, city="okayama")
    before = await places(session)
    payload = await mutate(gql, CREATE, {**KOMINKAN, **changes}, token)
    assert payload["place"] is None
    assert ["input", field] in [error["field"] for error in payload["userErrors"]]
    assert await places(session) == before


async def test_an_unknown_kind_is_refused_by_the_schema(
    gql: GraphQLClient, issue_token: Any
) -> None:
    token = await issue_token(Role.CITY_EDITOR, city="okayama")
    body = await gql(CREATE, {"input": {**KOMINKAN, "kind": "PUB"}}, token=token)
    assert "PUB" in body["errors"][0]["message"]


async def test_editors_of_another_city_and_anonymous_callers_cannot_break_in(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    okayama = await issue_token(Role.CITY_EDITOR, city="okayama")
    larissa = await issue_token(Role.CITY_EDITOR, city="larissa")
    staff = await issue_token(Role.SECRETARIAT)
    place = (await mutate(gql, CREATE, KOMINKAN, okayama))["place"]
    before = await places(session)

    assert codes(await mutate(gql, CREATE, KOMINKAN, None)) == ["UNAUTHENTICATED"]
    into_other = {**KOMINKAN, "cityId": await city_gid(session, "okayama")}
    assert codes(await mutate(gql, CREATE, into_other, larissa)) == ["FORBIDDEN"]
    edit = {"id": place["id"], "version": place["version"], "name": "Taken over"}
    assert codes(await mutate(gql, UPDATE, edit, larissa)) == ["FORBIDDEN"]
    assert codes(await mutate(gql, UPDATE, edit, None)) == ["UNAUTHENTICATED"]
    removal = {"id": place["id"], "version": place["version"]}
    assert codes(await mutate(gql, DELETE, removal, larissa)) == ["FORBIDDEN"]
    assert await places(session) == before

    # The secretariat manages every city's places, and the audit trail keeps who did what.
    by_staff = await mutate(gql, UPDATE, edit, staff)
    assert by_staff["userErrors"] == []
    history = await gql.data(
        """query($slug: String!) { learningPlace(slug: $slug) {
             name history { action actorRole } } }""",
        {"slug": "test-kominkan"},
        token=staff,
    )
    actions = [entry["action"] for entry in history["learningPlace"]["history"]]
    assert actions == ["place.create", "place.update"]


async def test_an_id_of_another_type_is_a_user_error(gql: GraphQLClient, issue_token: Any) -> None:
    token = await issue_token(Role.SECRETARIAT)
    payload = await mutate(gql, UPDATE, {"id": global_id("City", 1), "version": 1}, token)
    assert codes(payload) == ["INVALID"]
