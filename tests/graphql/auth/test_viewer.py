"""The viewer is resolved from the bearer token once per request."""

from __future__ import annotations

from datetime import timedelta

import pytest

from gnlc_hub.core.viewer import Role
from gnlc_hub.db import utcnow
from tests.conftest import GraphQLClient

VIEWER = "{ viewer { role isAuthenticated name city { slug } } }"


async def test_anonymous_without_a_token(gql: GraphQLClient) -> None:
    data = await gql.data(VIEWER)
    assert data["viewer"] == {
        "role": "ANONYMOUS",
        "isAuthenticated": False,
        "name": None,
        "city": None,
    }


async def test_city_editor_token(gql: GraphQLClient, issue_token) -> None:
    secret = await issue_token(Role.CITY_EDITOR, city="larissa", name="Larissa editor")
    data = await gql.data(VIEWER, token=secret)
    assert data["viewer"] == {
        "role": "CITY_EDITOR",
        "isAuthenticated": True,
        "name": "Larissa editor",
        "city": {"slug": "larissa"},
    }


@pytest.mark.parametrize(
    "header", ["Bearer nope", "Basic dXNlcjpwYXNz", "Bearer ", "gnlc_token_without_scheme"]
)
async def test_bad_tokens_are_401_not_anonymous(gql: GraphQLClient, header: str) -> None:
    response = await gql.http.post(
        "/graphql", json={"query": VIEWER}, headers={"Authorization": header}
    )
    assert response.status_code == 401
    assert "Traceback" not in response.text


async def test_expired_token_is_refused(gql: GraphQLClient, issue_token) -> None:
    secret = await issue_token(Role.SECRETARIAT, expires_at=utcnow() - timedelta(seconds=1))
    response = await gql.raw(VIEWER, token=secret)
    assert response.status_code == 401
    assert "expired" in response.text
