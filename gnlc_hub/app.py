"""The ASGI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from brotli_asgi import BrotliMiddleware
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from gnlc_hub import __version__, migrate
from gnlc_hub.config import Settings, get_settings
from gnlc_hub.core.clock import SYSTEM_CLOCK, Clock
from gnlc_hub.db import Database
from gnlc_hub.feeds.routes import ROUTES as feed_routes
from gnlc_hub.gc_tuning import tune_garbage_collector
from gnlc_hub.graphql.core.http import ALLOW, GraphQLEndpoint
from gnlc_hub.graphql.loaders import Loaders
from gnlc_hub.graphql.monitoring.routes import ROUTES as MONITORING_ROUTES
from gnlc_hub.graphql.schema import schema
from gnlc_hub.runtime import Runtime
from gnlc_hub.search.engine import SearchEngine
from gnlc_hub.search.engines.factory import create_search_engine
from gnlc_hub.search.indexing.startup import search_readiness, start_search
from gnlc_hub.search.indexing.sync import BackgroundSync, OutboxSync

# Response headers a cross-origin page may read: caching validators and rate-limit state.
EXPOSED_HEADERS = ["ETag", "RateLimit", "RateLimit-Policy", "Retry-After"]


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    search: SearchEngine | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> Starlette:
    """Build the hub. ``database`` lets tests hand in sessions bound to their transaction,
    ``search`` an index built once for the whole test run, ``clock`` the time rules see."""
    settings = settings or get_settings()
    owns_database = database is None
    database = database or Database.from_url(
        settings.resolved_database_url, echo=settings.debug_sql
    )
    owns_search = search is None
    search = search or create_search_engine(settings)
    runtime = Runtime(settings=settings, database=database, search=search, clock=clock)
    background = BackgroundSync(
        OutboxSync(database, search, poll_seconds=settings.sync_poll_seconds)
    )
    graphql = GraphQLEndpoint(runtime, schema, loaders=Loaders)

    async def health(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "version": __version__})

    async def ready(_: Request) -> JSONResponse:
        checks: dict[str, object] = {}
        try:
            async with database.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
            current = await migrate.current_revisions(database.engine)
            checks["database"] = (
                "ok" if current == migrate.head_revisions() else "migrations pending"
            )
        except Exception as error:  # any failure means "not ready", reported, not raised
            checks["database"] = f"unreachable: {type(error).__name__}"
        searching = await search_readiness(
            database, search, failing_after_seconds=settings.ready_outbox_failing_seconds
        )
        checks.update(searching.checks)
        ok = all(value == "ok" for value in checks.values())
        # Degraded: the database serves, but search is down or its index is falling behind.
        status = "ok" if ok else "degraded" if checks["database"] == "ok" else "unavailable"
        return JSONResponse(
            {"status": status, "checks": checks, "search": searching.report},
            status_code=200 if ok else 503,
        )

    async def home(_: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if graphql.graphiql is not None:
            graphql.graphiql.warn_if_missing()
        await start_search(settings, database, search, background)
        runtime.token_usage.start()
        tune_garbage_collector()  # last: what start-up built is frozen out of the collector's way
        yield
        await runtime.token_usage.stop()
        await background.stop()
        if owns_search:
            await search.close()
        if owns_database:
            await database.dispose()

    app = Starlette(
        routes=[
            # Every method reaches the endpoint, which answers 405 with `Allow` itself.
            Route("/graphql", graphql),
            *(graphql.graphiql.routes() if graphql.graphiql else []),
            Route("/health", health),
            Route("/ready", ready),
            Route("/", home),
            *feed_routes,
            *MONITORING_ROUTES,
        ],
        middleware=[
            # Outermost, so refusals (401, 413, 429) still reach a browser page that may read them.
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=[*ALLOW.split(", "), "OPTIONS"],
                allow_headers=settings.cors_allow_headers,
                expose_headers=EXPOSED_HEADERS,
                max_age=settings.cors_max_age,
            ),
            Middleware(
                BrotliMiddleware,
                minimum_size=settings.http_gzip_min_bytes,
                gzip_fallback=True,
            ),
        ],
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.graphql = graphql
    return app
