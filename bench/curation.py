"""Curation benchmark: what a write costs next to the cheapest authenticated request.

    python -m bench.curation [--runs 200]

Every write validates, writes the row and its tags, a text revision, an audit event and an
outbox entry, and commits. The floor is `{ viewer { role } }` with the same token: the fixed
price of HTTP, GraphQL and resolving a bearer token. Also measured: what the permission classes
of private fields add to a page of 50 practices. Set GNLC_BENCH_DATABASE_URL for PostgreSQL.
The practices written are synthetic ("Benchmark practice N").
"""

from __future__ import annotations

import argparse
import itertools
from typing import Any

import httpx
from sqlalchemy import select

from bench.harness import (
    bench_settings,
    console,
    fresh_seeded_database,
    measure,
    print_timings,
    run_async,
)
from gnlc_hub.app import create_app
from gnlc_hub.auth.tokens import issue_token
from gnlc_hub.cities.models import City
from gnlc_hub.core.viewer import Role
from gnlc_hub.db import Database

PRACTICE = "practice { id version status } userErrors { code }"
CREATE = f"""mutation($input: CreatePracticeInput!) {{
  createPractice(input: $input) {{ {PRACTICE} }} }}"""
UPDATE = f"""mutation($input: UpdatePracticeInput!) {{
  updatePractice(input: $input) {{ {PRACTICE} }} }}"""
STEP = """mutation($input: PracticeStepInput!) {{
  {name}(input: $input) {{ practice {{ id version status }} userErrors {{ code }} }} }}"""
PAGE = "{{ practices(first: 50) {{ edges {{ node {{ slug title status {extra} }} }} }} }}"
DRAFT = {
    "summary": "A synthetic practice written by the curation benchmark.",
    "body": "Synthetic text. " * 40,
    "themes": ["literacy"],
    "sdgs": [4],
    "sourceUrl": "https://example.org/benchmark",
}


class Client:
    def __init__(self, http: httpx.AsyncClient, token: str | None) -> None:
        self.http = http
        self.token = token

    async def send(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        body = response.json()
        assert "errors" not in body, body
        return body["data"]

    async def mutate(self, query: str, input_: dict[str, Any]) -> dict[str, Any]:
        return next(iter((await self.send(query, {"input": input_})).values()))


async def tokens(database: Database) -> dict[str, str]:
    async with database.transaction() as session:
        larissa = await session.scalar(select(City.id).where(City.slug == "larissa"))
        editor = await issue_token(session, role=Role.CITY_EDITOR, name="bench", city_id=larissa)
        staff = await issue_token(session, role=Role.SECRETARIAT, name="bench staff")
    return {"editor": editor.secret, "staff": staff.secret}


async def bench(runs: int) -> None:
    settings = bench_settings("curation")
    database = await fresh_seeded_database(settings)
    secrets = await tokens(database)
    app = create_app(settings, database=database)
    numbers = itertools.count()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        editor, staff = Client(http, secrets["editor"]), Client(http, secrets["staff"])
        anonymous = Client(http, None)

        async def create() -> dict[str, Any]:
            input_ = {**DRAFT, "title": f"Benchmark practice {next(numbers)}"}
            payload = await editor.mutate(CREATE, input_)
            assert payload["userErrors"] == [], payload
            return payload["practice"]

        current = await create()

        async def update() -> None:
            nonlocal current
            payload = await editor.mutate(
                UPDATE,
                {
                    "id": current["id"],
                    "version": current["version"],
                    "title": f"Benchmark practice {next(numbers)}",
                },
            )
            assert payload["userErrors"] == [], payload
            current = payload["practice"]

        submitted: list[dict[str, Any]] = []
        for _ in range(runs + 5):
            draft = await create()
            payload = await editor.mutate(
                STEP.format(name="submitPractice"),
                {"id": draft["id"], "version": draft["version"]},
            )
            submitted.append(payload["practice"])

        async def publish() -> None:
            practice = submitted.pop()
            payload = await staff.mutate(
                STEP.format(name="publishPractice"),
                {"id": practice["id"], "version": practice["version"]},
            )
            assert payload["userErrors"] == [], payload

        async def refused() -> None:
            payload = await anonymous.mutate(
                UPDATE, {"id": current["id"], "version": current["version"], "title": "x"}
            )
            assert payload["userErrors"][0]["code"] == "UNAUTHENTICATED"

        async def floor() -> None:
            await editor.send("{ viewer { role } }")

        async def page(extra: str) -> None:
            await staff.send(PAGE.format(extra=extra))

        writes = [
            await measure("floor: { viewer { role } } with a token", floor, runs=runs),
            await measure("createPractice (editor)", create, runs=runs),
            await measure("updatePractice, new title (editor)", update, runs=runs),
            await measure("publishPractice (secretariat)", publish, runs=runs),
            await measure("updatePractice refused (anonymous)", refused, runs=runs),
        ]
        print_timings(
            f"Writes through the API ({database.dialect}, {runs} runs)", writes, writes[0]
        )
        reads = [
            await measure("50 practices, public fields", lambda: page(""), runs=runs),
            await measure(
                "50 practices + reviewNote submittedAt (permission classes)",
                lambda: page("reviewNote submittedAt"),
                runs=runs,
            ),
            await measure(
                "50 practices + history { action } (staff only, batched)",
                lambda: page("history { action }"),
                runs=runs,
            ),
        ]
        print_timings("Private fields on a page of practices (secretariat)", reads, reads[0])
    await database.dispose()
    console.print('[dim]written practices are synthetic ("Benchmark practice N")[/dim]')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    arguments = parser.parse_args()
    run_async(bench(arguments.runs))


if __name__ == "__main__":
    main()
