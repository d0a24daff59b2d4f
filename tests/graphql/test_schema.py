"""The checked-in SDL matches the code, and every type and field is documented."""

from __future__ import annotations

from gnlc_hub.graphql.schema import schema
from gnlc_hub.schema_file import SCHEMA_FILE, printed_schema

BUILT_IN = {"Boolean", "String", "Int", "Float", "ID", "DateTime", "Date"}


def test_schema_file_matches_code() -> None:
    assert SCHEMA_FILE.exists(), "run `make schema` (gnlc-hub export-schema) and commit the file"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == printed_schema(), (
        "schema/schema.graphql is out of date: run `make schema` and review the diff"
    )


def test_every_type_field_argument_and_enum_value_has_a_description() -> None:
    graphql_schema = schema._schema
    missing = []
    for name, type_ in graphql_schema.type_map.items():
        if name.startswith("__") or name in BUILT_IN:
            continue
        if not type_.description:
            missing.append(name)
        for field_name, field in getattr(type_, "fields", {}).items():
            if not field.description:
                missing.append(f"{name}.{field_name}")
            for arg_name, arg in getattr(field, "args", {}).items():
                if not arg.description:
                    missing.append(f"{name}.{field_name}({arg_name})")
        for value_name, value in getattr(type_, "values", {}).items():
            if not value.description:
                missing.append(f"{name}.{value_name}")
    assert missing == []
