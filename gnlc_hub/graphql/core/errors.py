"""Errors a client can act on, and masking of everything else."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from graphql import GraphQLError
from strawberry.relay.types import GlobalIDValueError

from gnlc_hub.core.errors import DomainError


class PublicError(Exception):
    """An error whose message is safe and useful to show to the client."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    @property
    def extensions(self) -> dict[str, Any]:
        extensions: dict[str, Any] = {"code": self.code}
        if self.field:
            extensions["field"] = self.field
        return extensions


class UserInputError(PublicError):
    """A malformed argument: bad cursor, `first` out of range, unknown ID type…

    ``reason`` carries the domain's ErrorCode (REQUIRED, INVALID, NOT_FOUND…) when the
    problem was found by a domain rule, so clients can branch as they do on userErrors.
    """

    def __init__(self, message: str, *, field: str | None = None, reason: str | None = None):
        super().__init__(message, field=field)
        self.reason = reason

    @property
    def extensions(self) -> dict[str, Any]:
        extensions = super().extensions
        if self.reason:
            extensions["reason"] = self.reason
        return extensions


@contextmanager
def arguments_checked() -> Iterator[None]:
    """The one policy for query arguments: a domain rule's refusal is a BAD_USER_INPUT error.

    Mutations report the same problems as ``userErrors`` in their payload instead
    (``graphql.core.mutations.run_mutation``).
    """
    try:
        yield
    except DomainError as error:
        problem = error.problems[0]
        raise UserInputError(
            problem.message,
            field=".".join(problem.field) if problem.field else None,
            reason=problem.code.value,
        ) from None


# graphql-core raises GraphQLError for bad variables and values: those messages are for clients.
PUBLIC_EXCEPTIONS = (PublicError, GlobalIDValueError, GraphQLError)


def should_mask_error(error: GraphQLError) -> bool:
    """Parse/validation errors and PublicErrors reach the client; anything else is masked."""
    original = error.original_error
    return original is not None and not isinstance(original, PUBLIC_EXCEPTIONS)
