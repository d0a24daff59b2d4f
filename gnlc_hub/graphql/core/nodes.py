"""Relay nodes backed by ORM rows: resolvers return model instances, not copies."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

import strawberry
from strawberry import relay
from strawberry.types import Info

from gnlc_hub.core.validation import primary_key
from gnlc_hub.graphql.core.errors import UserInputError


def parse_pk(node_id: str) -> int:
    """A Relay node id's primary key; an id no row can have is the client's mistake."""
    pk = primary_key(node_id)
    if pk is None:
        raise UserInputError(f"Unknown ID {node_id!r}.", field="id")
    return pk


class ModelNode(relay.Node):
    """Base of GraphQL object types whose root is a row of ``model``.

    ``loader`` names the request's DataLoader that fetches visible rows by primary key, so
    ``node``/``nodes`` obey the same visibility rules as every other field.
    """

    model: ClassVar[type]
    loader: ClassVar[str]

    @classmethod
    def is_type_of(cls, obj: Any, _info: Any) -> bool:
        return isinstance(obj, (cls, cls.model))

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Any]:
        loader = getattr(info.context.loaders, cls.loader)
        rows = await loader.load_many([parse_pk(node_id) for node_id in node_ids])
        if required and any(row is None for row in rows):
            raise UserInputError("Some IDs do not exist or are not visible to you.", field="ids")
        return rows


@strawberry.type
class NodeQuery:
    node: relay.Node | None = relay.node(description="Fetch any object by its global ID.")
    nodes: list[relay.Node | None] = relay.node(
        description="Fetch objects by global IDs; null for IDs you cannot see."
    )
