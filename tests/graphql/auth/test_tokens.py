"""Admins manage tokens through the API too; a revoked token stops working at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.auth.models import ApiToken
from gnlc_hub.auth.tokens import LAST_USE_RESOLUTION
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import utcnow
from tests.conftest import GraphQLClient
from tests.graphql import support
from tests.helpers import city_gid, codes, mutate

VIEWER = "{ viewer { role name city { slug } } }"


@pytest.fixture
async def admin(issue_token: Any) -> str:
    return await issue_token(Role.ADMIN)


async def test_an_admin_issues_and_revokes_a_city_editor_token(
    gql: GraphQLClient, session: AsyncSession, admin: str
) -> None:
    created = await mutate(
        gql,
        support.CREATE_TOKEN,
        {"name": "Cork editor", "role": "CITY_EDITOR", "cityId": await city_gid(session, "cork")},
        admin,
    )
    assert created["userErrors"] == []
    secret = created["secret"]
    assert secret.startswith("gnlc_")
    assert created["token"]["isActive"] is True
    assert created["token"]["city"] == {"slug": "cork"}

    as_editor = await gql.data(VIEWER, token=secret)
    assert as_editor["viewer"] == {
        "role": "CITY_EDITOR",
        "name": "Cork editor",
        "city": {"slug": "cork"},
    }

    listing = await gql.data("{ apiTokens { name prefix } }", token=admin)
    assert {"name": "Cork editor", "prefix": secret[:11]} in listing["apiTokens"]
    assert secret not in str(listing)

    revoked = await mutate(gql, support.REVOKE_TOKEN, {"id": created["token"]["id"]}, admin)
    assert revoked["token"]["isActive"] is False
    assert (await gql.raw(VIEWER, token=secret)).status_code == 401
    again = await mutate(gql, support.REVOKE_TOKEN, {"id": created["token"]["id"]}, admin)
    assert codes(again) == ["CLOSED"]


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"role": "CITY_EDITOR"}, "cityId", "REQUIRED"),
        ({"role": "ANONYMOUS"}, "role", "INVALID"),
        ({"name": "  "}, "name", "REQUIRED"),
        ({"expiresAt": "2001-01-01T00:00:00Z"}, "expiresAt", "INVALID"),
        ({"expiresAt": "2099-01-01T00:00:00"}, "expiresAt", "INVALID"),
    ],
)
async def test_token_rules(
    gql: GraphQLClient, admin: str, extra: dict, field: str, code: str
) -> None:
    payload = await mutate(
        gql, support.CREATE_TOKEN, {"name": "Robot", "role": "SECRETARIAT", **extra}, admin
    )
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["input", field], code)]
    assert payload["secret"] is None


async def test_a_city_on_a_staff_token_is_refused(
    gql: GraphQLClient, session: AsyncSession, admin: str
) -> None:
    cork = await city_gid(session, "cork")
    payload = await mutate(
        gql, support.CREATE_TOKEN, {"name": "X", "role": "SECRETARIAT", "cityId": cork}, admin
    )
    assert [e["field"] for e in payload["userErrors"]] == [["input", "cityId"]]


async def test_last_use_is_noted_a_few_minutes_apart(
    gql: GraphQLClient, session: AsyncSession, issue_token: Any
) -> None:
    secret = await issue_token(Role.SECRETARIAT, name="noted")

    async def last_used() -> Any:
        return await session.scalar(
            select(ApiToken.last_used_at)
            .where(ApiToken.name == "noted")
            .execution_options(populate_existing=True)
        )

    assert await last_used() is None
    await gql.data(VIEWER, token=secret)
    first = await last_used()
    assert first is not None
    assert utcnow() - first < timedelta(minutes=1)
    await gql.data(VIEWER, token=secret)
    assert await last_used() == first  # within LAST_USE_RESOLUTION: no write per request
    assert timedelta(minutes=1) <= LAST_USE_RESOLUTION
