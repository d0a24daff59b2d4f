"""Bounds on argument values, checked on the raw request before anything reaches a driver.

One rule for every argument of every field: lists hold at most ``MAX_LIST_VALUES`` values and
text arguments are storable (no NUL, no lone surrogate) and at most ``MAX_TEXT_LENGTH``
characters. Mutation ``input`` texts are left to the domain validators, which answer with
``userErrors``; their lists are still capped here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLScalarType,
    get_nullable_type,
    is_list_type,
)

from gnlc_hub.core.validation import unstorable
from gnlc_hub.graphql.core.errors import UserInputError

MAX_LIST_VALUES = 100
MAX_TEXT_LENGTH = 10_000
TEXT_SCALARS = frozenset({"String", "ID"})


def check_text(value: str, argument: str, *, max_length: int = MAX_TEXT_LENGTH) -> None:
    """The shared validator of text that a client sends and a driver would receive."""
    if unstorable(value):
        raise UserInputError(
            f"`{argument}` contains a character that cannot be stored (NUL or a lone surrogate).",
            field=argument,
        )
    if len(value) > max_length:
        raise UserInputError(
            f"`{argument}` takes at most {max_length} characters (got {len(value)}).",
            field=argument,
        )


def _check(value: Any, type_: GraphQLInputType, where: str, *, texts: bool) -> None:
    if value is None:
        return
    type_ = get_nullable_type(type_)  # type: ignore[arg-type]
    if is_list_type(type_):
        values = value if isinstance(value, list) else [value]
        if len(values) > MAX_LIST_VALUES:
            raise UserInputError(
                f"`{where}` takes at most {MAX_LIST_VALUES} values (got {len(values)}).",
                field=where,
            )
        for item in values:
            _check(item, type_.of_type, where, texts=texts)
    elif isinstance(type_, GraphQLInputObjectType):
        if isinstance(value, Mapping):
            for name, input_field in type_.fields.items():
                if name in value:
                    _check(value[name], input_field.type, f"{where}.{name}", texts=texts)
    elif (
        texts
        and isinstance(type_, GraphQLScalarType)
        and type_.name in TEXT_SCALARS
        and isinstance(value, str)
    ):
        check_text(value, where)


def check_arguments(
    coordinate: str, definition: GraphQLField, arguments: Mapping[str, Any]
) -> None:
    """Raise a BAD_USER_INPUT error for the first argument value out of bounds."""
    mutation_input = coordinate.startswith("Mutation.")
    for name, value in arguments.items():
        argument = definition.args.get(name)
        if argument is not None:
            _check(value, argument.type, name, texts=not (mutation_input and name == "input"))
