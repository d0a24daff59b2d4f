"""Parse and validation caches bounded by document size as well as by count.

Portals send the same few small documents over and over, so caching them pays. A cached entry
keeps the text, its tokens and its syntax tree (about three times the text), and strawberry's
caches bound only the number of entries: a few hundred one-off documents padded to hundreds of
kilobytes (comments cost no tokens) held 400+ MB for good. Larger documents are parsed and
validated per request and then forgotten.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql.language.parser import parse
from strawberry.extensions import ParserCache, ValidationCache
from strawberry.schema.schema import validate_document

# The largest document kept: real portal queries are a few kilobytes.
MAX_CACHED_DOCUMENT_CHARS = 16_384


def _too_big(query: str | None) -> bool:
    return query is not None and len(query) > MAX_CACHED_DOCUMENT_CHARS


class BoundedParserCache(ParserCache):
    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if not _too_big(context.query):
            yield from super().on_parse()
            return
        context.graphql_document = parse(context.query, **context.parse_options)
        yield


class BoundedValidationCache(ValidationCache):
    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if not _too_big(context.query):
            yield from super().on_validate()
            return
        context.pre_execution_errors = validate_document(
            context.schema._schema, context.graphql_document, context.validation_rules
        )
        yield
