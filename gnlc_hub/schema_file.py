"""The printed SDL that front-end teams code against (``schema/schema.graphql``)."""

from __future__ import annotations

from pathlib import Path

from gnlc_hub import resources

# In a checkout (editable install) this is schema/schema.graphql itself.
SCHEMA_FILE = resources.schema_file()


def printed_schema() -> str:
    from gnlc_hub.graphql.schema import schema

    return schema.as_str().rstrip() + "\n"


def export_schema(path: Path = SCHEMA_FILE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(printed_schema(), encoding="utf-8")
    return path
