"""Read responses built as JSON by PostgreSQL, in one statement per root field.

A portal page of 50 cities with their practices, tags and alliances is a few thousand values;
graphql-core completes every one of them in Python (about 10 µs each), which kept the hub at
several times PostGraphile's latency. PostGraphile's answer is to let the database build the
JSON. So does this module, for the queries it can plan:

- every selected field is a column (text, integer, boolean, a stored enum), a Relay ``id``, a
  declared relation (``graphql.core.relations``: ``one``/``many`` loaders, nested pages) or a
  relation with its own SQL variant (a practice's tags), and every root field declares its rows
  (``sql_root``);
- visibility is the loaders' own ``visible_*`` predicate, applied in the same statement;
- anything else (a resolver of its own, a permission extension, a date, a nested cursor, an
  argument that does not coerce) raises ``NotPlannable`` and the whole operation runs through
  the resolvers as before. Errors therefore always come from the resolvers.

Only on PostgreSQL (``json_build_object``, ``json_agg``, base64 for Relay ids); on SQLite the
resolvers answer. Tests compare both paths' answers on the same data.
"""

from gnlc_hub.graphql.core.sql_json.builder import SqlField
from gnlc_hub.graphql.core.sql_json.marks import (
    DEFINITION,
    RELATION,
    SQL_FIELD,
    NotPlannable,
    RootRows,
    sql_root,
)

__all__ = [
    "DEFINITION",
    "RELATION",
    "SQL_FIELD",
    "NotPlannable",
    "RootRows",
    "SqlField",
    "sql_root",
]
