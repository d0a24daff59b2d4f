"""City editors keep their profile (the input of peer matching) up to date."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.audit.models import AuditEvent
from gnlc_hub.cities.models import CityProfile
from gnlc_hub.core.viewer import Role
from tests.conftest import GraphQLClient
from tests.helpers import city_gid, city_pk, codes, global_id

UPDATE = """mutation($input: UpdateCityProfileInput!) {
  updateCityProfile(input: $input) {
    profile { population languages priorities challenges }
    city { slug profile { population } }
    userErrors { field message code }
  }
}"""


async def update(gql: GraphQLClient, token: str | None, **fields: Any) -> dict[str, Any]:
    data = await gql.data(UPDATE, {"input": fields}, token=token)
    return data["updateCityProfile"]


async def test_an_editor_fills_in_the_profile(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    token = await issue_token(Role.CITY_EDITOR, city="larissa")
    payload = await update(
        gql,
        token,
        population=148_562,
        languages=["EL", " en ", "el"],
        priorities=["Refugee  integration", "refugee integration", "Roma education"],
        challenges="  Keeping volunteers involved.  ",
    )
    assert payload["userErrors"] == []
    assert payload["profile"] == {
        "population": 148562,
        "languages": ["el", "en"],
        "priorities": ["Refugee integration", "Roma education"],
        "challenges": "Keeping volunteers involved.",
    }
    assert payload["city"] == {"slug": "larissa", "profile": {"population": 148562}}
    event = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "city.update_profile",
            AuditEvent.entity_id == await city_pk(session, "larissa"),
        )
    )
    assert event is not None
    assert event.after == {
        "population": 148562,
        "languages": ["el", "en"],
        "priorities": ["Refugee integration", "Roma education"],
        "challenges": "Keeping volunteers involved.",
    }


async def test_omitted_fields_stay_and_null_clears(gql: GraphQLClient, issue_token: Any) -> None:
    token = await issue_token(Role.CITY_EDITOR, city="okayama")
    await update(gql, token, population=720_000, priorities=["ESD"], challenges="Ageing.")
    payload = await update(gql, token, challenges=None, priorities=None)
    assert payload["profile"] == {
        "population": 720000,
        "languages": [],
        "priorities": [],
        "challenges": None,
    }


async def test_the_secretariat_edits_any_profile_others_cannot(
    gql: GraphQLClient, issue_token: Any, session: AsyncSession
) -> None:
    okayama = await city_gid(session, "okayama")
    secretariat = await issue_token(Role.SECRETARIAT)
    assert (await update(gql, secretariat, cityId=okayama, population=1))["userErrors"] == []
    other = await issue_token(Role.CITY_EDITOR, city="swansea")
    assert codes(await update(gql, other, cityId=okayama, population=2)) == ["FORBIDDEN"]
    assert codes(await update(gql, None, cityId=okayama, population=3)) == ["UNAUTHENTICATED"]
    assert codes(await update(gql, secretariat, population=4)) == ["REQUIRED"]
    missing = await update(gql, secretariat, cityId=global_id("City", 999_999), population=5)
    assert codes(missing) == ["NOT_FOUND"]
    profile = await session.scalar(
        select(CityProfile).where(CityProfile.city_id == await city_pk(session, "okayama"))
    )
    assert profile is not None
    await session.refresh(profile)
    assert profile.population == 1


@pytest.mark.parametrize(
    ("fields", "field", "fragment"),
    [
        ({"population": 0}, "population", "between 1 and 40000000"),
        ({"population": 50_000_000}, "population", "between 1 and 40000000"),
        ({"languages": ["english"]}, "languages", "unknown: english"),
        ({"languages": ["xx", "en"]}, "languages", "unknown: xx"),
        ({"priorities": ["p" * 121]}, "priorities", "at most 120 characters"),
        ({"priorities": [f"priority {i}" for i in range(21)]}, "priorities", "at most 20"),
        ({"priorities": ["  "]}, "priorities", "empty entries"),
        ({"challenges": "c" * 4001}, "challenges", "at most 4000 characters"),
        ({"challenges": "nul\x00byte"}, "challenges", "cannot be stored"),
    ],
)
async def test_bad_values_are_user_errors_and_change_nothing(
    gql: GraphQLClient, issue_token: Any, fields: dict, field: str, fragment: str
) -> None:
    token = await issue_token(Role.CITY_EDITOR, city="swansea")
    await update(gql, token, population=246_000)
    # A valid change sent along with the bad value is not applied either.
    payload = await update(gql, token, **{"population": 100, **fields})
    assert payload["profile"] is None
    assert [error["field"] for error in payload["userErrors"]] == [["input", field]]
    assert fragment in payload["userErrors"][0]["message"]
    data = await gql.data('{ city(slug: "swansea") { profile { population } } }')
    assert data["city"]["profile"]["population"] == 246000
