"""The one place that gives every GraphQL error its ``extensions.code`` (and masks the rest).

Clients branch on the code, never on the message. Errors raised with a code keep it
(`COST_LIMIT`, `TIMEOUT`, `SEARCH_UNAVAILABLE`, any PublicError's); the others get one from the
stage that produced them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension

from gnlc_hub.graphql.core.errors import should_mask_error

MASKED_MESSAGE = "Unexpected error."


class GraphQLErrorCode(enum.StrEnum):
    """``extensions.code`` of GraphQL errors of an operation (mutation refusals are userErrors;
    HTTP-level refusals such as UNAUTHENTICATED are graphql.core.http.errors.HttpCode)."""

    BAD_USER_INPUT = "BAD_USER_INPUT"  # an argument or variable the hub cannot use
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"  # not GraphQL, or too many tokens
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"  # unknown field, too deep, …
    COST_LIMIT = "COST_LIMIT"  # the query would cost more than the limit
    TIMEOUT = "TIMEOUT"  # the operation ran longer than allowed and was stopped
    SEARCH_UNAVAILABLE = "SEARCH_UNAVAILABLE"  # the search engine is down: retry later
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"  # a masked, logged failure of the hub


def _with_extensions(error: GraphQLError, message: str, extensions: dict) -> GraphQLError:
    return GraphQLError(
        message,
        error.nodes,
        error.source,
        error.positions,
        error.path,
        None,
        extensions,
    )


def coded(error: GraphQLError, *, validation: bool = False) -> GraphQLError:
    """``error`` as the client sees it: masked when unexpected, always with a code."""
    if should_mask_error(error):
        return _with_extensions(
            error, MASKED_MESSAGE, {"code": GraphQLErrorCode.INTERNAL_SERVER_ERROR.value}
        )
    if "code" in (error.extensions or {}):
        return error
    if isinstance(error, GraphQLSyntaxError):
        code = GraphQLErrorCode.GRAPHQL_PARSE_FAILED
    elif validation:
        code = GraphQLErrorCode.GRAPHQL_VALIDATION_FAILED
    else:  # coercion of variables and argument values, malformed global IDs
        code = GraphQLErrorCode.BAD_USER_INPUT
    error.extensions = {**(error.extensions or {}), "code": code.value}
    return error


def coded_all(errors: list[GraphQLError] | None) -> list[GraphQLError] | None:
    return [coded(error) for error in errors] if errors else errors


class ValidationErrorCodes(SchemaExtension):
    """Validation is the one stage whose errors cannot be told apart afterwards: tag them here.
    (Cached validation errors are shared by identical requests; the tag is the same each time.)"""

    def on_validate(self) -> Iterator[None]:
        yield
        for error in self.execution_context.pre_execution_errors or ():
            coded(error, validation=True)
