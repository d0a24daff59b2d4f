"""Errors a client can act on, and masking of everything else."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.relay.types import GlobalIDValueError


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
    """A malformed argument: bad cursor, `first` out of range, unknown ID type…"""


# graphql-core raises GraphQLError for bad variables and values: those messages are for clients.
PUBLIC_EXCEPTIONS = (PublicError, GlobalIDValueError, GraphQLError)


def should_mask_error(error: GraphQLError) -> bool:
    """Parse/validation errors and PublicErrors reach the client; anything else is masked."""
    original = error.original_error
    return original is not None and not isinstance(original, PUBLIC_EXCEPTIONS)
