"""A query's selection as the resolvers will meet it: fragments, type conditions, ``@skip`` and
``@include`` and argument values, read ahead of execution.

Bulk relations (``graphql.core.relations``) and responses built in SQL (``graphql.core.sql_json``)
both look ahead; this is their one reading of a selection. graphql-core's own
``collect_subfields`` is internal API that changed between 3.2 and 3.3, so it is not used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLBoolean,
    GraphQLField,
    GraphQLObjectType,
    InlineFragmentNode,
    SelectionNode,
    Undefined,
    value_from_ast,
)


@dataclass
class Selection:
    """The fragments and (coerced) variables of one operation."""

    fragments: dict[str, FragmentDefinitionNode]
    variables: Any

    def arguments(self, field: GraphQLField, node: FieldNode) -> dict[str, Any]:
        """The field's arguments as its resolver gets them (variables substituted); a
        ``ValueError`` for one that does not coerce (execution reports it)."""
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        values = {}
        for name, definition in field.args.items():
            if name in given:
                value = value_from_ast(given[name], definition.type, self.variables)
                if value is Undefined:
                    raise ValueError(f"invalid argument {name}")
                values[name] = value
            elif definition.default_value is not Undefined:
                values[name] = definition.default_value
        return values

    def fields(self, gql_type: GraphQLObjectType, nodes: Iterable[FieldNode]) -> list[FieldNode]:
        """The fields selected below ``nodes`` on ``gql_type``, through fragments."""
        found: list[FieldNode] = []
        for node in nodes:
            if node.selection_set is not None:
                self._collect(gql_type, node.selection_set.selections, found)
        return found

    def by_response_key(
        self, gql_type: GraphQLObjectType, nodes: Iterable[FieldNode]
    ) -> dict[str, list[FieldNode]]:
        """The selected fields grouped by response key (alias or name), in response order: one
        key selected twice is one entry whose sub-selections merge, as in execution."""
        grouped: dict[str, list[FieldNode]] = {}
        for node in self.fields(gql_type, nodes):
            key = node.alias.value if node.alias is not None else node.name.value
            grouped.setdefault(key, []).append(node)
        return grouped

    def _collect(
        self, gql_type: GraphQLObjectType, selections: Iterable[SelectionNode], found: list
    ) -> None:
        for selection in selections:
            if not self._included(selection):
                continue
            if isinstance(selection, FieldNode):
                found.append(selection)
                continue
            if isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is None:
                    continue
                condition, inner = fragment.type_condition, fragment.selection_set
            elif isinstance(selection, InlineFragmentNode):
                condition, inner = selection.type_condition, selection.selection_set
            else:
                continue
            name = condition.name.value if condition is not None else None
            if (
                name is None
                or name == gql_type.name
                or any(interface.name == name for interface in gql_type.interfaces)
            ):
                self._collect(gql_type, inner.selections, found)

    def _included(self, node: SelectionNode) -> bool:
        """False for a selection that ``@skip`` or ``@include`` leaves out."""
        for directive in getattr(node, "directives", None) or ():
            name = directive.name.value
            if name not in ("skip", "include"):
                continue
            condition = next((a.value for a in directive.arguments if a.name.value == "if"), None)
            if value_from_ast(condition, GraphQLBoolean, self.variables) is (name == "skip"):
                return False
        return True
