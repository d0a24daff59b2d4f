"""Request-limits benchmark: how fast abusive requests are refused, and what pricing costs.

    python -m bench.limits [--runs 50]

On the seeded network: the fragment bomb, the depth-12 fan-out and a 50 000-id `nodes` call
(each must be refused in well under 50 ms), `/health` latency while bombs arrive, the portal
query of `bench.portal` with the limits in place, and the pricing step on its own.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import time

import httpx
from graphql import get_operation_ast, parse

from bench.harness import (
    Timing,
    bench_settings,
    console,
    fresh_seeded_database,
    measure,
    print_timings,
    run_async,
)
from bench.portal import PORTAL_QUERY
from gnlc_hub.app import create_app
from gnlc_hub.graphql.core.bounds import check_arguments
from gnlc_hub.graphql.core.cost import operation_cost
from gnlc_hub.graphql.schema import schema
from tests.graphql.core.test_limits import fan_out, fragment_bomb

FIFTY_THOUSAND_IDS = [base64.b64encode(f"City:{n}".encode()).decode() for n in range(50_000)]
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id } }"


async def bench(runs: int) -> None:
    settings = bench_settings("limits")
    database = await fresh_seeded_database(settings)
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

        def refused(document: str, variables: dict, code: str):
            async def run() -> None:
                response = await client.post(
                    "/graphql", json={"query": document, "variables": variables}
                )
                assert response.json()["errors"][0]["extensions"]["code"] == code

            return run

        def portal(page: int):
            async def run() -> None:
                response = await client.post(
                    "/graphql", json={"query": PORTAL_QUERY, "variables": {"first": page}}
                )
                assert len(response.json()["data"]["cities"]["edges"]) == page

            return run

        timings = [
            await measure(
                f"fragment bomb ({len(fragment_bomb())} bytes) → COST_LIMIT",
                refused(fragment_bomb(), {}, "COST_LIMIT"),
                runs=runs,
            ),
            await measure(
                f"depth-12 fan-out ({len(fan_out())} bytes) → COST_LIMIT",
                refused(fan_out(), {}, "COST_LIMIT"),
                runs=runs,
            ),
            await measure(
                "nodes(ids:) with 50 000 ids → BAD_USER_INPUT",
                refused(NODES, {"ids": FIFTY_THOUSAND_IDS}, "BAD_USER_INPUT"),
                runs=runs,
            ),
            await measure("GraphQL portal query, 50 cities", portal(50), runs=runs),
            await measure("GraphQL portal query, 100 cities", portal(100), runs=runs),
        ]
        print_timings("Refusals and portal queries (seeded network)", timings)

        # /health while 20 bombs arrive at once: every health check still answers.
        async def health() -> float:
            started = time.perf_counter()
            assert (await client.get("/health")).status_code == 200
            return time.perf_counter() - started

        bombs = [refused(fragment_bomb(), {}, "COST_LIMIT")() for _ in range(20)]
        results = await asyncio.gather(*bombs, *(health() for _ in range(20)))
        samples = [value for value in results if isinstance(value, float)]
        print_timings("/health during 20 concurrent bombs", [Timing("/health", samples)])

    document = parse(PORTAL_QUERY)
    operation = get_operation_ast(document)
    assert operation is not None

    async def price() -> None:
        operation_cost(schema._schema, document, operation, {"first": 50}, inspect=check_arguments)

    bomb = parse(fragment_bomb())
    bomb_operation = get_operation_ast(bomb)
    assert bomb_operation is not None

    async def price_bomb() -> None:
        operation_cost(schema._schema, bomb, bomb_operation, {}, inspect=check_arguments)

    print_timings(
        "Pricing alone (in process)",
        [
            await measure("portal query, 50 cities", price, runs=runs * 10),
            await measure("fragment bomb", price_bomb, runs=runs * 10),
        ],
    )
    console.print(
        f"portal query cost at 50 cities: "
        f"{operation_cost(schema._schema, document, operation, {'first': 50})}"
    )
    await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    run_async(bench(args.runs))


if __name__ == "__main__":
    main()
