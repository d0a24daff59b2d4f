"""The schema's machinery: error logging, the request-session closer and protective limits.

``graphql/schema.py`` hands in the domains' root types; nothing here knows a domain.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaxTokensLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.utils.logging import StrawberryLogger

from gnlc_hub.graphql.core.caches import BoundedParserCache, BoundedValidationCache
from gnlc_hub.graphql.core.descriptions import describe
from gnlc_hub.graphql.core.error_codes import ValidationErrorCodes, coded_all
from gnlc_hub.graphql.core.errors import should_mask_error
from gnlc_hub.graphql.core.limits import RequestLimits, within_deadline
from gnlc_hub.graphql.core.relations import resolve_fields_directly
from gnlc_hub.graphql.core.scalars import SCALAR_MAP
from gnlc_hub.graphql.core.sql_json.extension import AnswerInSql

logger = logging.getLogger(__name__)


class CloseRequestSession(SchemaExtension):
    """Return the request's database connection as soon as the operation is done."""

    async def on_operation(self) -> AsyncIterator[None]:  # type: ignore[override]
        yield
        await self.execution_context.context.db.close()


class HubSchema(strawberry.Schema):
    """Logs only what needs a developer: client mistakes are answered, not logged as failures."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        for error in errors:
            if should_mask_error(error):
                StrawberryLogger.error(error, execution_context)
            else:
                logger.debug("client error: %s", error.message)

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:  # type: ignore[override]
        """Every operation runs under the wall-clock limit, and every error leaves coded."""
        context = kwargs.get("context_value")

        async def release() -> None:
            if context is not None:
                await context.db.abandon()

        result = await within_deadline(
            lambda: super(HubSchema, self).execute(*args, **kwargs), context, release
        )
        result.errors = coded_all(result.errors)
        return result


# Depth, alias and cost limits live in graphql/core/limits.py.
MAX_TOKENS = 5000


def build_schema(query: type, mutation: type) -> HubSchema:
    """One schema per process: strawberry's relay `node` field cannot join a second Schema."""
    schema = HubSchema(
        query=query,
        mutation=mutation,
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
        extensions=[
            # Portals send the same few documents over and over: parse and validate each once
            # (small ones only: see graphql.core.caches).
            lambda: BoundedParserCache(maxsize=512),
            lambda: BoundedValidationCache(maxsize=512),
            RequestLimits,
            AnswerInSql,
            ValidationErrorCodes,
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            CloseRequestSession,
        ],
    )
    describe(schema._schema)
    resolve_fields_directly(schema._schema)
    return schema
