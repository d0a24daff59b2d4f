"""How much one request may ask for: depth, aliases, cost, argument bounds and wall-clock time.

Depth and aliases depend only on the document, so they are validation rules (built once per
process, so strawberry's ValidationCache recognises them and validates each document once).
Cost and argument bounds depend on the variables, so they are checked after validation and
before execution. Every walk memoises fragments: a request is judged in time linear in its size.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    get_operation_ast,
)
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from gnlc_hub.config import Settings
from gnlc_hub.graphql.core.bounds import check_arguments
from gnlc_hub.graphql.core.cost import operation_cost

# Generous for portal queries, tight enough that one request cannot ask for the whole database.
MAX_DEPTH = 12
MAX_ALIASES = 30


def request_settings(context: Any) -> Settings:
    """The hub's settings for this request (the defaults when a caller runs the schema bare,
    without reading the environment)."""
    settings = getattr(getattr(context, "runtime", None), "settings", None)
    return settings if isinstance(settings, Settings) else Settings.model_construct()


def _shape(document: DocumentNode) -> Iterator[tuple[OperationDefinitionNode, int, int]]:
    """(operation, depth, aliases) of each operation; a fragment is measured once."""
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    memo: dict[str, tuple[int, int]] = {}

    def measure(selection_set: SelectionSetNode | None) -> tuple[int, int]:
        depth = aliases = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__"):
                    continue  # introspection is not data
                below, inner = measure(selection.selection_set)
                depth = max(depth, below + 1)
                aliases += inner + (1 if selection.alias else 0)
            elif isinstance(selection, InlineFragmentNode):
                below, inner = measure(selection.selection_set)
                depth, aliases = max(depth, below), aliases + inner
            elif isinstance(selection, FragmentSpreadNode):
                below, inner = fragment(selection.name.value)
                depth, aliases = max(depth, below), aliases + inner
        return depth, aliases

    def fragment(name: str) -> tuple[int, int]:
        if name not in memo:
            memo[name] = (0, 0)  # a cycle counts nothing; NoFragmentCycles reports it
            definition = fragments.get(name)
            memo[name] = measure(definition.selection_set) if definition else (0, 0)
        return memo[name]

    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            depth, aliases = measure(definition.selection_set)
            yield definition, depth, aliases


def shape_rule(max_depth: int, max_aliases: int) -> type[ASTValidationRule]:
    """A validation rule bounding depth (root fields are depth 0) and aliases (in total)."""

    class OperationShapeRule(ValidationRule):
        def enter_document(self, node: DocumentNode, *_: Any) -> bool:
            total_aliases = 0
            for operation, levels, aliases in _shape(node):
                total_aliases += aliases
                if levels - 1 > max_depth:
                    name = operation.name.value if operation.name else "anonymous"
                    self.report_error(
                        GraphQLError(
                            f"'{name}' exceeds maximum operation depth of {max_depth}",
                            operation,
                        )
                    )
            if total_aliases > max_aliases:
                self.report_error(
                    GraphQLError(f"{total_aliases} aliases found. Allowed: {max_aliases}")
                )
            return False  # nothing below the document needs this rule

    return OperationShapeRule


# Built once per process: the same classes on every request keep the validation cache warm.
VALIDATION_RULES: tuple[type[ASTValidationRule], ...] = (shape_rule(MAX_DEPTH, MAX_ALIASES),)


class CostLimitError(GraphQLError):
    """The operation would cost more than the hub answers in one request."""

    def __init__(self, cost: int, limit: int) -> None:
        super().__init__(
            f"This query would cost {cost}, more than the limit of {limit}: ask for fewer "
            "items (`first`), fewer nested lists or fewer fragments.",
            extensions={"code": "COST_LIMIT", "cost": cost, "limit": limit},
        )


class RequestLimits(SchemaExtension):
    """Adds the shape rule to validation, then prices the operation before it executes and
    reports the price in the response's ``extensions.cost``."""

    def __init__(self) -> None:
        super().__init__()
        self.cost: int | None = None
        self.limit: int | None = None

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.validation_rules = (*context.validation_rules, *VALIDATION_RULES)
        yield

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        operation = document and get_operation_ast(document, context.operation_name)
        if document is not None and operation is not None:
            self.limit = request_settings(context.context).max_query_cost
            self.cost = operation_cost(
                context.schema._schema,
                document,
                operation,
                context.variables,
                inspect=check_arguments,
            )
            if self.cost > self.limit:
                raise CostLimitError(self.cost, self.limit)
        yield

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        return {"cost": {"requested": self.cost, "limit": self.limit}}


class ExecutionTimeoutError(GraphQLError):
    """The operation ran longer than the hub allows one request."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"The request took longer than {seconds:g} s and was stopped; ask for less.",
            extensions={"code": "TIMEOUT", "limitSeconds": seconds},
        )


async def within_deadline(
    run: Callable[[], Awaitable[ExecutionResult]],
    context: Any,
    on_timeout: Callable[[], Awaitable[None]],
) -> ExecutionResult:
    """Run one operation under the configured wall-clock limit; on expiry cancel it, let
    ``on_timeout`` release what it held (the request's session) and answer a TIMEOUT error."""
    seconds = request_settings(context).execution_timeout
    try:
        async with asyncio.timeout(seconds):
            return await run()
    except TimeoutError:
        await on_timeout()
        return ExecutionResult(data=None, errors=[ExecutionTimeoutError(seconds)])
