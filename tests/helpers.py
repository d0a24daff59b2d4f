"""Small helpers shared by API tests: global IDs, primary keys of seeded rows, mutations."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gnlc_hub.cities.models import City

if TYPE_CHECKING:
    from tests.conftest import GraphQLClient


# A moment before midnight UTC, on the day the run started: tests that pin the API's clock to it
# (the `before_midnight` fixture) agree with themselves even when the run crosses midnight.
BEFORE_MIDNIGHT = datetime.combine(datetime.now(UTC).date(), time(23, 59, 59, 999_000), tzinfo=UTC)


def global_id(typename: str, pk: int) -> str:
    return base64.b64encode(f"{typename}:{pk}".encode()).decode()


async def city_pk(session: AsyncSession, slug: str) -> int:
    value = await session.scalar(select(City.id).where(City.slug == slug))
    assert value is not None, f"no city {slug!r}"
    return value


async def city_gid(session: AsyncSession, slug: str) -> str:
    return global_id("City", await city_pk(session, slug))


async def mutate(
    gql: GraphQLClient, document: str, input_: dict[str, Any], token: str | None
) -> dict[str, Any]:
    """The payload of the one mutation in ``document``, sent with ``token``."""
    body = await gql.data(document, {"input": input_}, token=token)
    return next(iter(body.values()))


def codes(payload: dict[str, Any]) -> list[str]:
    """The codes of a mutation payload's userErrors."""
    return [error["code"] for error in payload["userErrors"]]


async def post_escaped(
    http: Any,
    document: str,
    variables: dict[str, Any],
    token: str | None = None,
    *,
    errors_allowed: bool = False,
) -> dict[str, Any]:
    """The `data` of an operation sent as a browser would: non-ASCII escaped in the JSON, so even
    lone surrogates reach the server. ``http`` is the test's httpx client (``gql.http``).
    With ``errors_allowed`` the whole body comes back, errors included."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    response = await http.post(
        "/graphql", content=json.dumps({"query": document, "variables": variables}), headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    if errors_allowed:
        return body
    assert "errors" not in body, body["errors"]
    return body["data"]
