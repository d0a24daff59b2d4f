"""Assembles the schema and its protective extensions."""

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

from gnlc_hub.api.alliance_mutations import AllianceMutation
from gnlc_hub.api.city_mutations import CityMutation
from gnlc_hub.api.enrolments import EnrolmentMutation
from gnlc_hub.api.errors import should_mask_error
from gnlc_hub.api.matching import MatchingQuery
from gnlc_hub.api.practice_mutations import PracticeMutation
from gnlc_hub.api.profiles import CityProfileMutation
from gnlc_hub.api.programme_mutations import ProgrammeMutation
from gnlc_hub.api.query import NetworkQuery
from gnlc_hub.api.scalars import SCALAR_MAP
from gnlc_hub.api.search import SearchQuery
from gnlc_hub.api.tokens import TokenMutation, TokenQuery
from gnlc_hub.graphql.monitoring import mutations as monitoring_mutations
from gnlc_hub.graphql.monitoring import queries as monitoring_queries

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


@strawberry.type(description="Read the UNESCO Global Network of Learning Cities.")
class Query(
    NetworkQuery, SearchQuery, MatchingQuery, TokenQuery, monitoring_queries.MonitoringQuery
):
    """Each domain contributes its root fields by being mixed in here."""


@strawberry.type(
    description="Change the network: every mutation takes one `input` and returns "
    "a payload with `userErrors`."
)
class Mutation(
    CityMutation,
    PracticeMutation,
    ProgrammeMutation,
    TokenMutation,
    AllianceMutation,
    EnrolmentMutation,
    CityProfileMutation,
    monitoring_mutations.MonitoringMutation,
):
    """Each domain contributes its mutations by being mixed in here."""


# Generous for portal queries, tight enough that one request cannot ask for the whole database.
MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5000

# One schema per process: strawberry's relay `node` field cannot join a second Schema.
schema = HubSchema(
    query=Query,
    mutation=Mutation,
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
