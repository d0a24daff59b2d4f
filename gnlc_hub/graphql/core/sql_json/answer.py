"""One operation planned and run in SQL: a statement per root field, then ``data``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLObjectType,
    OperationType,
    get_operation_ast,
)
from graphql.execution.values import get_argument_values, get_variable_values
from sqlalchemy import ColumnElement, Select, Text, cast, literal_column
from strawberry.relay import PageInfo
from strawberry.types.arguments import convert_arguments

from gnlc_hub.core.viewer import Viewer
from gnlc_hub.graphql.core.errors import UserInputError
from gnlc_hub.graphql.core.pagination import Keyset, count_of
from gnlc_hub.graphql.core.selection import Selection
from gnlc_hub.graphql.core.sql_json.builder import JsonBuilder
from gnlc_hub.graphql.core.sql_json.connections import (
    ConnectionSelection,
    object_type,
    read_connection,
)
from gnlc_hub.graphql.core.sql_json.marks import (
    DEFINITION,
    SQL_ROOT,
    NotPlannable,
    RawJson,
    RootRows,
)


@dataclass(frozen=True)
class RootPlan:
    """A root field's statement; a connection's also has what to build around its rows."""

    key: str
    statement: Select[Any]
    keyset: Keyset | None = None
    wanted: ConnectionSelection | None = None
    count: Select[Any] | None = None


class SqlAnswer:
    """Plans and runs one operation in SQL for one viewer."""

    def __init__(self, schema: Any, loaders: type, viewer: Viewer) -> None:
        self.schema = schema  # strawberry's
        self.loaders = loaders
        self.viewer = viewer

    def plan(
        self, document: Any, operation_name: str | None, raw_variables: dict[str, Any] | None
    ) -> list[RootPlan]:
        """A statement per root field; NotPlannable when the resolvers must answer."""
        gql_schema = self.schema._schema
        operation = get_operation_ast(document, operation_name)
        if operation is None or operation.operation is not OperationType.QUERY:
            raise NotPlannable("not a query")
        variables = get_variable_values(
            gql_schema, operation.variable_definitions or (), raw_variables or {}
        )
        if isinstance(variables, list):
            raise NotPlannable("variables do not coerce")
        fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        build = JsonBuilder(Selection(fragments, variables.coerced), self.loaders, self.viewer)
        query_type = gql_schema.query_type
        try:
            return [
                self._root(build, query_type, key, nodes, variables)
                for key, nodes in build.selection.by_response_key(query_type, [operation]).items()
            ]
        except UserInputError:
            raise NotPlannable("a client error, which the resolvers report") from None

    def _root(
        self,
        build: JsonBuilder,
        query_type: GraphQLObjectType,
        key: str,
        nodes: list[FieldNode],
        variables: Any,
    ) -> RootPlan:
        name = nodes[0].name.value
        field = query_type.fields.get(name)
        definition = field.extensions.get(DEFINITION) if field is not None else None
        rows_of = definition.metadata.get(SQL_ROOT) if definition is not None else None
        if rows_of is None or definition.extensions:
            raise NotPlannable(f"Query.{name} declares no SQL rows")
        try:
            arguments = convert_arguments(
                get_argument_values(field, nodes[0], variables),
                definition.arguments,
                scalar_registry=self.schema.schema_converter.scalar_registry,
                config=self.schema.config,
            )
            rows: RootRows = rows_of(self.viewer, **arguments)
        except (GraphQLError, ValueError, TypeError):
            raise NotPlannable("root arguments") from None
        target = object_type(field)
        entity = rows.statement.column_descriptions[0]["entity"]
        if rows.sort is None or rows.page is None:
            item = cast(build.object_json(target, entity, nodes), Text)
            statement = rows.statement.with_only_columns(item, maintain_column_froms=True)
            return RootPlan(key, statement.limit(2))
        keyset = Keyset.of(rows.sort, rows.page)
        wanted = read_connection(build.selection, target, nodes)
        columns: list[ColumnElement[Any]] = []
        for part in wanted.parts:
            for inner in part.inner:
                if inner.name == "node":
                    node = build.object_json(wanted.node_type, entity, inner.nodes)
                    inner.column = str(len(columns))
                    columns.append(cast(node, Text))
        count = None
        if any(part.name == "totalCount" for part in wanted.parts):
            count = count_of(rows.statement)
            columns.append(count.scalar_subquery())  # an InitPlan: counted once, on every row
        if not columns:
            columns.append(literal_column("1"))
        base = rows.statement.with_only_columns(*columns, maintain_column_froms=True)
        return RootPlan(key, keyset.query(base), keyset, wanted, count)

    async def run(self, roots: list[RootPlan], db: Any, *, raw: bool) -> dict[str, Any]:
        """The operation's ``data``: JSON text from the database spliced in as it came
        (``raw``: ``RawJson``, for the HTTP response) or decoded."""
        as_value: Callable[[str], Any] = RawJson if raw else orjson.loads
        data: dict[str, Any] = {}
        for root in roots:
            rows = await db.rows(root.statement)
            if root.keyset is None:
                data[root.key] = as_value(rows[0][0]) if rows else None
            else:
                data[root.key] = await _connection(root, rows, db, as_value)
        return data


async def _connection(
    root: RootPlan, rows: Sequence[Any], db: Any, as_value: Callable[[str], Any]
) -> dict[str, Any]:
    """A root connection around its rows: cursors and page info as the resolvers make them."""
    keyset, wanted = root.keyset, root.wanted
    assert keyset is not None
    assert wanted is not None
    width = len(root.statement.selected_columns) - len(keyset.sort.columns)
    edges, page_info = keyset.edges(rows, width, node=lambda row: row)
    total = None
    if root.count is not None:
        total = int(rows[0][width - 1]) if rows else int(await db.scalar(root.count))
    envelope: dict[str, Any] = {}
    for part in wanted.parts:
        if part.name == "totalCount":
            envelope[part.key] = total
        elif part.name == "__typename":
            envelope[part.key] = part.typename
        elif part.name == "pageInfo":
            envelope[part.key] = {
                inner.key: _page_info(page_info, inner.name, inner.typename) for inner in part.inner
            }
        else:
            envelope[part.key] = [
                {
                    inner.key: _edge(edge, inner.name, inner.column, inner.typename, as_value)
                    for inner in part.inner
                }
                for edge in edges
            ]
    return envelope


def _edge(edge: Any, name: str, column: str | None, typename: str, as_value: Callable) -> Any:
    if name == "node":
        assert column is not None
        return as_value(edge.node[int(column)])
    return edge.cursor if name == "cursor" else typename


def _page_info(page_info: PageInfo, name: str, typename: str) -> Any:
    if name == "__typename":
        return typename
    return {
        "hasNextPage": page_info.has_next_page,
        "hasPreviousPage": page_info.has_previous_page,
        "startCursor": page_info.start_cursor,
        "endCursor": page_info.end_cursor,
    }[name]
