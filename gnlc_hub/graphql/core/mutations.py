"""What every mutation shares: the `UserError` type and turning DomainErrors into it."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Collection, Sequence
from typing import Any, TypeVar

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.auth import rules
from gnlc_hub.core.errors import DomainError, ErrorCode
from gnlc_hub.core.validation import primary_key
from gnlc_hub.core.viewer import Viewer

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
            result = await work(session)
    except DomainError as error:
        return None, user_errors(error)
    info.context.forget_reads()
    return result, []


def provided(input: object, *, exclude: Collection[str] = ()) -> dict[str, Any]:
    """The fields of a mutation input the client sent (explicit nulls included, absent ones
    left out), as the service-layer names of the changes to make."""
    return {
        field.name: getattr(input, field.name)
        for field in dataclasses.fields(input)  # type: ignore[arg-type]
        if field.name not in exclude and getattr(input, field.name) is not strawberry.UNSET
    }


def pk_of(
    global_id: relay.GlobalID, type_name: str, *field: str, within: Sequence[str] = ("input",)
) -> int:
    """The primary key inside a global ID that must name a ``type_name``; an ID of another type
    is a mistake the user can fix, reported on ``field`` (inside ``within``: the mutation input,
    or nothing for a query argument)."""
    pk = primary_key(global_id.node_id)
    if global_id.type_name != type_name or pk is None:
        raise DomainError.single(
            f"{'.'.join(field)} must be the ID of a {type_name}.",
            ErrorCode.INVALID,
            [*within, *field],
        )
    return pk


def acting_city(viewer: Viewer, city_id: relay.GlobalID | None, action: rules.Action) -> int:
    """The city a mutation acts for: the one named, or the one the editor works for."""
    rules.require_signed_in(viewer, action)
    if city_id is not None:
        return pk_of(city_id, "City", "cityId")
    if viewer.city_id is None:
        raise DomainError.single(
            "Name the city with cityId (only city editors have a city of their own).",
            ErrorCode.REQUIRED,
            ["input", "cityId"],
        )
    return viewer.city_id
