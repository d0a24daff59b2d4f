"""Relay connections under many parents (a page of cities, each with its practices), paged for
all the parents in one statement: ROW_NUMBER() OVER (PARTITION BY parent ORDER BY sort key)
keeps the first `first + 1` rows of each parent, on SQLite and PostgreSQL alike. Counts come
from one grouped statement, only when `totalCount` is asked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from sqlalchemy import Select, func, inspect, select, tuple_
from strawberry import relay

from gnlc_hub.graphql.core.loaders import Loader, LoaderGroup, many
from gnlc_hub.graphql.core.pagination import (
    Connection,
    PageRequest,
    RowReader,
    SortKey,
    column_kind,
    decode_cursor,
    encode_cursor,
)

StatementFor = Callable[[list[Any]], Select[Any]]
"""``statement_for(parent_keys)`` selects ``(parent_key, entity)`` rows of those parents."""

_PARENT = "_parent"
_ROW = "_row"
_KEY = "_key"


def _counts(reader: RowReader, statement_for: StatementFor) -> Loader[Hashable, int]:
    async def load(keys: Sequence[Hashable]) -> list[int]:
        rows = statement_for(list(keys)).order_by(None).subquery()
        parent = rows.c[0]
        found = dict((await reader.rows(select(parent, func.count()).group_by(parent))) or ())
        return [int(found.get(key, 0)) for key in keys]

    return Loader(load)


def connections_by(
    reader: RowReader, statement_for: StatementFor, sort: SortKey, page: PageRequest
) -> Loader[Hashable, Connection[Any]]:
    """A loader of one page (``first`` after ``after``) of every parent's items in ``sort``
    order; build one per request and page request (see LoaderGroup.cached)."""
    page = page.validated()
    if page.last is not None or page.before is not None:
        raise ValueError("nested connections page forwards only")
    limit = page.first
    assert limit is not None
    after = (
        decode_cursor(page.after, sort.name, [column_kind(c) for c in sort.columns], "after")
        if page.after is not None
        else None
    )
    counts = _counts(reader, statement_for)
    labels = sort.label_names()

    async def load(keys: Sequence[Hashable]) -> list[Connection[Any]]:
        base = statement_for(list(keys)).order_by(None)
        parent_column, entity = base.selected_columns[0], base.column_descriptions[1]["entity"]
        primary_key = inspect(entity).primary_key[0]
        order = [c.desc() if sort.descending else c.asc() for c in sort.columns]
        # The window ranks narrow rows (parent, key, sort key); the page's rows are then read
        # by primary key, so no statement aliases every column of the entity.
        ranked = base.with_only_columns(
            parent_column.label(_PARENT),
            primary_key.label(_KEY),
            *(c.label(n) for c, n in zip(sort.columns, labels, strict=True)),
            func.row_number().over(partition_by=parent_column, order_by=order).label(_ROW),
        )
        if after is not None:
            key = tuple_(*sort.columns)
            ranked = ranked.where(key < tuple_(*after) if sort.descending else key > tuple_(*after))
        window = ranked.subquery()
        statement = (
            select(window.c[_PARENT], entity, *(window.c[n] for n in labels))
            .select_from(entity)
            .join(window, primary_key == window.c[_KEY])
            .where(window.c[_ROW] <= limit + 1)
            .order_by(window.c[_PARENT], window.c[_ROW])
        )
        grouped: dict[Hashable, list[Any]] = defaultdict(list)
        for row in await reader.rows(statement):
            grouped[row[0]].append(row)
        return [_connection(grouped.get(key, []), key) for key in keys]

    def _connection(rows: list[Any], key: Hashable) -> Connection[Any]:
        edges = [
            relay.Edge(node=row[1], cursor=encode_cursor(sort.name, row[2:]))
            for row in rows[:limit]
        ]
        page_info = relay.PageInfo(
            has_next_page=len(rows) > limit,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        )

        async def count() -> int:
            return await counts.load(key)

        return Connection(edges=edges, page_info=page_info, _count=count)

    return Loader(load)


def page_of(
    loaders: LoaderGroup, relation: str, first: int | None, after: str | None
) -> Loader[Hashable, Connection[Any]]:
    """The request's loader of one page of ``relation`` (a ``many`` loader declared by a domain,
    whose order ends with a unique column) under every parent; one per page request."""
    spec = getattr(type(loaders), relation)
    assert isinstance(spec, many), relation
    page = PageRequest(first=first, after=after).validated()

    def build() -> Loader[Hashable, Connection[Any]]:
        return connections_by(
            loaders.db,
            lambda keys: spec.statement(keys, loaders.viewer),
            SortKey(relation, tuple(spec.order)),
            page,
        )

    return loaders.cached((relation, page), build)
