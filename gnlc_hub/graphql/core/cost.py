"""Query cost: what a document would make the server do, priced before it runs.

A field costs its own price (1 for an object, 0 for a scalar, or an override) plus what is
selected below it, times the number of items it can return: `first`/`last` for pages, a declared
bound for plain lists. Fragments are priced once per page size and re-used at every spread, so
pricing is linear in the document even when the expanded query is exponential (a fragment bomb).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLNamedType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    is_list_type,
    value_from_ast_untyped,
)

PAGE_ARGUMENTS = ("first", "last")

# The most items a plain list can hold in practice (the network has five regions, fewer than
# 100 countries…). Lists missing here are priced at CostModel.default_list_bound.
LIST_BOUNDS: Mapping[str, int] = MappingProxyType(
    {
        "Query.regions": 5,
        "Query.countries": 100,
        "Query.themes": 50,
        "Query.clusters": 20,
        "Query.publications": 50,
        "Query.apiTokens": 50,
        "NetworkStats.byRegion": 5,
        "NetworkStats.byCountry": 100,
        "NetworkStats.byAdmissionYear": 30,
        "Cluster.members": 50,
        "FacetDistribution.values": 100,
        "Programme.hosts": 5,
        "PeerMatch.reasons": 5,
    }
)

# Fields whose list is as long as one of their arguments.
LIST_ARGUMENTS: Mapping[str, str] = MappingProxyType({"Query.nodes": "ids"})

# Fields dearer than one object: they run a search or a matching round on every call.
FIELD_COSTS: Mapping[str, int] = MappingProxyType(
    {"Query.searchPractices": 10, "Query.peerMatches": 50}
)


@dataclass(frozen=True)
class CostModel:
    """Prices and list bounds; the defaults suit the hub's schema."""

    object_cost: int = 1
    default_list_bound: int = 10
    default_page_size: int = 20
    field_costs: Mapping[str, int] = field(default_factory=lambda: FIELD_COSTS)
    list_bounds: Mapping[str, int] = field(default_factory=lambda: LIST_BOUNDS)
    list_arguments: Mapping[str, str] = field(default_factory=lambda: LIST_ARGUMENTS)


ArgumentInspector = Callable[[str, GraphQLField, Mapping[str, Any]], None]
"""Called once per priced field with its coordinate (`Type.field`), definition and arguments."""


def _returns_list(type_: GraphQLOutputType) -> bool:
    return is_list_type(get_nullable_type(type_))  # type: ignore[arg-type]


def _is_wrapper(type_: GraphQLNamedType) -> bool:
    """Edges and page info only hold what their connection already paid for."""
    fields = getattr(type_, "fields", {})
    return type_.name == "PageInfo" or ("node" in fields and "cursor" in fields)


class _Pricer:
    """One walk over one operation; fragment prices are memoised by (name, page size)."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any] | None,
        model: CostModel,
        inspect: ArgumentInspector | None,
    ) -> None:
        self.schema = schema
        self.variables = dict(variables or {})
        self.model = model
        self.inspect = inspect
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.memo: dict[tuple[str, int | None], int] = {}
        self.pricing: set[tuple[str, int | None]] = set()

    def selections(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType, page: int | None
    ) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, page)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                if target is not None:
                    total += self.selections(selection.selection_set, target, page)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, page)
        return total

    def fragment(self, name: str, page: int | None) -> int:
        key = (name, page)
        cached = self.memo.get(key)
        if cached is not None:
            return cached
        definition = self.fragments.get(name)
        if definition is None or key in self.pricing:
            return 0  # unknown or cyclic: validation reports those
        self.pricing.add(key)
        target = self.schema.get_type(definition.type_condition.name.value)
        cost = self.selections(definition.selection_set, target, page) if target else 0
        self.pricing.discard(key)
        self.memo[key] = cost
        return cost

    def field(self, node: FieldNode, parent: GraphQLNamedType, page: int | None) -> int:
        name = node.name.value
        definition: GraphQLField | None = getattr(parent, "fields", {}).get(name)
        if definition is None:
            return 0  # __typename, introspection, or unknown (validation reports it)
        coordinate = f"{parent.name}.{name}"
        arguments = {
            argument.name.value: value_from_ast_untyped(argument.value, self.variables)
            for argument in node.arguments or ()
        }
        if self.inspect is not None:
            self.inspect(coordinate, definition, arguments)
        target = get_named_type(definition.type)
        if not is_composite_type(target):
            return self.model.field_costs.get(coordinate, 0)
        own = self.model.field_costs.get(
            coordinate, 0 if _is_wrapper(target) else self.model.object_cost
        )
        size = self.page_size(definition, arguments)
        items = 1
        if _returns_list(definition.type):
            if size is not None:
                items = size
            elif page is not None:
                items = page
            else:
                items = self.bound(coordinate, arguments)
            size = None  # the page is this list itself, not a list below it
        children = self.selections(node.selection_set, target, size) if node.selection_set else 0
        return items * (own + children)

    def page_size(self, definition: GraphQLField, arguments: Mapping[str, Any]) -> int | None:
        """Items per page of a paged field, or None when the field takes no page arguments."""
        if not any(name in definition.args for name in PAGE_ARGUMENTS):
            return None
        for name in PAGE_ARGUMENTS:
            value = arguments.get(name)
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                return value
        return self.model.default_page_size

    def bound(self, coordinate: str, arguments: Mapping[str, Any]) -> int:
        argument = self.model.list_arguments.get(coordinate)
        if argument is not None and isinstance(arguments.get(argument), list):
            return len(arguments[argument])
        return self.model.list_bounds.get(coordinate, self.model.default_list_bound)


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None = None,
    *,
    model: CostModel | None = None,
    inspect: ArgumentInspector | None = None,
) -> int:
    """The price of ``operation``; ``inspect`` sees every field's arguments on the way."""
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    pricer = _Pricer(schema, document, variables, model or CostModel(), inspect)
    return pricer.selections(operation.selection_set, root, None)
