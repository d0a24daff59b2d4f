"""Keyset (cursor) pagination over SQL with Relay connections.

Cursors encode the sort key of an edge plus the ordering they belong to, so a cursor from
another list or another ordering is rejected instead of silently returning the wrong page.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any, Protocol

import orjson
import strawberry
from sqlalchemy import ColumnElement, Select, TypeDecorator, func, select, tuple_
from strawberry import relay
from strawberry.relay.types import NodeType

from gnlc_hub.core.validation import unstorable
from gnlc_hub.graphql.core.errors import UserInputError

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


@strawberry.type(description="A page of results with Relay cursors and the total count.")
class Connection(relay.Connection[NodeType]):
    _count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="Number of items matching the arguments, across all pages.")
    async def total_count(self) -> int:
        return await self._count()


@dataclass(frozen=True)
class PageRequest:
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None

    def validated(self) -> PageRequest:
        if self.first is not None and self.last is not None:
            raise UserInputError("Pass either `first` or `last`, not both.", field="first")
        for name in ("first", "last"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= MAX_PAGE_SIZE:
                raise UserInputError(
                    f"`{name}` must be between 0 and {MAX_PAGE_SIZE} (got {value}).", field=name
                )
        if self.first is None and self.last is None:
            return PageRequest(DEFAULT_PAGE_SIZE, self.after, None, self.before)
        return self


def _encode_value(value: Any) -> Any:
    return {"$dt": value.isoformat()} if isinstance(value, datetime) else value


_INT32 = range(-(2**31), 2**31)
_MAX_CURSOR_TEXT = 1000


def _decode_value(value: Any, kind: type) -> Any:
    """One sort-key value of a cursor, checked against the column's Python type: a hand-made
    cursor must not put a dict, a list or an unstorable string in front of the database."""
    if kind is datetime:
        text = value.get("$dt") if isinstance(value, dict) and len(value) == 1 else None
        if isinstance(text, str):
            moment = datetime.fromisoformat(text)  # ValueError when it is no date
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    elif kind is int:
        if type(value) is int and value in _INT32:
            return value
    elif (
        kind is str
        and isinstance(value, str)
        and len(value) <= _MAX_CURSOR_TEXT
        and not unstorable(value)
    ):
        return value
    raise ValueError(f"not a {kind.__name__}")


def column_kind(column: ColumnElement[Any]) -> type:
    """The Python type of a sort column's values (through type decorators such as UTCDateTime)."""
    type_ = column.type
    if isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    try:
        return type_.python_type
    except NotImplementedError:
        return object


def encode_cursor(ordering: str, values: Sequence[Any]) -> str:
    payload = orjson.dumps([ordering, *(_encode_value(v) for v in values)])
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


def decode_cursor(cursor: str, ordering: str, kinds: Sequence[type], argument: str) -> list[Any]:
    """The sort-key values of ``cursor``, one per type in ``kinds``; a client error for a
    cursor that is malformed, of another list or ordering, or holds values of other types."""
    invalid = UserInputError(f"`{argument}` is not a valid cursor.", field=argument)
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = orjson.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise invalid from None
    if not isinstance(payload, list) or not payload or payload[0] != ordering:
        raise UserInputError(
            f"`{argument}` is a cursor of another list or ordering; restart from the first page.",
            field=argument,
        )
    if len(payload) - 1 != len(kinds):
        raise invalid
    try:
        return [_decode_value(v, kind) for v, kind in zip(payload[1:], kinds, strict=True)]
    except ValueError:
        raise invalid from None


@dataclass(frozen=True)
class SortKey:
    """How a list is ordered: named (for cursors) columns ending with a unique key."""

    name: str
    columns: tuple[ColumnElement[Any], ...]
    descending: bool = False

    def label_names(self) -> list[str]:
        return [f"_k{i}" for i in range(len(self.columns))]


class RowReader(Protocol):
    """What pagination needs from the request's database access."""

    async def rows(self, statement: Select[Any]) -> Sequence[Any]: ...

    async def scalar(self, statement: Select[Any]) -> Any: ...


@dataclass(frozen=True)
class Keyset:
    """One page request over one ordering: bounds for the statement, then the page's edges.

    The resolvers and the responses built in SQL (``graphql.core.sql_json``) page alike.
    """

    sort: SortKey
    page: PageRequest

    @classmethod
    def of(cls, sort: SortKey, page: PageRequest) -> Keyset:
        return cls(sort, page.validated())  # a UserInputError for a bad page request

    @property
    def limit(self) -> int:
        limit = self.page.last if self.page.last is not None else self.page.first
        assert limit is not None
        return limit

    def query(self, statement: Select[Any]) -> Select[Any]:
        """``statement``'s columns followed by the sort key's, bounded by the cursors, in page
        order and one row longer than the page (which tells whether there is more)."""
        sort, page = self.sort, self.page
        kinds = [column_kind(column) for column in sort.columns]
        key = tuple_(*sort.columns)
        labels = sort.label_names()
        query = statement.add_columns(
            *(c.label(n) for c, n in zip(sort.columns, labels, strict=True))
        )
        # Walking backwards means reading the index in the opposite direction, then flipping.
        ascending = sort.descending == (page.last is not None)
        if page.after is not None:
            after = decode_cursor(page.after, sort.name, kinds, "after")
            query = query.where(key < tuple_(*after) if sort.descending else key > tuple_(*after))
        if page.before is not None:
            before = decode_cursor(page.before, sort.name, kinds, "before")
            query = query.where(key > tuple_(*before) if sort.descending else key < tuple_(*before))
        order = [c.asc() if ascending else c.desc() for c in sort.columns]
        return query.order_by(*order).limit(self.limit + 1)

    def edges(
        self,
        rows: Sequence[Any],
        width: int = 1,
        node: Callable[[Any], Any] = itemgetter(0),
    ) -> tuple[list[relay.Edge], relay.PageInfo]:
        """The page's edges from ``query``'s rows (``width`` columns, then the sort key) and
        its page info; an edge's node is ``node(row)``, the row's first column by default."""
        backwards = self.page.last is not None
        rows = list(rows)
        has_more = len(rows) > self.limit
        rows = rows[: self.limit]
        if backwards:
            rows.reverse()
        name = self.sort.name
        edges = [
            relay.Edge(node=node(row), cursor=encode_cursor(name, row[width:])) for row in rows
        ]
        page_info = relay.PageInfo(
            has_next_page=has_more if not backwards else self.page.before is not None,
            has_previous_page=has_more if backwards else self.page.after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        )
        return edges, page_info


def count_of(statement: Select[Any]) -> Select[Any]:
    """The number of rows ``statement`` selects, across all pages."""
    return select(func.count()).select_from(statement.order_by(None).subquery())


async def paginate(
    reader: RowReader,
    statement: Select[Any],
    sort: SortKey,
    page: PageRequest,
) -> Connection[Any]:
    """Run one page of ``statement`` (which selects a single entity) ordered by ``sort``."""
    keyset = Keyset.of(sort, page)
    edges, page_info = keyset.edges(await reader.rows(keyset.query(statement)))
    count_statement = count_of(statement)

    async def count() -> int:
        return int(await reader.scalar(count_statement))

    return Connection(edges=edges, page_info=page_info, _count=count)
