"""Relation fields, loaded for a whole page at once from the query's selection.

A relation field (a city's awards, a practice's themes, a country's region) names the request
loader that fetches it and the parent attribute that keys it. Its resolver is synchronous: it
returns the value when the loader already has it and a batched ``load`` future otherwise, so
it is correct on its own. Lists make it fast: a resolver that returns rows calls
``prefetch_selection``, which looks ahead once at the fields selected below it and, relation
by relation and level by level, loads the related rows of every parent in one batch each. The
fields below then resolve as plain reads — no coroutine, task or future per field, which is
what dominated the time of large portal pages. Visibility stays in the loaders' statements.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import strawberry
from graphql import (
    FieldNode,
    GraphQLField,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    get_named_type,
)
from strawberry.extensions.field_extension import FieldExtension
from strawberry.types import Info

from gnlc_hub.graphql.core.arguments import AfterArg, FirstArg
from gnlc_hub.graphql.core.errors import UserInputError
from gnlc_hub.graphql.core.nested import page_of
from gnlc_hub.graphql.core.pagination import Connection, paginate
from gnlc_hub.graphql.core.selection import Selection
from gnlc_hub.graphql.core.sql_json import DEFINITION, RELATION, SQL_FIELD, RootRows, SqlField

T = TypeVar("T")


@dataclass(frozen=True)
class Hop:
    """One step of a relation: the request loader ``loader`` keyed by the parent's ``key``."""

    loader: str
    key: str


@dataclass(frozen=True)
class Relation:
    """Where a field's value comes from: ``hops`` followed from the parent, then ``shape``d.

    ``paged`` relations are nested connections (``first``/``after``); their loader is the
    request's loader of that page (``graphql.core.nested.page_of``).
    """

    hops: tuple[Hop, ...]
    shape: Callable[[Any], Any] | None = None
    paged: bool = False

    def resolver(self, root: Any, info: GraphQLResolveInfo, **arguments: Any) -> Any:
        """The field's resolver as graphql-core calls it."""
        return self.resolve(root, info.context.loaders, arguments)

    def loader(self, loaders: Any, hop: Hop, arguments: dict[str, Any]) -> Any:
        if self.paged:
            return page_of(loaders, hop.loader, arguments.get("first"), arguments.get("after"))
        return getattr(loaders, hop.loader)

    def resolve(self, root: Any, loaders: Any, arguments: dict[str, Any]) -> Any:
        """The value for ``root``, synchronously when every hop is loaded already."""
        return self._follow(root, loaders, arguments, 0)

    def _follow(self, value: Any, loaders: Any, arguments: dict[str, Any], start: int) -> Any:
        for index in range(start, len(self.hops)):
            hop = self.hops[index]
            key = getattr(value, hop.key)
            if key is None:
                return None
            value = self.loader(loaders, hop, arguments).get(key)
            if inspect.isawaitable(value):
                return self._finish(value, loaders, arguments, index + 1)
        return value if self.shape is None or value is None else self.shape(value)

    async def _finish(
        self, pending: Any, loaders: Any, arguments: dict[str, Any], start: int
    ) -> Any:
        value = self._follow(await pending, loaders, arguments, start)
        return await value if inspect.isawaitable(value) else value

    async def prefetch(
        self, parents: Sequence[Any], loaders: Any, arguments: dict[str, Any]
    ) -> list[Any]:
        """Load the relation for every parent in one batch per hop; the values, per parent."""
        values = list(parents)
        for hop in self.hops:
            loader = self.loader(loaders, hop, arguments)
            keys = [None if value is None else getattr(value, hop.key) for value in values]
            await loader.prefetch(key for key in keys if key is not None)
            values = [None if key is None else loader.loaded[key] for key in keys]
        return values


def relation(
    loader: str,
    key: str = "id",
    *,
    then: Iterable[tuple[str, str]] = (),
    shape: Callable[[Any], Any] | None = None,
    sql: Callable[[SqlField], Any] | None = None,
    graphql_type: Any,
    description: str,
    extensions: list[FieldExtension] | None = None,
) -> Any:
    """A field whose value is ``loader``'s for the parent's ``key`` (then further ``then``
    hops, e.g. a city's country's region), optionally ``shape``d (a practice's tags → SDGs).

    ``sql`` is the same value as a SQL expression, for responses built in SQL
    (``graphql.core.sql_json``) where the loader is hand-written; plain ``one``/``many``
    relations need none."""
    spec = Relation((Hop(loader, key), *(Hop(*hop) for hop in then)), shape)
    metadata: dict[str, Any] = {RELATION: spec}
    if sql is not None:
        metadata[SQL_FIELD] = sql

    def resolve(root: strawberry.Parent[Any], info: Info) -> Any:
        return spec.resolve(root, info.context.loaders, {})

    return strawberry.field(
        resolver=resolve,
        graphql_type=graphql_type,
        description=description,
        extensions=extensions,
        metadata=metadata,
    )


def paged_relation(loader: str, key: str = "id", *, graphql_type: Any, description: str) -> Any:
    """A nested connection: one page (``first`` after ``after``) of ``loader``'s ``many``
    relation under every parent, paged in one statement for all of them."""
    spec = Relation((Hop(loader, key),), paged=True)

    def resolve(
        root: strawberry.Parent[Any], info: Info, first: FirstArg = None, after: AfterArg = None
    ) -> Any:
        return spec.resolve(root, info.context.loaders, {"first": first, "after": after})

    return strawberry.field(
        resolver=resolve,
        graphql_type=graphql_type,
        description=description,
        metadata={RELATION: spec},
    )


def resolve_fields_directly(schema: GraphQLSchema) -> None:
    """Let graphql-core call relation and attribute fields without strawberry's wrapper (an
    Info object, argument conversion, the extension chain), which costs more than the read it
    wraps: these fields have no extensions and only plain scalar arguments. Thousands of them
    make a large page."""
    for gql_type in schema.type_map.values():
        if not isinstance(gql_type, GraphQLObjectType):
            continue
        for field in gql_type.fields.values():
            definition = field.extensions.get(DEFINITION)
            if definition is None or definition.extensions:
                continue
            spec = definition.metadata.get(RELATION)
            if spec is not None:
                field.resolve = spec.resolver
            elif definition.is_basic_field:
                field.resolve = _attribute(definition.python_name)


def _attribute(name: str) -> Callable[..., Any]:
    def resolve(source: Any, _info: GraphQLResolveInfo) -> Any:
        return getattr(source, name)

    resolve._is_default = True  # type: ignore[attr-defined]  # as strawberry marks its own
    return resolve


async def connection_of(info: Info, rows: RootRows) -> Connection[Any]:
    """A root connection's page of ``rows`` (what its ``sql_root`` declares), with relations."""
    assert rows.sort is not None
    assert rows.page is not None
    connection = await paginate(info.context.db, rows.statement, rows.sort, rows.page)
    return await with_relations(info, connection)


async def with_relations(info: Info, value: T) -> T:
    """``value`` (a row, a list of rows or a connection), once every relation selected below
    the field being resolved is loaded for all of it. An optimisation only: what it does not
    load, the relation fields load themselves."""
    raw = info._raw_info
    gql_type = get_named_type(raw.return_type)
    if isinstance(gql_type, GraphQLObjectType) and value is not None:
        objects = list(value) if isinstance(value, list) else [value]
        walk = _Walk(info.context.loaders, Selection(raw.fragments, raw.variable_values))
        await walk.objects(gql_type, objects, raw.field_nodes)
    return value


@dataclass
class _Walk:
    """One look-ahead over a query's selection, with its fragments and variables."""

    loaders: Any
    selection: Selection

    async def objects(
        self, gql_type: GraphQLObjectType, objects: list[Any], nodes: Iterable[FieldNode]
    ) -> None:
        if not objects:
            return
        for node in self.selection.fields(gql_type, nodes):
            field: GraphQLField | None = gql_type.fields.get(node.name.value)
            if field is None:
                continue
            target = get_named_type(field.type)
            definition = field.extensions.get(DEFINITION)
            spec = definition.metadata.get(RELATION) if definition is not None else None
            if spec is not None and not definition.extensions:
                try:
                    arguments = self.selection.arguments(field, node)
                    values = await spec.prefetch(objects, self.loaders, arguments)
                except (UserInputError, ValueError):
                    continue  # a bad argument: the field itself reports it, at its own path
            elif (
                isinstance(target, GraphQLObjectType)
                and definition is not None
                and definition.base_resolver is None
            ):
                # A plain object field (a connection's edges, an edge's node): walk through it.
                name = definition.python_name
                values = [getattr(item, name, None) for item in objects]
            else:
                continue
            if isinstance(target, GraphQLObjectType) and (spec is None or spec.shape is None):
                await self.objects(target, list(_flatten(values)), [node])


def _flatten(values: Iterable[Any]) -> Iterable[Any]:
    for value in values:
        if isinstance(value, (list, tuple)):
            yield from (item for item in value if item is not None)
        elif value is not None:
            yield value
