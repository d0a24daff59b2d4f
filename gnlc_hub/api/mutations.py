"""What every mutation shares: the `UserError` type and turning DomainErrors into it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from gnlc_hub.errors import DomainError, ErrorCode

UserErrorCode = strawberry.enum(
    ErrorCode, name="UserErrorCode", description="Why a mutation was refused."
)

T = TypeVar("T")


@strawberry.type(description="A problem the user can fix; the mutation changed nothing.")
class UserError:
    field: list[str] | None = strawberry.field(
        description='Path of the input field at fault, e.g. `["input", "title"]`.'
    )
    message: str = strawberry.field(description="What is wrong, in plain English.")
    code: UserErrorCode = strawberry.field(description="Machine-readable reason.")


def user_errors(error: DomainError) -> list[UserError]:
    return [
        UserError(
            field=list(problem.field) if problem.field else None,
            message=problem.message,
            code=problem.code,
        )
        for problem in error.problems
    ]


async def run_mutation(
    info: Info, work: Callable[[AsyncSession], Awaitable[T]]
) -> tuple[T | None, list[UserError]]:
    """Run ``work`` as the request's unit of work.

    On a DomainError everything it wrote is rolled back and the problems come back as
    userErrors; any other exception also rolls back and surfaces as a masked GraphQL error.
    """
    try:
        async with info.context.db.transaction() as session:
            return await work(session), []
    except DomainError as error:
        return None, user_errors(error)
