"""SQL expressions that build the JSON of a selection on one row, relations included.

Every object is a ``json_build_object``; a relation is a subquery correlated to its parent
row: one row (a country), an array (awards, in the loader's order), or a nested page (the first
``n`` practices by title, with their count). Visibility is the loader's own predicate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLField,
    GraphQLID,
    GraphQLInt,
    GraphQLObjectType,
    GraphQLString,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    cast,
    false,
    func,
    inspect,
    literal_column,
    select,
    true,
    tuple_,
)
from sqlalchemy import Enum as SqlEnum
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import InstrumentedAttribute

from gnlc_hub.core.viewer import Viewer
from gnlc_hub.graphql.core.errors import UserInputError
from gnlc_hub.graphql.core.loaders import many, one
from gnlc_hub.graphql.core.pagination import PageRequest, SortKey, column_kind, decode_cursor
from gnlc_hub.graphql.core.selection import Selection
from gnlc_hub.graphql.core.sql_json.connections import object_type, read_connection
from gnlc_hub.graphql.core.sql_json.marks import (
    DEFINITION,
    RELATION,
    SQL_FIELD,
    NotPlannable,
)

_MAX_PAIRS = 50  # json_build_object takes at most 100 arguments
EMPTY_ARRAY = literal_column("'[]'::json")
_RANK = "_rank"
_CURSOR = "_cursor"
_MATCHING = "_matching"


def text(value: str) -> ColumnElement[Any]:
    """A constant string of GraphQL names (letters, digits, underscores: safe to inline)."""
    return literal_column(f"'{value}'")


def is_list(gql_type: Any) -> bool:
    return is_list_type(get_nullable_type(gql_type))


@dataclass(frozen=True)
class SqlField:
    """What a field's own SQL variant gets: the builder, the parent entity, its selection."""

    build: JsonBuilder
    parent: Any
    field: GraphQLField
    nodes: list[FieldNode]

    def objects(
        self, entity: Any, statement: Select[Any], order: Sequence[Any]
    ) -> ColumnElement[Any]:
        """A JSON array of the selected object for each row of ``entity`` in ``statement``."""
        item = self.build.object_json(object_type(self.field), entity, self.nodes)
        return self.build.array(statement, item, order)


@dataclass
class JsonBuilder:
    """Turns one operation's selection into SQL expressions that build its JSON."""

    selection: Selection
    loaders: type
    viewer: Viewer

    def object_json(
        self, gql_type: GraphQLObjectType, entity: Any, nodes: Iterable[FieldNode]
    ) -> ColumnElement[Any]:
        """``json_build_object`` of the fields selected on a row of ``entity``."""
        pairs: list[ColumnElement[Any]] = []
        for key, field_nodes in self.selection.by_response_key(gql_type, nodes).items():
            pairs += [text(key), self.field_json(gql_type, entity, field_nodes)]
        if not pairs or len(pairs) > 2 * _MAX_PAIRS:
            raise NotPlannable("too many fields for one json_build_object")
        return func.json_build_object(*pairs)

    def array(
        self, statement: Select[Any], item: ColumnElement[Any], order: Sequence[Any]
    ) -> ColumnElement[Any]:
        """A JSON array of ``item`` over ``statement``'s rows in ``order`` (never null)."""
        aggregated = func.json_agg(aggregate_order_by(item, *order))
        return statement.with_only_columns(
            func.coalesce(aggregated, EMPTY_ARRAY), maintain_column_froms=True
        ).scalar_subquery()

    def field_json(
        self, gql_type: GraphQLObjectType, entity: Any, nodes: list[FieldNode]
    ) -> ColumnElement[Any]:
        name = nodes[0].name.value
        if name == "__typename":
            return text(gql_type.name)
        field = gql_type.fields[name]
        definition = field.extensions.get(DEFINITION)
        if definition is None or definition.extensions:
            raise NotPlannable(f"{gql_type.name}.{name} has extensions")
        try:
            arguments = self.selection.arguments(field, nodes[0])
        except ValueError:
            raise NotPlannable("an argument does not coerce") from None
        own_sql = definition.metadata.get(SQL_FIELD)
        if own_sql is not None:
            return own_sql(SqlField(self, entity, field, nodes))
        spec = definition.metadata.get(RELATION)
        if spec is not None:
            return self.relation_json(spec, entity, field, nodes, arguments)
        if arguments:
            raise NotPlannable(f"{gql_type.name}.{name} takes arguments")
        if name == "id" and get_named_type(field.type) is GraphQLID:
            return global_id(gql_type.name, inspect(entity).primary_key[0])
        if definition.base_resolver is not None:
            raise NotPlannable(f"{gql_type.name}.{name} has a resolver")
        return _scalar(getattr(entity, definition.python_name, None), field)

    def relation_json(
        self,
        spec: Any,
        parent: Any,
        field: GraphQLField,
        nodes: list[FieldNode],
        arguments: dict[str, Any],
    ) -> ColumnElement[Any]:
        if spec.shape is not None:
            raise NotPlannable("a shaped relation needs its own SQL")
        loaders = [(getattr(self.loaders, hop.loader), hop.key) for hop in spec.hops]
        if spec.paged:
            ((loader, key),) = loaders
            page = PageRequest(first=arguments.get("first"), after=arguments.get("after"))
            return self.page_json(loader, spec.hops[0].loader, parent, key, field, nodes, page)
        if arguments:
            raise NotPlannable("relation arguments")
        if len(loaders) == 1 and isinstance(loaders[0][0], many):
            loader, key = loaders[0]
            statement, item = self._many(loader, parent, key)
            order = [*loader.order, *inspect(item).primary_key]
            return self.array(statement, self.object_json(object_type(field), item, nodes), order)
        return self._one_chain(loaders, parent, field, nodes)

    def _one_chain(
        self, loaders: list[tuple[Any, str]], parent: Any, field: GraphQLField, nodes: list
    ) -> ColumnElement[Any]:
        """A row reached through ``one`` loaders (a city's country, its country's region)."""
        source, entities, conditions = parent, [], []
        for loader, key in loaders:
            if not isinstance(loader, one) or is_list(field.type):
                raise NotPlannable("not a chain of single rows")
            entity = loader.column.class_
            if entity is parent or entity in entities:
                raise NotPlannable("a table twice in one scope")
            conditions += [loader.column == getattr(source, key), *loader.conditions(self.viewer)]
            entities.append(entity)
            source = entity
        item = self.object_json(object_type(field), source, nodes)
        statement = select(item).select_from(*entities).where(*conditions)
        return statement.correlate(parent).scalar_subquery()

    def _many(self, loader: many, parent: Any, key: str) -> tuple[Select[Any], Any]:
        """The rows of a ``many`` loader under one parent row, correlated to it."""
        if parent in (loader.key.class_, loader.item):
            raise NotPlannable("a table twice in one scope")  # it would shadow the parent
        statement = select(loader.key).select_from(loader.key.class_)
        if loader.on is not None:
            statement = statement.join(loader.item, loader.on)
        statement = statement.where(
            loader.key == getattr(parent, key), *loader.conditions(self.viewer)
        )
        return statement.correlate(parent), loader.item

    def page_json(
        self,
        loader: Any,
        name: str,
        parent: Any,
        key: str,
        field: GraphQLField,
        nodes: list[FieldNode],
        page: PageRequest,
    ) -> ColumnElement[Any]:
        """One page (``first`` after ``after``) of a nested connection, paged and with
        cursors as the resolvers' ``page_of`` makes them."""
        if not isinstance(loader, many):
            raise NotPlannable("not a many loader")
        wanted = read_connection(self.selection, object_type(field), nodes)
        try:
            page = page.validated()
            sort = SortKey(name, tuple(loader.order))
            after = (
                decode_cursor(page.after, name, [column_kind(c) for c in sort.columns], "after")
                if page.after is not None
                else None
            )
        except UserInputError:
            raise NotPlannable("a bad page request: the resolvers report it") from None
        limit = page.first
        assert limit is not None
        statement, item = self._many(loader, parent, key)
        bounded = (
            statement if after is None else statement.where(tuple_(*sort.columns) > tuple_(*after))
        )
        order = [c.asc() for c in sort.columns]
        columns: list[ColumnElement[Any]] = [func.row_number().over(order_by=order).label(_RANK)]
        if wanted.selects("cursor", "startCursor", "endCursor"):
            columns.append(cursor_sql(name, sort.columns).label(_CURSOR))
        if wanted.selects("endCursor"):
            columns.append(func.count().over().label(_MATCHING))  # before the LIMIT
        for part in wanted.parts:
            for inner in part.inner:
                if inner.name == "node":
                    label = f"_node{len(columns)}"
                    node = self.object_json(wanted.node_type, item, inner.nodes).label(label)
                    columns.append(node)
                    inner.column = label
        rows = (
            bounded.with_only_columns(*columns, maintain_column_froms=True)
            .order_by(*order)
            .limit(limit + 1)
            .subquery()
        )
        rank = rows.c[_RANK]
        pairs: list[ColumnElement[Any]] = []
        for part in wanted.parts:
            if part.name == "__typename":
                value = text(part.typename)
            elif part.name == "totalCount":
                count = statement.with_only_columns(func.count(), maintain_column_froms=True)
                value = count.scalar_subquery()
            elif part.name == "edges":
                edge: list[ColumnElement[Any]] = []
                for inner in part.inner:
                    if inner.column:
                        value = rows.c[inner.column]
                    elif inner.name == "cursor":
                        value = rows.c[_CURSOR]
                    else:
                        value = text(inner.typename)
                    edge += [text(inner.key), value]
                aggregated = func.json_agg(aggregate_order_by(func.json_build_object(*edge), rank))
                value = func.coalesce(aggregated.filter(rank <= limit), EMPTY_ARRAY)
            else:
                info: list[ColumnElement[Any]] = []
                for inner in part.inner:
                    value = _page_info_sql(inner.name, inner.typename, limit, page, rows)
                    info += [text(inner.key), value]
                value = func.json_build_object(*info)
            pairs += [text(part.key), value]
        # One row even when nothing aggregates (only totalCount asked) or the page is empty.
        statement = select(func.json_build_object(*pairs)).select_from(rows)
        return statement.group_by(literal_column("()")).scalar_subquery()


def _page_info_sql(
    name: str, typename: str, limit: int, page: PageRequest, rows: Any
) -> ColumnElement[Any]:
    rank = rows.c[_RANK]
    if name == "hasNextPage":
        return func.count() > limit  # the page's rows hold one more when there is more
    if name == "hasPreviousPage":
        return true() if page.after is not None else false()
    if name == "startCursor":
        return func.max(rows.c[_CURSOR]).filter(rank == 1)
    if name == "endCursor":
        return func.max(rows.c[_CURSOR]).filter(rank == func.least(rows.c[_MATCHING], limit))
    return text(typename)  # __typename


def cursor_sql(name: str, columns: Sequence[Any]) -> ColumnElement[Any]:
    """``pagination.encode_cursor`` in SQL, byte for byte: the URL-safe base64, unpadded, of
    the compact JSON ``[name, *sort key]``. Text and integer keys only (``to_json`` escapes
    text as orjson does); other kinds need the resolvers."""
    parts: list[ColumnElement[Any]] = [text(f'["{name}"')]  # a loader's name: [a-z_]
    for column in columns:
        kind = column_kind(column)
        if kind is str:
            value = cast(func.to_json(column), Text)
        elif kind is int:
            value = cast(column, Text)
        else:
            raise NotPlannable(f"a {kind.__name__} in a cursor")
        parts += [text(","), func.coalesce(value, text("null"))]
    raw = func.convert_to(func.concat(*parts, text("]")), text("UTF8"))
    return func.translate(
        func.rtrim(_one_line(func.encode(raw, text("base64"))), text("=")), text("+/"), text("-_")
    )


def global_id(type_name: str, key: Any) -> ColumnElement[Any]:
    """Strawberry's Relay id: base64 of ``Type:pk``, on one line (PostgreSQL's base64 breaks
    lines after 76 characters)."""
    raw = func.convert_to(text(f"{type_name}:") + cast(key, Text), text("UTF8"))
    return _one_line(func.encode(raw, text("base64")))


def _one_line(base64: ColumnElement[Any]) -> ColumnElement[Any]:
    """PostgreSQL's base64 without the line breaks it puts after every 76 characters."""
    return func.replace(base64, literal_column("E'\\n'"), text(""))


def _scalar(attribute: Any, field: GraphQLField) -> ColumnElement[Any]:
    """A column whose JSON is exactly what the resolvers would serialise, else NotPlannable:
    text, integers, booleans and enums stored by name (dates, floats and JSON columns are
    serialised differently by PostgreSQL)."""
    if not isinstance(attribute, InstrumentedAttribute) or is_list(field.type):
        raise NotPlannable("not a column")
    column = attribute.expression
    gql_type = get_named_type(field.type)
    python_type = column_kind(column)
    if (gql_type, python_type) in ((GraphQLString, str), (GraphQLInt, int), (GraphQLBoolean, bool)):
        return column
    if isinstance(gql_type, GraphQLEnumType) and isinstance(column.type, SqlEnum):
        members = column.type.enum_class
        if members is not None and all(gql_type.serialize(m) == m.name for m in members):
            return column  # stored by name (db.enum_column), which is the GraphQL name
    raise NotPlannable(f"{gql_type} from {column.type}")
