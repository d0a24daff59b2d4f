"""How fields declare what SQL may answer for them, and the signal that it may not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select

from gnlc_hub.graphql.core.pagination import PageRequest, SortKey

DEFINITION = "strawberry-definition"  # where strawberry keeps a GraphQL field's definition
RELATION = "gnlc_relation"  # a relation field's spec (graphql.core.relations)
SQL_FIELD = "gnlc_sql_field"  # a field's own SQL variant: SqlField → expression
SQL_ROOT = "gnlc_sql_root"  # a root field's rows: (viewer, **arguments) → RootRows


class RawJson:
    """JSON text the database built, spliced into the response as it is (``encode``)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class NotPlannable(Exception):
    """The selection needs the resolvers; the whole operation runs through them."""


@dataclass(frozen=True)
class RootRows:
    """A root field's rows: ``statement`` selects its entity; with ``sort`` and ``page`` the
    field is a connection, else it answers the one row or null."""

    statement: Select[Any]
    sort: SortKey | None = None
    page: PageRequest | None = None


def sql_root(rows: Callable[..., RootRows]) -> dict[str, Any]:
    """Field metadata: ``rows(viewer, **arguments)`` (the resolver's own arguments) selects
    what the root field answers, so that it can be answered in SQL. The resolver should call
    the same function, so both paths read the same rows."""
    return {SQL_ROOT: rows}
