"""The schema's machinery: error logging, the request-session closer and protective limits.

``graphql/schema.py`` hands in the domains' root types; nothing here knows a domain.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from gnlc_hub.graphql.core.errors import should_mask_error
from gnlc_hub.graphql.core.scalars import SCALAR_MAP

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


# Generous for portal queries, tight enough that one request cannot ask for the whole database.
MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5000


def build_schema(query: type, mutation: type) -> HubSchema:
    """One schema per process: strawberry's relay `node` field cannot join a second Schema."""
    return HubSchema(
        query=query,
        mutation=mutation,
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
        extensions=[
            # Portals send the same few documents over and over: parse and validate each once.
            lambda: ParserCache(maxsize=512),
            lambda: ValidationCache(maxsize=512),
            lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
            lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: MaskErrors(should_mask_error=should_mask_error),
            CloseRequestSession,
        ],
    )
