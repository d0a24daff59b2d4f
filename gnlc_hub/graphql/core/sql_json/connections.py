"""What a client selected of a Relay connection, read once for both kinds of connection built
in SQL: nested pages (all in SQL) and root pages (rows in SQL, envelope and cursors in Python)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import FieldNode, GraphQLField, GraphQLObjectType, get_named_type

from gnlc_hub.graphql.core.selection import Selection
from gnlc_hub.graphql.core.sql_json.marks import NotPlannable

CONNECTION_FIELDS = {"totalCount", "edges", "pageInfo", "__typename"}
EDGE_FIELDS = {"node", "cursor", "__typename"}
PAGE_INFO_FIELDS = {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename"}


def object_type(gql_field: GraphQLField) -> GraphQLObjectType:
    target = get_named_type(gql_field.type)
    if not isinstance(target, GraphQLObjectType):
        raise NotPlannable(f"{target} is not an object type")
    return target


@dataclass
class Part:
    """One selected field: its response key, its name and, for edges and page info, the
    fields selected inside (edges keep each node's field nodes)."""

    key: str
    name: str
    typename: str
    inner: list[Part] = field(default_factory=list)
    nodes: list[FieldNode] = field(default_factory=list)
    column: str | None = None  # for a node: where the statement puts its JSON


@dataclass(frozen=True)
class ConnectionSelection:
    connection: GraphQLObjectType
    node_type: GraphQLObjectType
    parts: list[Part]

    def selects(self, *names: str) -> bool:
        """True when any of ``names`` is selected inside edges or page info."""
        return any(inner.name in names for part in self.parts for inner in part.inner)


def read_connection(
    selection: Selection, connection: GraphQLObjectType, nodes: list[FieldNode]
) -> ConnectionSelection:
    edge_type = object_type(connection.fields["edges"])
    info_type = object_type(connection.fields["pageInfo"])
    parts = []
    for key, field_nodes in selection.by_response_key(connection, nodes).items():
        name = field_nodes[0].name.value
        if name not in CONNECTION_FIELDS:
            raise NotPlannable(f"{connection.name}.{name}")
        part = Part(key, name, connection.name)
        if name in ("edges", "pageInfo"):
            inner_type, allowed = (
                (edge_type, EDGE_FIELDS) if name == "edges" else (info_type, PAGE_INFO_FIELDS)
            )
            for inner_key, inner_nodes in selection.by_response_key(
                inner_type, field_nodes
            ).items():
                inner_name = inner_nodes[0].name.value
                if inner_name not in allowed:
                    raise NotPlannable(f"{inner_type.name}.{inner_name}")
                part.inner.append(Part(inner_key, inner_name, inner_type.name, nodes=inner_nodes))
        parts.append(part)
    return ConnectionSelection(connection, object_type(edge_type.fields["node"]), parts)
