"""GraphQL over HTTP: the ``/graphql`` endpoint.

Follows the GraphQL-over-HTTP specification (graphql-http's audit passes 61/61) and adds what
portal clients use: Apollo's automatic persisted queries, batched requests (a JSON array),
HTTP caching of anonymous GET queries, rate limits and coded JSON errors for every refusal.
Execution itself is strawberry's ``schema.execute``, so every schema extension applies.

Status codes: a request error (no document, a parse, validation or variable error, a persisted
query the hub does not know) is 400 without ``data`` under
``application/graphql-response+json`` and 200 with ``data: null`` under ``application/json``
(legacy clients expect that); a malformed request (bad JSON, wrong shapes) is 400 under both.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from strawberry.exceptions import MissingQueryError
from strawberry.http import process_result
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

from gnlc_hub.auth.tokens import InvalidToken, resolve_viewer
from gnlc_hub.core import clock
from gnlc_hub.core.viewer import Viewer
from gnlc_hub.graphql.core.context import Context, LoadersFactory, RequestDb
from gnlc_hub.graphql.core.http import caching
from gnlc_hub.graphql.core.http.errors import HttpCode, HttpError, error_entry
from gnlc_hub.graphql.core.http.graphiql import GraphiQL
from gnlc_hub.graphql.core.http.persisted import PersistedQueries, PersistedQueryError
from gnlc_hub.graphql.core.http.ratelimit import Quota, RateLimits
from gnlc_hub.graphql.core.http.request import (
    APPLICATION_JSON,
    GRAPHQL_RESPONSE_JSON,
    Operation,
    ParsedRequest,
    parse_request,
    response_media_type,
    wants_html,
)
from gnlc_hub.graphql.core.sql_json.marks import RawJson
from gnlc_hub.runtime import Runtime

logger = logging.getLogger(__name__)

ALLOW = "GET, POST"
GET_OPERATIONS = frozenset({OperationType.QUERY})
POST_OPERATIONS = frozenset({OperationType.QUERY, OperationType.MUTATION})
# Responses differ by these request headers (Accept-Encoding is added by the compressor).
VARY = "Accept, Authorization"


@dataclass
class Outcome:
    """One operation's answer: its GraphQL response and whether it is a request error."""

    body: dict[str, Any]
    request_error: bool = False
    malformed: bool = False

    def status(self, media_type: str) -> int:
        if self.malformed:
            return 400
        return 400 if self.request_error and media_type == GRAPHQL_RESPONSE_JSON else 200

    def shaped_for(self, media_type: str) -> dict[str, Any]:
        """Request errors carry no ``data`` under the new media type; legacy keeps ``null``."""
        if self.request_error and media_type == GRAPHQL_RESPONSE_JSON:
            return {key: value for key, value in self.body.items() if key != "data"}
        return self.body


def request_failure(message: str, code: HttpCode, *, malformed: bool = False) -> Outcome:
    return Outcome({"data": None, "errors": [error_entry(message, code)]}, True, malformed)


def is_request_error(result: ExecutionResult) -> bool:
    """Parse and validation failures, and variable coercion (errors without a path)."""
    if isinstance(result, PreExecutionError):
        return True
    return (
        result.data is None
        and bool(result.errors)
        and all(error.path is None for error in result.errors)
    )


def encode(payload: object) -> bytes:
    try:
        return orjson.dumps(payload, default=_spliced)
    except TypeError:  # lone surrogates echoed from the request: orjson refuses, json escapes
        return json.dumps(payload, separators=(",", ":"), default=_decoded).encode()


def _spliced(value: object) -> orjson.Fragment:
    """JSON the database built (``RawJson``) goes into the response as it came."""
    if isinstance(value, RawJson):
        return orjson.Fragment(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _decoded(value: object) -> object:
    if isinstance(value, RawJson):
        return orjson.loads(value.text)
    raise TypeError(f"{type(value).__name__} is not JSON")


@dataclass
class Exchange:
    """What one HTTP request has learnt so far, for building any of its responses."""

    request: Request
    media_type: str = APPLICATION_JSON
    viewer: Viewer | None = None
    quota: Quota | None = None

    def respond(self, status: int, content: bytes, **headers: str) -> Response:
        merged = {"Vary": VARY, **(self.quota.headers() if self.quota else {}), **headers}
        if content:
            merged["Content-Type"] = f"{self.media_type}; charset=utf-8"
        return Response(content, status, headers=merged)

    def refuse(self, error: HttpError) -> Response:
        return self.respond(
            error.status,
            encode(error.body()),
            **{"Cache-Control": caching.NO_STORE, **error.headers},
        )


class GraphQLEndpoint:
    """The ASGI app mounted at ``/graphql`` (GET and POST; GraphiQL for browsers)."""

    def __init__(self, runtime: Runtime, schema: BaseSchema, *, loaders: LoadersFactory) -> None:
        settings = runtime.settings
        self.runtime = runtime
        self.schema = schema
        self.loaders = loaders
        self.max_body = settings.http_max_body_bytes
        self.max_batch = settings.http_max_batch
        self.cache_max_age = settings.http_cache_max_age
        self.persisted = PersistedQueries(settings.apq_cache_size)
        self.rate_limits = RateLimits(settings)
        self.graphiql = GraphiQL(settings.graphiql_assets) if settings.graphiql else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        exchange = Exchange(Request(scope, receive))
        try:
            response = await self.handle(exchange)
        except HttpError as error:
            response = exchange.refuse(error)
        except Exception:
            logger.exception("unexpected failure answering %s /graphql", scope.get("method"))
            response = exchange.refuse(
                HttpError(500, "Unexpected error.", HttpCode.INTERNAL_SERVER_ERROR)
            )
        await response(scope, receive, send)

    async def handle(self, exchange: Exchange) -> Response:
        request = exchange.request
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ALLOW})
        if request.method not in {"GET", "POST"}:
            raise HttpError(
                405,
                f"{request.method} is not allowed: send GraphQL as GET or POST.",
                HttpCode.METHOD_NOT_ALLOWED,
                headers={"Allow": ALLOW},
            )
        accept = request.headers.get("accept")
        if request.method == "GET" and self._is_ide_request(request, accept):
            assert self.graphiql is not None
            return self.graphiql.page()
        exchange.media_type = response_media_type(accept)
        anonymous = "authorization" not in request.headers
        if anonymous:  # counted before reading the body or touching the database
            exchange.quota = await self.rate_limits.check(request, authenticated=False)
        parsed = await parse_request(request, max_body=self.max_body, max_batch=self.max_batch)
        clock.use(self.runtime.clock)  # every rule of this request reads this clock
        db = RequestDb(self.runtime.database)
        try:
            exchange.viewer = await self._viewer(exchange, db)
            # Each operation of a batch counts (an anonymous request's first one already did).
            if cost := len(parsed.operations) - anonymous:
                exchange.quota = await self.rate_limits.check(
                    request, authenticated=not exchange.viewer.is_anonymous, cost=cost
                )
            outcomes = [
                await self._execute(request, db, exchange.viewer, operation)
                for operation in parsed.operations
            ]
        finally:
            await db.close()
        return self._answer(exchange, parsed, outcomes)

    def _is_ide_request(self, request: Request, accept: str | None) -> bool:
        params = request.query_params
        return (
            self.graphiql is not None
            and wants_html(accept)
            and "query" not in params
            and "extensions" not in params
        )

    async def _viewer(self, exchange: Exchange, db: RequestDb) -> Viewer:
        request = exchange.request
        authorization = request.headers.get("authorization")
        try:
            # Only reads: when the token was last used is written later, off this request's path.
            viewer = await db.run(lambda session: resolve_viewer(session, authorization))
        except InvalidToken as error:
            # Failed tokens count against the address, so guessing tokens is rate limited too.
            exchange.quota = await self.rate_limits.check(request, authenticated=False)
            raise HttpError(
                401,
                str(error),
                HttpCode.UNAUTHENTICATED,
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            ) from None
        self.runtime.token_usage.note(viewer.token_id)
        return viewer

    async def _execute(
        self, request: Request, db: RequestDb, viewer: Viewer, operation: Operation
    ) -> Outcome:
        try:
            resolved = self.persisted.resolve(operation.query, operation.extensions)
        except PersistedQueryError as error:
            return request_failure(error.message, error.code)
        context = Context(
            request=request,
            response=None,
            db=db,
            runtime=self.runtime,
            loaders_factory=self.loaders,
            viewer=viewer,
            raw_json=True,
        )
        try:
            result = await self.schema.execute(
                resolved.query,
                variable_values=operation.variables,
                context_value=context,
                operation_name=operation.operation_name,
                allowed_operation_types=(
                    GET_OPERATIONS if request.method == "GET" else POST_OPERATIONS
                ),
                operation_extensions=operation.extensions,
            )
        except InvalidOperationTypeError as error:
            if request.method == "GET" and error.operation_type is OperationType.MUTATION:
                raise HttpError(
                    405,
                    "Mutations are not allowed over GET: send them as POST.",
                    HttpCode.METHOD_NOT_ALLOWED,
                    headers={"Allow": "POST"},
                ) from None
            return request_failure(
                f"{error.operation_type.value.capitalize()} operations are not supported here.",
                HttpCode.BAD_REQUEST,
                malformed=True,
            )
        except CannotGetOperationTypeError as error:
            return request_failure(error.as_http_error_reason(), HttpCode.BAD_REQUEST)
        except MissingQueryError:
            return request_failure(
                "No GraphQL query found in the request.", HttpCode.BAD_REQUEST, malformed=True
            )
        if resolved.register and not isinstance(result, PreExecutionError):
            self.persisted.remember(resolved.register, resolved.query or "")
        return Outcome(dict(process_result(result)), is_request_error(result))

    def _answer(
        self, exchange: Exchange, parsed: ParsedRequest, outcomes: list[Outcome]
    ) -> Response:
        media_type = exchange.media_type
        if parsed.batch:
            return exchange.respond(
                200,
                encode([outcome.shaped_for(media_type) for outcome in outcomes]),
                **{"Cache-Control": caching.NO_STORE},
            )
        outcome = outcomes[0]
        content = encode(outcome.shaped_for(media_type))
        status = outcome.status(media_type)
        request = exchange.request
        anonymous = exchange.viewer is not None and exchange.viewer.is_anonymous
        if not (request.method == "GET" and anonymous and status == 200):
            return exchange.respond(
                status,
                content,
                **{"Cache-Control": caching.NO_STORE if anonymous else caching.PRIVATE},
            )
        if "errors" in outcome.body:
            return exchange.respond(status, content, **{"Cache-Control": caching.NO_STORE})
        etag = caching.etag_of(content)
        headers = {"ETag": etag, "Cache-Control": caching.public(self.cache_max_age)}
        if caching.matches(request.headers.get("if-none-match"), etag):
            return exchange.respond(304, b"", **headers)
        return exchange.respond(status, content, **headers)
