"""Business and validation failures, raised by services and shown to users as `userErrors`."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class ErrorCode(enum.StrEnum):
    """Why a mutation did not happen; clients branch on these, so keep them stable."""

    INVALID = "INVALID"  # a value breaks a validation rule (length, range, format…)
    REQUIRED = "REQUIRED"  # a required value is missing
    NOT_FOUND = "NOT_FOUND"  # the object does not exist or is not visible to the caller
    FORBIDDEN = "FORBIDDEN"  # the caller may not do this
    UNAUTHENTICATED = "UNAUTHENTICATED"  # the operation needs a token
    CONFLICT = "CONFLICT"  # stale `version`: someone else changed the object first
    DUPLICATE = "DUPLICATE"  # would create something that already exists (slug, enrolment…)
    INVALID_TRANSITION = "INVALID_TRANSITION"  # life-cycle step not allowed from this state
    FULL = "FULL"  # no seats left
    CLOSED = "CLOSED"  # deadline passed or the object no longer accepts this


@dataclass(frozen=True)
class Problem:
    """One user-fixable problem; ``field`` is the path of the input field at fault."""

    message: str
    code: ErrorCode = ErrorCode.INVALID
    field: Sequence[str] | None = None


class DomainError(Exception):
    """A mutation was refused. Actions raise it *before* writing anything they cannot undo;
    the request's unit of work rolls back whatever was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(problem.message for problem in self.problems))

    @classmethod
    def single(
        cls, message: str, code: ErrorCode = ErrorCode.INVALID, field: Sequence[str] | None = None
    ) -> DomainError:
        return cls([Problem(message, code, field)])


def not_found(what: str, field: Sequence[str] | None = None) -> DomainError:
    return DomainError.single(f"{what} does not exist.", ErrorCode.NOT_FOUND, field)
