"""Parse and validation caches keep small documents only: huge one-off documents (padded with
comments, which cost no tokens) are answered and then forgotten, so they cannot pin memory."""

from __future__ import annotations

from strawberry.extensions.parser_cache import _get_parse_cache

from gnlc_hub.graphql.core.caches import MAX_CACHED_DOCUMENT_CHARS
from tests.conftest import GraphQLClient

VIEWER = "{ viewer { role } }"


def cached_documents() -> int:
    return _get_parse_cache(512).cache_info().currsize


def padded(number: int, size: int) -> str:
    return f"# {number}\n#{'x' * size}\n{VIEWER}"


async def test_huge_documents_are_answered_but_not_cached(gql: GraphQLClient) -> None:
    before = cached_documents()
    for number in range(3):
        data = await gql.data(padded(number, MAX_CACHED_DOCUMENT_CHARS))
        assert data == {"viewer": {"role": "ANONYMOUS"}}
    assert cached_documents() == before


async def test_small_documents_are_cached(gql: GraphQLClient) -> None:
    before = cached_documents()
    for number in range(3):
        assert await gql.data(padded(number, 100)) == {"viewer": {"role": "ANONYMOUS"}}
    assert cached_documents() == min(512, before + 3)
