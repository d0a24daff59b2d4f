"""Arguments every collection field takes, documented once."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

import strawberry
from sqlalchemy import ColumnElement

from gnlc_hub.graphql.core.enums import OrderDirection
from gnlc_hub.graphql.core.pagination import PageRequest, SortKey

T = TypeVar("T")

FirstArg = Annotated[
    int | None,
    strawberry.argument(
        description="Return the first n items (0–100; 20 when neither first nor last is given)."
    ),
]
AfterArg = Annotated[str | None, strawberry.argument(description="Return items after this cursor.")]
LastArg = Annotated[int | None, strawberry.argument(description="Return the last n items (0–100).")]
BeforeArg = Annotated[
    str | None, strawberry.argument(description="Return items before this cursor.")
]
SlugArg = Annotated[str, strawberry.argument(description="Human-readable identifier.")]
FilterArg = Annotated[
    T | None, strawberry.argument(description="Only items matching all of these conditions.")
]
OrderArg = Annotated[T | None, strawberry.argument(description="Sort order.")]


def page(first: int | None, after: str | None, last: int | None, before: str | None) -> PageRequest:
    return PageRequest(first=first, after=after, last=last, before=before)


def sort(name: str, columns: tuple[ColumnElement[Any], ...], direction: OrderDirection) -> SortKey:
    """A keyset ordering; its name (with the direction) binds cursors to it."""
    return SortKey(
        name=f"{name}:{direction.value}",
        columns=columns,
        descending=direction is OrderDirection.DESC,
    )
