"""Automatic persisted queries, Apollo's protocol.

A client sends ``extensions.persistedQuery = {version: 1, sha256Hash}`` without the text; a
hash the hub has not seen gets ``PersistedQueryNotFound`` and the client resends with the text,
which is stored after its hash is checked. Hash-only requests fit in a GET URL, so a CDN can
cache them. The store is a bounded LRU per process: a miss only costs one extra round trip.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from gnlc_hub.graphql.core.http.errors import HttpCode

# The exact message Apollo's PersistedQueryLink looks for before resending the full text.
NOT_FOUND_MESSAGE = "PersistedQueryNotFound"
NOT_SUPPORTED_MESSAGE = "PersistedQueryNotSupported"


@dataclass(frozen=True)
class PersistedQueryError(Exception):
    """A persisted-query step that cannot go on: a request error (no ``data``)."""

    message: str
    code: HttpCode


@dataclass(frozen=True)
class Resolved:
    """The text to execute, and the hash to remember it by once it proved a valid document."""

    query: str | None
    register: str | None = None


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class PersistedQueries:
    """Query texts by SHA-256, least recently used dropped first."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._texts: OrderedDict[str, str] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._texts)

    def resolve(self, query: str | None, extensions: dict[str, object] | None) -> Resolved:
        """The text to execute: ``query`` itself, or the stored text of its hash."""
        persisted = (extensions or {}).get("persistedQuery")
        if persisted is None:
            return Resolved(query)
        if self.capacity == 0:
            raise PersistedQueryError(NOT_SUPPORTED_MESSAGE, HttpCode.PERSISTED_QUERY_NOT_SUPPORTED)
        digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        version = persisted.get("version") if isinstance(persisted, dict) else None
        if version != 1 or not isinstance(digest, str):
            raise PersistedQueryError(
                "extensions.persistedQuery needs version 1 and a sha256Hash string.",
                HttpCode.BAD_REQUEST,
            )
        digest = digest.lower()
        if query is None:
            text = self._texts.get(digest)
            if text is None:
                self.misses += 1
                raise PersistedQueryError(NOT_FOUND_MESSAGE, HttpCode.PERSISTED_QUERY_NOT_FOUND)
            self.hits += 1
            self._texts.move_to_end(digest)
            return Resolved(text)
        if sha256_hex(query) != digest:
            raise PersistedQueryError(
                "The query does not match extensions.persistedQuery.sha256Hash.",
                HttpCode.PERSISTED_QUERY_HASH_MISMATCH,
            )
        return Resolved(query, register=digest)

    def remember(self, digest: str, text: str) -> None:
        """Store a text only after it parsed and validated, so junk cannot evict real queries."""
        self._texts[digest] = text
        self._texts.move_to_end(digest)
        while len(self._texts) > self.capacity:
            self._texts.popitem(last=False)
