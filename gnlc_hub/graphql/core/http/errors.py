"""HTTP-level refusals, answered as GraphQL error bodies so every client can read them.

Each refusal has an HTTP status and an ``extensions.code``; the codes are listed in README
("HTTP conventions").
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class HttpCode(StrEnum):
    """``extensions.code`` of errors raised before a GraphQL operation runs."""

    BAD_REQUEST = "BAD_REQUEST"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    NOT_ACCEPTABLE = "NOT_ACCEPTABLE"
    REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    BATCH_TOO_LARGE = "BATCH_TOO_LARGE"
    RATE_LIMITED = "RATE_LIMITED"
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"


def error_entry(message: str, code: HttpCode, **extensions: Any) -> dict[str, Any]:
    """One entry of a GraphQL ``errors`` list."""
    return {"message": message, "extensions": {"code": code.value, **extensions}}


class HttpError(Exception):
    """Stops a request with ``status`` and a GraphQL error body (no ``data``)."""

    def __init__(
        self,
        status: int,
        message: str,
        code: HttpCode,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        return {"errors": [error_entry(self.message, self.code)]}


def bad_request(message: str, code: HttpCode = HttpCode.BAD_REQUEST) -> HttpError:
    return HttpError(400, message, code)
