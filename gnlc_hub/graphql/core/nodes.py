"""Relay nodes backed by ORM rows: resolvers return model instances, not copies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, ClassVar

import strawberry
from strawberry import relay
from strawberry.relay.types import GlobalIDValueError
from strawberry.types import Info
from strawberry.types.cast import cast as strawberry_cast

from gnlc_hub.core.validation import primary_key
from gnlc_hub.graphql.core.errors import UserInputError


def parse_pk(node_id: str, field: str = "id") -> int:
    """A Relay node id's primary key; an id no row can have is the client's mistake."""
    pk = primary_key(node_id)
    if pk is None:
        raise UserInputError(f"Unknown ID {node_id[:40]!r}.", field=field)
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


def _locate(info: Info, raw: str) -> tuple[type[ModelNode], int]:
    """The type and primary key a global ID names; a client error for anything else."""
    try:
        global_id = relay.GlobalID.from_id(raw)
        node_type = global_id.resolve_type(info)
    except GlobalIDValueError as error:
        raise UserInputError(str(error), field="ids") from None
    if not issubclass(node_type, ModelNode):
        raise UserInputError(f"Unknown ID {raw[:40]!r}.", field="ids")
    return node_type, parse_pk(global_id.node_id, "ids")


async def resolve_each(info: Info, ids: Sequence[str]) -> list[Any]:
    """``nodes(ids:)``: one batched load per type; an ID that cannot name anything is an error
    at its own index (graphql-core turns an exception item into null plus a located error)."""
    results: list[Any] = [None] * len(ids)
    wanted: defaultdict[type[ModelNode], list[tuple[int, int]]] = defaultdict(list)
    for index, raw in enumerate(ids):
        try:
            node_type, pk = _locate(info, raw)
        except UserInputError as error:
            results[index] = error
            continue
        wanted[node_type].append((index, pk))
    for node_type, entries in wanted.items():
        loader = getattr(info.context.loaders, node_type.loader)
        rows = await loader.load_many([pk for _, pk in entries])
        for (index, _), row in zip(entries, rows, strict=True):
            results[index] = None if row is None else strawberry_cast(node_type, row)
    return results


@strawberry.type
class NodeQuery:
    node: relay.Node | None = relay.node(description="Fetch any object by its global ID.")

    @strawberry.field(
        description="Fetch objects by global IDs (at most 100), in order: null for IDs you "
        "cannot see; a malformed ID is an error at its own index, the others still load."
    )
    async def nodes(
        self,
        info: Info,
        ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="The IDs of the objects.")
        ],
    ) -> list[relay.Node | None]:
        return await resolve_each(info, ids)
